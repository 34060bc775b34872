import { and, asc, count, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, isStaff, scopeCondition, type Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { endOfBeijingDay, addDays } from "../../calendar/working-calendar.ts";
import { regionPathOf } from "../../regions/queries/find-regions.ts";
import { tickets, type TicketRow } from "../tickets.tables.ts";
import { authorizePersonalSearch, ticketScope } from "../tickets.policy.ts";
import type { TicketListQuery } from "../tickets.types.ts";

const OPEN = ["submitted", "accepted", "assigned", "in_progress", "suspended"] as const;
const HANDLING = ["assigned", "in_progress", "suspended"] as const;

/** The queues, each a condition on top of the ticket scope; "all" is the scope alone. */
export const TICKET_QUEUES = ["mine", "unit", "unassigned", "due_soon", "overdue", "bounced", "supervised"] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];

/**
 * What puts a ticket in a queue: the one definition the list and the home page's
 * counts (ticket-summary.ts) both use, so a count is the total of the list it links to.
 */
export function queueCondition(actor: Actor, queue: TicketQueue): SQL {
  switch (queue) {
    case "mine":
      return and(isStaff(actor) ? eq(tickets.assigneeId, actor.id) : sql`false`, inArray(tickets.status, [...HANDLING, "resolved"]))!;
    case "unit":
      return and(scopeCondition(actor, tickets.unitRegionPath), inArray(tickets.status, [...HANDLING]))!;
    case "unassigned":
      return inArray(tickets.status, ["submitted", "accepted"]);
    case "due_soon":
      return and(eq(tickets.dueState, "due_soon"), inArray(tickets.status, [...OPEN]))!;
    case "overdue":
      return and(eq(tickets.dueState, "overdue"), inArray(tickets.status, [...OPEN]))!;
    case "bounced":
      return and(or(and(gt(tickets.bounceCount, 0), eq(tickets.status, "accepted")), eq(tickets.isFlaggedToLead, true)), inArray(tickets.status, [...OPEN]))!;
    case "supervised":
      return eq(tickets.isSupervised, true);
  }
}

/** The scope, the queue and the deadline filter of a list: what the home page counts. */
export function listCondition(actor: Actor, query: Pick<TicketListQuery, "queue" | "due">): SQL {
  const queue = query.queue ?? "all";
  return and(
    ticketScope(actor),
    queue === "all" ? undefined : queueCondition(actor, queue),
    query.due ? and(eq(tickets.dueState, query.due), inArray(tickets.status, [...OPEN])) : undefined,
  )!;
}

/**
 * The queues and the searchable list, always inside the actor's scope (the
 * same rule as the detail route). Queues put priority groups first, then the oldest.
 * A search by phone or ID number is refused to roles that see them masked;
 * routes search through searchTickets, which also limits and records such searches.
 */
export async function findTicketRows(tx: Tx, actor: Actor, protector: Protector, query: TicketListQuery): Promise<{ rows: TicketRow[]; total: number }> {
  authorizePersonalSearch(actor, query);
  const queue = query.queue ?? "all";
  const conditions: SQL[] = [listCondition(actor, query)];
  if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.number) conditions.push(sql`${tickets.number} like ${`${escapeLike(query.number)}%`}`);
  // Under every key of the keyring: a row sealed under a retired key matches until it is re-sealed.
  if (query.phone) conditions.push(inArray(tickets.applicantPhoneHash, protector.lookupHashes(query.phone)));
  if (query.idNumber) conditions.push(inArray(tickets.applicantIdHash, protector.lookupHashes(query.idNumber)));
  if (query.name) conditions.push(sql`${tickets.applicantName} like ${`%${escapeLike(query.name)}%`}`);
  if (query.category) conditions.push(eq(tickets.category, query.category));
  if (query.serviceType) conditions.push(eq(tickets.serviceType, query.serviceType));
  if (query.regionCode) {
    const path = await regionPathOf(tx, query.regionCode);
    conditions.push(path ? sql`${tickets.regionPath} like ${`${escapeLike(path)}%`}` : sql`false`);
  }
  if (query.from) conditions.push(sql`${tickets.createdAt} >= ${endOfBeijingDay(addDays(query.from, -1))}`);
  if (query.to) conditions.push(sql`${tickets.createdAt} < ${endOfBeijingDay(query.to)}`);
  const where = and(...conditions);
  const order = queue === "all" ? [desc(tickets.createdAt)] : [desc(tickets.isPriority), asc(tickets.createdAt)];
  const [rows, [{ total }]] = await Promise.all([
    tx.select().from(tickets).where(where).orderBy(...order).limit(query.limit ?? 50).offset(query.offset ?? 0),
    tx.select({ total: count() }).from(tickets).where(where),
  ]);
  return { rows, total };
}
