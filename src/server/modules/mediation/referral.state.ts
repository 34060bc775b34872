import { AppError } from "../../platform/errors.ts";

/**
 * A referral's status (诉调、公调、访调对接), in or out. Incoming referrals start
 * `received` (the receipt is given at once) and become `accepted` when the committee
 * takes the case or `returned` when it declines; outgoing ones start `sent` and move
 * as the court or arbitration body answers. `concluded` when the matter is done.
 */
export const REFERRAL_DIRECTIONS = ["incoming", "outgoing"] as const;
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];
export const REFERRAL_STATUSES = ["sent", "received", "accepted", "returned", "concluded"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralHistoryEntry = { status: ReferralStatus; at: string; by: string | null; byName: string | null; note: string | null };

const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ["received", "returned"],
  received: ["accepted", "returned"],
  accepted: ["concluded"],
  returned: [],
  concluded: [],
};

export const allowedReferralStatuses = (status: ReferralStatus): readonly ReferralStatus[] => NEXT[status];

/** The referral moved to `to`, its history grown by one; INVALID_TRANSITION when the status does not lead there. */
export function moveReferral(
  current: { status: ReferralStatus; history: ReferralHistoryEntry[] },
  to: ReferralStatus,
  by: { id: string | null; name: string | null },
  note: string | null,
  now: Date,
): { status: ReferralStatus; history: ReferralHistoryEntry[] } {
  if (!NEXT[current.status].includes(to)) throw new AppError("INVALID_TRANSITION", `A ${current.status} referral cannot become ${to}`, { field: "status" });
  return { status: to, history: [...current.history, { status: to, at: now.toISOString(), by: by.id, byName: by.name, note }] };
}

/** The receipt number given for a referral received (回执): R + Beijing date + 6 characters of its id. */
export function receiptNumberOf(referralId: string, now: Date): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
  return `R${day}${referralId.replace(/-/g, "").slice(0, 6).toUpperCase()}`;
}
