import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket, type TicketRow } from "../../tickets/queries/get-ticket.ts";
import { markTicketSupervised } from "../../tickets/commands/mark-ticket-facts.ts";
import { OPEN_STATUSES, ticketPolicy } from "../../tickets/tickets.policy.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { ticketHooks } from "../../tickets/tickets.events.ts";
import { supervisionAddressees, supervisionOrders } from "../oversight.tables.ts";


/** 督办: a supervisor orders the handler to respond by `dueAt`. */
export async function issueSupervision(tx: Tx, actor: Actor, ticketId: string, input: { reason: string; dueAt: Date }, now: Date): Promise<string> {
  const row = await lockTicket(tx, ticketId);
  ticketPolicy.authorize(actor, "supervise", row);
  if (input.dueAt.getTime() <= now.getTime()) throw new AppError("VALIDATION_FAILED", "dueAt must be in the future", { field: "dueAt" });
  return insertSupervisionOrder(tx, actor, row, { reason: input.reason, dueAt: input.dueAt, isAutomatic: false, addresseeIds: [] }, now);
}

/**
 * Writes the order, marks the ticket supervised and records the event. The ticket
 * row must already be locked. `is_supervised` stays set once a ticket was
 * supervised: the assessment counts supervised tickets, answered or not.
 */
export async function insertSupervisionOrder(
  tx: Tx,
  actor: Actor,
  row: TicketRow,
  order: { reason: string; dueAt: Date; isAutomatic: boolean; addresseeIds: string[] },
  now: Date,
): Promise<string> {
  // Tickets still being worked on are the only ones a 督办 order can speed up.
  if (!OPEN_STATUSES.includes(row.status)) {
    throw new AppError("INVALID_TRANSITION", `A ${row.status} ticket cannot be supervised`, { field: "ticket" });
  }
  const [created] = await tx
    .insert(supervisionOrders)
    .values({
      ticketId: row.id,
      issuedBy: actor.kind === "staff" ? actor.id : null,
      isAutomatic: order.isAutomatic,
      reason: order.reason,
      dueAt: order.dueAt,
      createdAt: now,
    })
    .returning({ id: supervisionOrders.id });
  if (order.addresseeIds.length > 0) {
    await tx.insert(supervisionAddressees).values(order.addresseeIds.map((accountId) => ({ orderId: created.id, accountId })));
  }
  if (!row.isSupervised) await markTicketSupervised(tx, row.id);
  await recordTicketEvent(
    tx,
    row.id,
    actor,
    "supervision.issued",
    { orderId: created.id, reason: order.reason, dueAt: order.dueAt.toISOString(), isAutomatic: order.isAutomatic, addresseeIds: order.addresseeIds },
    now,
  );
  await ticketHooks.publish(tx, "ticket.supervised", { ticket: row, isAutomatic: order.isAutomatic, actor, now });
  return created.id;
}
