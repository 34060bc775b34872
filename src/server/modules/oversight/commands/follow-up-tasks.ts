import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { loadCalendar } from "../../calendar/queries/find-holiday-years.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
import { followUps } from "../oversight.tables.ts";

/** Follow-up (回访) after resolution is due within 3 working days. */
const FOLLOW_UP_WORKING_DAYS = 3;

/** 回访: by phone when there is a number to call, otherwise by message. A low rating's is a supervisor's, and mandatory. */
export async function createFollowUp(tx: Tx, ticket: Pick<TicketRow, "id" | "applicantPhoneEnc" | "regionPath">, reason: "after_resolution" | "low_rating" | "unrated", now: Date): Promise<string> {
  // Counted on the working days of the matter's region, as the ticket's own deadlines.
  const calendar = await loadCalendar(tx, ticket.regionPath);
  const isLowRating = reason === "low_rating";
  const [created] = await tx
    .insert(followUps)
    .values({
      ticketId: ticket.id,
      method: ticket.applicantPhoneEnc ? "phone" : "message",
      reason,
      isMandatory: isLowRating,
      role: isLowRating ? "supervisor" : "operator",
      dueAt: calendar.addWorkingDays(now, FOLLOW_UP_WORKING_DAYS),
      createdAt: now,
    })
    .returning({ id: followUps.id });
  return created.id;
}

/** The operator's follow-up action closes the ordinary (not mandatory) tasks of the ticket. */
export async function closeFollowUps(tx: Tx, actor: Actor, ticketId: string, outcome: string, now: Date): Promise<void> {
  await tx
    .update(followUps)
    .set({ outcome, doneBy: actor.kind === "staff" ? actor.id : null, doneAt: now })
    .where(and(eq(followUps.ticketId, ticketId), isNull(followUps.doneAt), eq(followUps.isMandatory, false)));
}

/** Whether a follow-up of the ticket is still to be done. */
export async function hasOpenFollowUps(tx: Tx, ticketId: string): Promise<boolean> {
  const [open] = await tx.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.ticketId, ticketId), isNull(followUps.doneAt))).limit(1);
  return Boolean(open);
}

/** Unrated tickets are followed up, and low ratings by a supervisor, before archiving. */
export async function assertNoOpenFollowUps(tx: Tx, ticketId: string): Promise<void> {
  const [open] = await tx.select({ id: followUps.id, role: followUps.role }).from(followUps).where(and(eq(followUps.ticketId, ticketId), isNull(followUps.doneAt))).limit(1);
  if (open) throw new AppError("INVALID_TRANSITION", `A follow-up by a ${open.role} is still open`, { field: "action" });
}
