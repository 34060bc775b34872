import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { ticketPolicy } from "../tickets.policy.ts";
import { extendDeadline } from "../deadlines.ts";
import { lockTicket } from "../queries/get-ticket.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";

export type ExtensionInput = { step: string; amount: number; unit: "hours" | "working_days"; reason: string };

/**
 * An approved extension (延期): a dispatcher or supervisor moves one running
 * deadline of the ticket on, with the reason on the audit trail.
 */
export async function extendTicketDeadline(tx: Tx, actor: Actor, ticketId: string, input: ExtensionInput, now: Date): Promise<Date> {
  const row = await lockTicket(tx, ticketId);
  ticketPolicy.authorize(actor, "extendDeadline", row);
  const dueAt = await extendDeadline(tx, ticketId, input.step, input.amount, input.unit, now);
  if (!dueAt) throw new AppError("VALIDATION_FAILED", `The ticket has no open ${input.step} deadline`, { field: "step" });
  await recordTicketEvent(tx, ticketId, actor, "deadline.extended", { step: input.step, amount: input.amount, unit: input.unit, reason: input.reason, dueAt: dueAt.toISOString() }, now);
  return dueAt;
}
