/**
 * A ticket's trail as the applicant reads it on the portal (进度): the steps
 * that concern them, in their words, and nothing internal — no staff names, no
 * send-backs between units, no deadline warnings, supervision orders or
 * follow-up tasks. The web app words each `step` in the reader's language.
 */
export type ProgressStep =
  | "submitted"
  | "accepted"
  | "rejected"
  | "assigned"
  | "in_progress"
  | "suspended"
  | "resumed"
  | "resolved"
  | "followed_up"
  | "archived"
  | "reopened"
  | "merged"
  | "rated"
  | "material_added";

export type ProgressEntry = {
  step: ProgressStep;
  at: string;
  /** What the applicant is told with the step: the handling unit, the reason for a refusal, the answer. */
  unitName?: string;
  reason?: string;
  answer?: string;
  fileName?: string;
  mergedIntoNumber?: string;
};

type EventLike = { type: string; at: Date; actorKind: string; data: Record<string, unknown> };

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);

/** Actions the applicant is told about, and the step each becomes; the rest (send_back, …) stay inside. */
const ACTION_STEPS: Record<string, ProgressStep> = {
  accept: "accepted",
  reject: "rejected",
  assign: "assigned",
  transfer: "assigned",
  delegate: "assigned",
  start: "in_progress",
  suspend: "suspended",
  resume: "resumed",
  resolve: "resolved",
  follow_up: "followed_up",
  archive: "archived",
  reopen: "reopened",
  merge_into: "merged",
};

/** One event as a progress entry, or null when it is internal. */
export function progressEntry(event: EventLike): ProgressEntry | null {
  const at = event.at.toISOString();
  const d = event.data;
  if (event.type === "ticket.created") return { step: "submitted", at };
  if (event.type === "rating.recorded") return { step: "rated", at };
  // Only what the applicant added themselves, by file name; staff scans of papers are the unit's business.
  if (event.type === "attachment.added") return event.actorKind === "citizen" ? { step: "material_added", at, fileName: text(d.fileName) } : null;
  if (!event.type.startsWith("action.")) return null;
  const step = ACTION_STEPS[event.type.slice("action.".length)];
  if (!step) return null;
  const entry: ProgressEntry = { step, at };
  const unit = d.unit as { name?: unknown } | undefined;
  if (step === "assigned" && unit) entry.unitName = text(unit.name);
  // A refusal's reason is the applicant's to know (it is in the SMS too); a suspension's may be internal.
  if (step === "rejected" || step === "reopened") entry.reason = text(d.reason);
  if (step === "resolved") entry.answer = text(d.summary);
  if (step === "merged") entry.mergedIntoNumber = text((d.target as { number?: unknown } | undefined)?.number);
  return entry;
}

/** The applicant's progress, oldest first; a transfer between units after assignment reads as one more "assigned". */
export function citizenProgress(events: EventLike[]): ProgressEntry[] {
  return events.map(progressEntry).filter((entry): entry is ProgressEntry => entry !== null);
}
