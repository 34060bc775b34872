import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { CalendarEvents } from "../../calendar/calendar.events.ts";
import { loadCalendarBook } from "../../calendar/queries/find-holiday-years.ts";
import { endOfBeijingDay } from "../../calendar/working-calendar.ts";
import { ticketDeadlines, ticketEvents, tickets } from "../tickets.tables.ts";
import { DEADLINE_TRAIL_TYPES, replayDeadline, type TrailEntry } from "../deadline-history.ts";
import { refreshTicketDue } from "../deadlines.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";

export type CalendarChange = CalendarEvents["calendar.changed"];

/** Tickets handled per round, each round locking its tickets in id order. */
const BATCH_SIZE = 200;

export type RecalculationReport = { tickets: number; moved: number; unexplained: string[] };

/**
 * When a year's arrangement is added, edited or removed (nationally, or a
 * region's additions), every running or paused deadline whose span touches the
 * year is counted again from its start on the new calendar, in the same
 * transaction as the change (tickets subscribes to `calendar.changed`).
 *
 * How: a deadline is replayed from its start and the ticket's trail (the limit
 * from `started_at`, then each completed suspension and each approved extension,
 * in order: replayDeadline). Replayed on the calendar as it was before the change
 * it must give the stored due time — a guard: a deadline whose stored time the
 * trail does not explain is left alone and reported, never guessed at. Replayed
 * on the new calendar it gives the new due time. A moved deadline gets a
 * `deadline.recalculated` event (old and new due time, the year, the reason), the
 * ticket's queue columns follow, and its due-soon/overdue marks are cleared when
 * it moved later (the scheduler marks it again when the time comes).
 *
 * "Touches the year": the deadline started before the year's end and its due
 * time, or now (suspensions end by now), is at or after the year's start.
 * Hour limits replay to the same instant and do not move.
 */
export async function recalculateDeadlines(tx: Tx, change: CalendarChange, options: { batchSize?: number } = {}): Promise<RecalculationReport> {
  const { scope, year, now } = change;
  const after = await loadCalendarBook(tx);
  const before = after.replacing(scope?.regionPath ?? null, year, change.previous);
  const yearStart = endOfBeijingDay(`${Number(year) - 1}-12-31`);
  const yearEnd = endOfBeijingDay(`${year}-12-31`);
  const report: RecalculationReport = { tickets: 0, moved: 0, unexplained: [] };
  const calendarRef = scope ? { regionCode: scope.regionCode, regionName: scope.regionName } : "national";
  let afterId: string | null = null;
  for (;;) {
    const candidates: { rows: { ticket_id: string }[] } = await tx.execute<{ ticket_id: string }>(sql`
      select distinct d.ticket_id from ticket_deadlines d join tickets t on t.id = d.ticket_id
      where d.state in ('running', 'paused')
        and d.started_at < ${yearEnd} and greatest(d.due_at, ${now}) >= ${yearStart}
        ${scope ? sql`and t.region_path like ${escapeLike(scope.regionPath) + "%"}` : sql``}
        ${afterId ? sql`and d.ticket_id > ${afterId}` : sql``}
      order by d.ticket_id
      limit ${options.batchSize ?? BATCH_SIZE}`);
    const ids: string[] = candidates.rows.map((r) => r.ticket_id);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1];
    // Locked in id order, like every writer of several tickets, before reading their deadlines.
    const locked = await tx.select({ id: tickets.id, number: tickets.number, regionPath: tickets.regionPath }).from(tickets).where(inArray(tickets.id, ids)).orderBy(asc(tickets.id)).for("update");
    const deadlines = await tx.select().from(ticketDeadlines).where(and(inArray(ticketDeadlines.ticketId, ids), inArray(ticketDeadlines.state, ["running", "paused"])));
    const trail = await tx
      .select({ ticketId: ticketEvents.ticketId, seq: ticketEvents.seq, at: ticketEvents.at, type: ticketEvents.type, data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(inArray(ticketEvents.ticketId, ids), inArray(ticketEvents.type, [...DEADLINE_TRAIL_TYPES])))
      .orderBy(asc(ticketEvents.ticketId), asc(ticketEvents.seq));
    for (const ticket of locked) {
      const entries: TrailEntry[] = trail.filter((e) => e.ticketId === ticket.id);
      let isMoved = false;
      for (const deadline of deadlines.filter((d) => d.ticketId === ticket.id)) {
        const expected = replayDeadline(before.forPath(ticket.regionPath), deadline, entries);
        if (expected.getTime() !== deadline.dueAt.getTime()) {
          if (!report.unexplained.includes(ticket.number)) report.unexplained.push(ticket.number);
          continue;
        }
        const due = replayDeadline(after.forPath(ticket.regionPath), deadline, entries);
        if (due.getTime() === deadline.dueAt.getTime()) continue;
        const isLater = due > deadline.dueAt;
        await tx
          .update(ticketDeadlines)
          .set({ dueAt: due, ...(isLater ? { dueSoonAt: null, overdueAt: null } : {}) })
          .where(eq(ticketDeadlines.id, deadline.id));
        await recordTicketEvent(tx, ticket.id, change.actor, "deadline.recalculated", {
          step: deadline.step,
          previousDueAt: deadline.dueAt.toISOString(),
          dueAt: due.toISOString(),
          year,
          calendar: calendarRef,
          reason: change.next ? "holiday_year_saved" : "holiday_year_removed",
        }, now);
        report.moved += 1;
        isMoved = true;
      }
      if (isMoved) {
        report.tickets += 1;
        await refreshTicketDue(tx, ticket.id, now);
      }
    }
  }
  if (report.moved > 0 || report.unexplained.length > 0) {
    await recordAudit(tx, {
      actor: change.actor,
      action: "deadlines.recalculated",
      entityType: scope ? "regional_holidays" : "holiday_year",
      entityId: scope ? `${scope.regionCode}:${year}` : year,
      at: now,
      ...(scope ? { regionPath: scope.regionPath } : {}),
      detail: { year, calendar: calendarRef, tickets: report.tickets, deadlines: report.moved, unexplained: report.unexplained.slice(0, 100) },
    });
  }
  return report;
}
