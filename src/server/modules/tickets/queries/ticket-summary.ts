import { and, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { addDays, beijingDate, endOfBeijingDay } from "../../calendar/working-calendar.ts";
import { ticketEvents, tickets } from "../tickets.tables.ts";
import { ticketScope } from "../tickets.policy.ts";
import { TICKET_COUNTS, type TicketCountKey } from "../ticket-rules.ts";
import { listCondition } from "./find-tickets.ts";

export { TICKET_COUNTS, type TicketCountKey };


/** Ticket events the home page reports as "since yesterday". */
const CHANGE_EVENTS = { created: "ticket.created", resolved: "action.resolve", overdue: "deadline.overdue", sentBack: "action.send_back" } as const;
export type TicketChangeKey = keyof typeof CHANGE_EVENTS;

/** Midnight (Beijing) starting the day `days` before the Beijing date of `now`. */
export const startOfBeijingDay = (now: Date, daysBefore = 0) => endOfBeijingDay(addDays(beijingDate(now), -daysBefore - 1));

/** Every count of TICKET_COUNTS in one pass over the actor's tickets. */
export async function countTicketQueues(tx: Tx, actor: Actor): Promise<Record<TicketCountKey, number>> {
  const keys = Object.keys(TICKET_COUNTS) as TicketCountKey[];
  const columns = Object.fromEntries(keys.map((key) => [key, sql<number>`count(*) filter (where ${listCondition(actor, TICKET_COUNTS[key])})`.mapWith(Number)]));
  const [row] = await tx.select(columns).from(tickets).where(ticketScope(actor));
  return Object.fromEntries(keys.map((key) => [key, Number(row[key] ?? 0)])) as Record<TicketCountKey, number>;
}

/**
 * What happened to the actor's tickets since yesterday 00:00 Beijing time:
 * tickets taken in, resolved, newly past a deadline, sent back by a handler.
 * Each ticket counts once per kind, read from its event log.
 */
export async function countTicketChanges(tx: Tx, actor: Actor, now: Date): Promise<{ since: string; counts: Record<TicketChangeKey, number> }> {
  const since = startOfBeijingDay(now, 1);
  const keys = Object.keys(CHANGE_EVENTS) as TicketChangeKey[];
  const columns = Object.fromEntries(
    keys.map((key) => [key, sql<number>`count(distinct ${ticketEvents.ticketId}) filter (where ${ticketEvents.type} = ${CHANGE_EVENTS[key]})`.mapWith(Number)]),
  );
  const [row] = await tx
    .select(columns)
    .from(ticketEvents)
    .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
    .where(and(ticketScope(actor), gte(ticketEvents.at, since), inArray(ticketEvents.type, Object.values(CHANGE_EVENTS))));
  return { since: since.toISOString(), counts: Object.fromEntries(keys.map((key) => [key, Number(row[key] ?? 0)])) as Record<TicketChangeKey, number> };
}

/** A leader's day: tickets received today by channel and resolved today, in the actor's scope. */
export async function countTicketsToday(tx: Tx, actor: Actor, now: Date): Promise<{ receivedByChannel: Record<string, number>; received: number; resolved: number }> {
  const start = startOfBeijingDay(now);
  const byChannel = await tx
    .select({ channel: tickets.channel, n: count() })
    .from(tickets)
    .where(and(ticketScope(actor), gte(tickets.createdAt, start)))
    .groupBy(tickets.channel);
  // Resolved today: the resolve events of today (a ticket reopened and resolved again counts once).
  const [{ resolved }] = await tx
    .select({ resolved: sql<number>`count(distinct ${ticketEvents.ticketId})`.mapWith(Number) })
    .from(ticketEvents)
    .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
    .where(and(ticketScope(actor), eq(ticketEvents.type, CHANGE_EVENTS.resolved), gte(ticketEvents.at, start)));
  const receivedByChannel = Object.fromEntries(byChannel.map((r) => [r.channel, Number(r.n)]));
  return { receivedByChannel, received: Object.values(receivedByChannel).reduce((a, b) => a + b, 0), resolved: Number(resolved) };
}
