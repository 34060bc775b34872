import { AppError } from "../../platform/errors.ts";

/**
 * A pre-registration's status as the provider reports it:
 * submitted → received → materials_needed (with the list) → accepted → in_progress → completed,
 * or declined (with the reason) before the work is done. Pure; tested table-driven.
 */
export const PREREGISTRATION_STATUSES = ["submitted", "received", "materials_needed", "accepted", "in_progress", "completed", "declined"] as const;
export type PreregistrationStatus = (typeof PREREGISTRATION_STATUSES)[number];

/** The statuses a provider reports (everything but the applicant's own `submitted`). */
export const PROVIDER_STATUSES = ["received", "materials_needed", "accepted", "in_progress", "completed", "declined"] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

const NEXT: Record<PreregistrationStatus, readonly ProviderStatus[]> = {
  submitted: ["received", "materials_needed", "accepted", "declined"],
  received: ["materials_needed", "accepted", "declined"],
  // A new list replaces the old one; the applicant hands in and the provider receives again or accepts.
  materials_needed: ["received", "materials_needed", "accepted", "declined"],
  accepted: ["in_progress", "materials_needed", "completed", "declined"],
  in_progress: ["materials_needed", "completed"],
  completed: [],
  declined: [],
};

export const nextStatuses = (status: PreregistrationStatus): readonly ProviderStatus[] => NEXT[status];
export const isFinal = (status: PreregistrationStatus) => NEXT[status].length === 0;

export type StatusUpdate = { status: ProviderStatus; note?: string; materialsNeeded?: string[]; reason?: string };

/**
 * Checks an update against the current status: the move must be allowed, a
 * materials_needed update lists what is missing, a decline gives its reason.
 * Throws a 409 (INVALID_TRANSITION) or a 400 naming the field.
 */
export function checkUpdate(current: PreregistrationStatus, update: StatusUpdate): void {
  if (!NEXT[current].includes(update.status)) {
    throw new AppError("INVALID_TRANSITION", `A ${current} pre-registration cannot become ${update.status}`, { field: "status", extra: { status: current, allowed: NEXT[current] } });
  }
  if (update.status === "materials_needed" && !update.materialsNeeded?.some((m) => m.trim())) {
    throw new AppError("VALIDATION_FAILED", "materialsNeeded lists what the applicant must still bring", { field: "materialsNeeded" });
  }
  if (update.status === "declined" && !update.reason?.trim()) throw new AppError("VALIDATION_FAILED", "reason is required to decline", { field: "reason" });
}
