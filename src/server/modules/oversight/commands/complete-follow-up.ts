import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { followUps } from "../oversight.tables.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { followUpPolicy } from "../oversight.policy.ts";

/**
 * A supervisor records the mandatory follow-up a low rating opened. The
 * operator's ordinary follow-up goes through the ticket action `follow_up`,
 * which also moves the ticket on, so it is refused here.
 */
export async function completeFollowUp(tx: Tx, actor: Actor, followUpId: string, input: { outcome: string; isSatisfied: boolean }, now: Date): Promise<string> {
  const [found] = await tx.select({ ticketId: followUps.ticketId }).from(followUps).where(eq(followUps.id, followUpId));
  if (!found) throw notFound("Follow-up");
  const ticket = await lockTicket(tx, found.ticketId);
  const [task] = await tx.select().from(followUps).where(eq(followUps.id, followUpId));
  followUpPolicy.authorize(actor, "complete", { ticket, role: task.role });
  if (task.role !== "supervisor") throw new AppError("INVALID_TRANSITION", "An operator's follow-up is recorded with the ticket action follow_up", { field: "followUpId" });
  if (task.doneAt) throw new AppError("CONFLICT", "This follow-up has already been recorded", { field: "followUpId" });
  await tx
    .update(followUps)
    .set({ outcome: input.outcome, isSatisfied: input.isSatisfied, doneBy: actor.kind === "staff" ? actor.id : null, doneAt: now })
    .where(eq(followUps.id, followUpId));
  await recordTicketEvent(
    tx,
    ticket.id,
    actor,
    "follow_up.recorded",
    { followUpId, reason: task.reason, role: task.role, outcome: input.outcome, isSatisfied: input.isSatisfied },
    now,
  );
  return ticket.id;
}
