import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/index.ts";
import { loadCalendar } from "../calendar/queries/find-holiday-years.ts";
import { serviceRulesFor } from "../services/queries/find-service-settings.ts";
import { serviceRulesCached } from "../services/queries/cached-settings.ts";
import { loadCalendarCached } from "../calendar/queries/cached-calendar.ts";
import type { DeadlineRule } from "../services/service-catalogue.ts";
import { ticketDeadlines, tickets, type TicketDeadlineRow } from "./tickets.tables.ts";
import { DUE_SOON_MS, STEP_MET_BY } from "./ticket-rules.ts";
import { afterExtension, afterPause, dueAt } from "./deadline-history.ts";

/**
 * A ticket's deadlines count on the settings and the working-day calendar of its
 * matter's region (tickets.region_path): the deadline rules of the nearest node
 * on the path with its own service settings, the national holidays plus the
 * regional additions of every node on the path.
 */
export { dueAt, loadCalendar };

/** The deadline rules in force for a service type in a region (by its path). */
export async function deadlineRulesFor(tx: Tx, serviceType: string, regionPath: string): Promise<DeadlineRule[]> {
  return (await serviceRulesFor(tx, serviceType, regionPath)).deadlines;
}

export type PlannedDeadline = { step: string; amount: number; unit: "hours" | "working_days"; dueAt: Date };

/** A new ticket's deadlines, planned before the insert so the row carries next_due_at: calendar and settings from the in-process caches. */
export async function planIntake(tx: Tx, serviceType: string, regionPath: string, now: Date) {
  const calendar = await loadCalendarCached(tx, regionPath);
  const setting = await serviceRulesCached(tx, serviceType, regionPath);
  const deadlines: PlannedDeadline[] = setting.deadlines.map((rule) => ({ step: rule.step, amount: rule.amount, unit: rule.unit, dueAt: dueAt(calendar, rule, now) }));
  const nextDueAt = deadlines.length ? new Date(Math.min(...deadlines.map((d) => d.dueAt.getTime()))) : null;
  return { deadlines, nextDueAt, dueState: dueStateOf(nextDueAt, now) };
}

export function dueStateOf(nextDueAt: Date | null, now: Date): "ok" | "due_soon" | "overdue" {
  if (!nextDueAt) return "ok";
  if (nextDueAt <= now) return "overdue";
  return nextDueAt.getTime() <= now.getTime() + DUE_SOON_MS ? "due_soon" : "ok";
}

/** Starts planned deadlines for a new ticket (the ticket row already carries next_due_at); returns them as written. */
export async function insertDeadlines(tx: Tx, ticketId: string, deadlines: PlannedDeadline[], now: Date): Promise<TicketDeadlineRow[]> {
  if (deadlines.length === 0) return [];
  return tx.insert(ticketDeadlines).values(deadlines.map((d) => ({ ticketId, ...d, startedAt: now, state: "running" as const }))).returning();
}

/** Marks the deadlines an action meets (accept meets `accept`, resolve meets `resolve`…). */
export async function meetDeadlines(tx: Tx, ticketId: string, action: string, now: Date): Promise<void> {
  const steps = Object.entries(STEP_MET_BY).filter(([, actions]) => actions.includes(action)).map(([step]) => step);
  if (steps.length === 0) return;
  await tx
    .update(ticketDeadlines)
    .set({ state: "met", metAt: now })
    .where(and(eq(ticketDeadlines.ticketId, ticketId), inArray(ticketDeadlines.step, steps), inArray(ticketDeadlines.state, ["running", "paused"])));
  await refreshTicketDue(tx, ticketId, now);
}

/**
 * Whether resolving now beats the ticket's running resolve deadline; null when
 * none runs (a service without one). Asked before the deadline is met.
 */
export async function isWithinResolveDeadline(tx: Tx, ticketId: string, now: Date): Promise<boolean | null> {
  const [row] = await tx
    .select({ dueAt: ticketDeadlines.dueAt })
    .from(ticketDeadlines)
    .where(and(eq(ticketDeadlines.ticketId, ticketId), eq(ticketDeadlines.step, "resolve"), inArray(ticketDeadlines.state, ["running", "paused"])));
  return row ? now.getTime() <= row.dueAt.getTime() : null;
}

/** Suspension stops the clocks. */
export async function pauseDeadlines(tx: Tx, ticketId: string, now: Date): Promise<void> {
  await tx.update(ticketDeadlines).set({ state: "paused", pausedAt: now }).where(and(eq(ticketDeadlines.ticketId, ticketId), eq(ticketDeadlines.state, "running")));
  await refreshTicketDue(tx, ticketId, now);
}

async function regionPathOfTicket(tx: Tx, ticketId: string): Promise<string> {
  const [row] = await tx.select({ regionPath: tickets.regionPath }).from(tickets).where(eq(tickets.id, ticketId));
  return row.regionPath;
}

/**
 * Resuming moves each paused deadline on by the time it spent paused: the paused
 * working days (on the calendar of the ticket's region) for working-day rules,
 * the paused hours for hour rules.
 */
export async function resumeDeadlines(tx: Tx, ticketId: string, now: Date): Promise<void> {
  const paused = await tx.select().from(ticketDeadlines).where(and(eq(ticketDeadlines.ticketId, ticketId), eq(ticketDeadlines.state, "paused")));
  if (paused.length === 0) return;
  const calendar = await loadCalendar(tx, await regionPathOfTicket(tx, ticketId));
  for (const deadline of paused) {
    const moved = afterPause(calendar, deadline.dueAt, deadline.unit, deadline.pausedAt ?? now, now);
    await tx.update(ticketDeadlines).set({ state: "running", pausedAt: null, dueAt: moved, dueSoonAt: null, overdueAt: null }).where(eq(ticketDeadlines.id, deadline.id));
  }
  await refreshTicketDue(tx, ticketId, now);
}

/** An approved extension moves one step's deadline. */
export async function extendDeadline(tx: Tx, ticketId: string, step: string, amount: number, unit: "hours" | "working_days", now: Date): Promise<Date | null> {
  const [deadline] = await tx.select().from(ticketDeadlines).where(and(eq(ticketDeadlines.ticketId, ticketId), eq(ticketDeadlines.step, step)));
  if (!deadline || deadline.state === "met" || deadline.state === "cancelled") return null;
  const calendar = await loadCalendar(tx, await regionPathOfTicket(tx, ticketId));
  const moved = afterExtension(calendar, deadline.dueAt, { amount, unit });
  await tx.update(ticketDeadlines).set({ dueAt: moved, dueSoonAt: null, overdueAt: null }).where(eq(ticketDeadlines.id, deadline.id));
  await refreshTicketDue(tx, ticketId, now);
  return moved;
}

/**
 * Starts a step's deadline again from `now` (reopening restarts `resolve`), with
 * the rule now in force in the ticket's region; the row keeps the rule it runs on.
 */
export async function restartDeadline(tx: Tx, ticket: { id: string; serviceType: string; regionPath: string }, step: string, now: Date): Promise<void> {
  const rule = (await deadlineRulesFor(tx, ticket.serviceType, ticket.regionPath)).find((r) => r.step === step);
  if (!rule) return;
  const calendar = await loadCalendar(tx, ticket.regionPath);
  await tx
    .update(ticketDeadlines)
    .set({ state: "running", amount: rule.amount, unit: rule.unit, startedAt: now, dueAt: dueAt(calendar, rule, now), pausedAt: null, metAt: null, dueSoonAt: null, overdueAt: null })
    .where(and(eq(ticketDeadlines.ticketId, ticket.id), eq(ticketDeadlines.step, step)));
  await refreshTicketDue(tx, ticket.id, now);
}

/** Keeps the ticket's queue columns (next_due_at, due_state) in step with its deadlines. */
export async function refreshTicketDue(tx: Tx, ticketId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update tickets t set
      next_due_at = d.next_due,
      due_state = case
        when d.next_due is null then 'ok'
        when d.next_due <= ${now} then 'overdue'
        when d.next_due <= ${new Date(now.getTime() + DUE_SOON_MS)} then 'due_soon'
        else 'ok' end
    from (select min(due_at) as next_due from ticket_deadlines where ticket_id = ${ticketId} and state = 'running') d
    where t.id = ${ticketId}`);
}

/**
 * Starts (or starts again) one step's deadline with a limit the caller computed on
 * the ticket's calendar: for workflows built on tickets (legal aid cases' aid_*
 * steps), whose limits come from their law rather than the service settings.
 */
export async function startDeadlineStep(tx: Tx, ticketId: string, d: { step: string; amount: number; unit: "hours" | "working_days"; startedAt: Date; dueAt: Date }, now: Date): Promise<void> {
  await tx
    .insert(ticketDeadlines)
    .values({ ticketId, step: d.step, amount: d.amount, unit: d.unit, startedAt: d.startedAt, dueAt: d.dueAt, state: "running" })
    .onConflictDoUpdate({
      target: [ticketDeadlines.ticketId, ticketDeadlines.step],
      set: { amount: d.amount, unit: d.unit, startedAt: d.startedAt, dueAt: d.dueAt, state: "running", pausedAt: null, metAt: null, dueSoonAt: null, overdueAt: null },
    });
  await refreshTicketDue(tx, ticketId, now);
}

/** Marks steps met (or cancelled) by a workflow's own action, whatever STEP_MET_BY says of the ticket's. */
export async function settleDeadlineSteps(tx: Tx, ticketId: string, steps: readonly string[], state: "met" | "cancelled", now: Date): Promise<void> {
  if (steps.length === 0) return;
  await tx
    .update(ticketDeadlines)
    .set({ state, metAt: state === "met" ? now : null, pausedAt: null })
    .where(and(eq(ticketDeadlines.ticketId, ticketId), inArray(ticketDeadlines.step, [...steps]), inArray(ticketDeadlines.state, ["running", "paused"])));
  await refreshTicketDue(tx, ticketId, now);
}
