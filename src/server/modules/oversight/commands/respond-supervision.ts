import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { supervisionOrders } from "../oversight.tables.ts";
import { ticketPolicy } from "../../tickets/tickets.policy.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";

/** The handler answers a 督办 order; an order is answered once. */
export async function respondSupervision(tx: Tx, actor: Actor, orderId: string, input: { response: string }, now: Date): Promise<string> {
  const [found] = await tx.select({ ticketId: supervisionOrders.ticketId }).from(supervisionOrders).where(eq(supervisionOrders.id, orderId));
  if (!found) throw notFound("Supervision order");
  // Every writer of an order locks its ticket first, so the order read after the lock is current.
  const row = await lockTicket(tx, found.ticketId);
  ticketPolicy.authorize(actor, "respondSupervision", row);
  const [order] = await tx.select().from(supervisionOrders).where(eq(supervisionOrders.id, orderId));
  if (order.respondedAt) throw new AppError("CONFLICT", "This supervision order has already been answered", { field: "orderId" });
  await tx
    .update(supervisionOrders)
    .set({ response: input.response, respondedBy: actor.kind === "staff" ? actor.id : null, respondedAt: now })
    .where(eq(supervisionOrders.id, orderId));
  await recordTicketEvent(
    tx,
    row.id,
    actor,
    "supervision.responded",
    { orderId, response: input.response, isLate: now.getTime() > order.dueAt.getTime() },
    now,
  );
  return row.id;
}
