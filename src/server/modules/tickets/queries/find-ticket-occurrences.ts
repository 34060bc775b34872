import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { ticketEvents, tickets, type TicketRow } from "../tickets.tables.ts";
import { ticketScope } from "../tickets.policy.ts";

/** What a figure of the analytics counts: the ticket's intake, or an event of its trail (with a condition on it). */
export type TicketOccurrence =
  | { kind: "created" }
  | { kind: "event"; type: string; condition?: "withinDeadline" | "withDeadline" | "lowScore" | "firstResolution" | "automatic" | "manual" };

export type OccurrenceFilter = {
  /** The subtree of the matter's region (tickets.region_path). */
  regionPath: string;
  /** [from, to): instants. */
  from: Date;
  to: Date;
  channel?: string;
  serviceType?: string;
  category?: string;
  occurrence: TicketOccurrence;
  limit: number;
  offset: number;
};

/**
 * The tickets behind a figure of the analytics (docs/analytics.md), one line per
 * occurrence counted — a ticket resolved twice in the period is two lines, as it
 * is two resolutions — so the total is the figure. Within the actor's ticket
 * scope, newest first. The conditions are the rollups' own (migration 0040).
 */
export async function findTicketOccurrences(tx: Tx, actor: Actor, filter: OccurrenceFilter): Promise<{ items: { ticket: TicketRow; at: Date }[]; total: number }> {
  const dims: SQL[] = [ticketScope(actor), sql`${tickets.regionPath} like ${`${escapeLike(filter.regionPath)}%`}`];
  if (filter.channel) dims.push(eq(tickets.channel, filter.channel));
  if (filter.serviceType) dims.push(eq(tickets.serviceType, filter.serviceType));
  if (filter.category) dims.push(eq(tickets.category, filter.category));
  const occurrence = filter.occurrence;
  if (occurrence.kind === "created") {
    const where = and(...dims, gte(tickets.createdAt, filter.from), lt(tickets.createdAt, filter.to));
    const [rows, [{ total }]] = await Promise.all([
      tx.select().from(tickets).where(where).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(filter.limit).offset(filter.offset),
      tx.select({ total: count() }).from(tickets).where(where),
    ]);
    return { items: rows.map((ticket) => ({ ticket, at: ticket.createdAt })), total: Number(total) };
  }
  const conditions: SQL[] = [...dims, eq(ticketEvents.type, occurrence.type), gte(ticketEvents.at, filter.from), lt(ticketEvents.at, filter.to)];
  if (occurrence.condition === "withinDeadline") conditions.push(sql`${ticketEvents.data} -> 'withinDeadline' = 'true'::jsonb`);
  if (occurrence.condition === "withDeadline") conditions.push(sql`jsonb_typeof(${ticketEvents.data} -> 'withinDeadline') = 'boolean'`);
  if (occurrence.condition === "automatic") conditions.push(sql`${ticketEvents.data} -> 'isAutomatic' = 'true'::jsonb`);
  if (occurrence.condition === "manual") conditions.push(sql`${ticketEvents.data} -> 'isAutomatic' is distinct from 'true'::jsonb`);
  if (occurrence.condition === "lowScore") conditions.push(sql`${ticketEvents.data} -> 'hasLowScore' = 'true'::jsonb`);
  if (occurrence.condition === "firstResolution") {
    conditions.push(sql`not exists (select 1 from ticket_events r where r.ticket_id = ${ticketEvents.ticketId} and r.type = 'action.reopen' and r.seq < ${ticketEvents.seq})`);
  }
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    tx
      .select({ ticket: tickets, at: ticketEvents.at })
      .from(ticketEvents)
      .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
      .where(where)
      .orderBy(desc(ticketEvents.at), desc(ticketEvents.id))
      .limit(filter.limit)
      .offset(filter.offset),
    tx.select({ total: count() }).from(ticketEvents).innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId)).where(where),
  ]);
  return { items: rows, total: Number(total) };
}

/**
 * The live counts of the open tickets of a region subtree (the matter's region):
 * the backlog, those due soon and overdue, by status. Open tickets are few, and
 * tickets_queue indexes them by status.
 */
export async function countOpenTickets(tx: Tx, actor: Actor, regionPath: string): Promise<{ open: number; dueSoon: number; overdue: number; unassigned: number; supervised: number }> {
  const [row] = await tx
    .select({
      open: count(),
      dueSoon: sql<number>`count(*) filter (where ${tickets.dueState} = 'due_soon')`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${tickets.dueState} = 'overdue')`.mapWith(Number),
      unassigned: sql<number>`count(*) filter (where ${tickets.status} in ('submitted', 'accepted'))`.mapWith(Number),
      supervised: sql<number>`count(*) filter (where ${tickets.isSupervised})`.mapWith(Number),
    })
    .from(tickets)
    .where(and(ticketScope(actor), sql`${tickets.regionPath} like ${`${escapeLike(regionPath)}%`}`, sql`${tickets.status} in ('submitted', 'accepted', 'assigned', 'in_progress', 'suspended')`));
  return { open: Number(row.open), dueSoon: row.dueSoon, overdue: row.overdue, unassigned: row.unassigned, supervised: row.supervised };
}
