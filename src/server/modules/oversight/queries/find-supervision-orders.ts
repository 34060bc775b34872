import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { visibleTicketCondition } from "../../tickets/queries/ticket-facts.ts";
import { ticketPolicy } from "../../tickets/tickets.policy.ts";
import { supervisionAddressees, supervisionOrders } from "../oversight.tables.ts";
import type { SupervisionListQuery, SupervisionOrderView } from "../oversight.types.ts";

/** Which orders a ledger query shows; the ledger and the home page's counts both use it. */
export function supervisionCondition(actor: Actor, query: Pick<SupervisionListQuery, "state" | "ticketId" | "isMine">, now: Date): SQL {
  const conditions: SQL[] = [visibleTicketCondition(actor, supervisionOrders.ticketId)];
  switch (query.state ?? "open") {
    case "open":
      conditions.push(isNull(supervisionOrders.respondedAt));
      break;
    case "overdue":
      conditions.push(isNull(supervisionOrders.respondedAt), lt(supervisionOrders.dueAt, now));
      break;
    case "responded":
      conditions.push(isNotNull(supervisionOrders.respondedAt));
      break;
  }
  if (query.ticketId) conditions.push(eq(supervisionOrders.ticketId, query.ticketId));
  if (query.isMine) {
    conditions.push(
      isStaff(actor)
        ? or(
            eq(supervisionOrders.issuedBy, actor.id),
            sql`exists (select 1 from ${supervisionAddressees} a where a.order_id = ${supervisionOrders.id} and a.account_id = ${actor.id})`,
          )!
        : sql`false`,
    );
  }
  return and(...conditions)!;
}

/**
 * 督办台账: orders on the tickets the actor may see (the ticket scope, the same
 * rule as the ticket detail), newest first.
 */
export async function findSupervisionOrders(tx: Tx, actor: Actor, query: SupervisionListQuery, now: Date): Promise<{ items: SupervisionOrderView[]; total: number }> {
  const where = supervisionCondition(actor, query, now);
  // One after the other: inside a transaction both would share one connection.
  const orders = await tx
    .select()
    .from(supervisionOrders)
    .where(where)
    .orderBy(desc(supervisionOrders.createdAt), desc(supervisionOrders.id))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(supervisionOrders).where(where);
  if (orders.length === 0) return { items: [], total };
  const ticketsById = new Map((await getTicketRows(tx, orders.map((o) => o.ticketId))).map((t) => [t.id, t]));
  const rows = orders.flatMap((order) => {
    const ticket = ticketsById.get(order.ticketId);
    return ticket ? [{ order, ticket }] : [];
  });

  const addresseeLinks = await tx.select().from(supervisionAddressees).where(inArray(supervisionAddressees.orderId, orders.map((o) => o.id)));
  const name = await findStaffNames(tx, [...addresseeLinks.map((a) => a.accountId), ...orders.flatMap((o) => [o.issuedBy, o.respondedBy])]);
  const addresseeRows = addresseeLinks.map((a) => ({ orderId: a.orderId, id: a.accountId, displayName: name.get(a.accountId) ?? "?" }));
  const person = (id: string | null) => (id ? { id, displayName: name.get(id) ?? "?" } : null);

  const items = rows.map(({ order, ticket }) => ({
    id: order.id,
    ticket: { id: ticket.id, number: ticket.number, status: ticket.status },
    isAutomatic: order.isAutomatic,
    reason: order.reason,
    dueAt: order.dueAt.toISOString(),
    issuedBy: person(order.issuedBy),
    addressees: addresseeRows.filter((a) => a.orderId === order.id).map((a) => ({ id: a.id, displayName: a.displayName })),
    response: order.response,
    respondedBy: person(order.respondedBy),
    respondedAt: order.respondedAt?.toISOString() ?? null,
    isOverdue: !order.respondedAt && order.dueAt.getTime() < now.getTime(),
    isRespondedLate: Boolean(order.respondedAt && order.respondedAt.getTime() > order.dueAt.getTime()),
    abilities: { respond: !order.respondedAt && ticketPolicy.can(actor, "respondSupervision", ticket) },
    createdAt: order.createdAt.toISOString(),
  }));
  return { items, total };
}
