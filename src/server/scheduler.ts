import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { AppContext } from "./platform/context.ts";
import type { Tx } from "./platform/db/index.ts";
import { systemActor } from "./policies/actor.ts";
import { findTicketsWithDeadlinesToMark, markTicketDeadlines } from "./modules/tickets/commands/mark-deadlines.ts";
import { escalateOverdueTicket, findTicketsToEscalate } from "./modules/oversight/commands/escalate-overdue.ts";
import { deliverNotifications } from "./modules/notifications/commands/deliver-notifications.ts";
import { deliverUpstreamCallbacks, type DeliveryReport } from "./modules/upstream/commands/deliver-upstream-callbacks.ts";
import { defaultChannels, type NotificationChannels } from "./modules/notifications/notification-channels.ts";
import { findMissingHolidayYears } from "./modules/calendar/queries/find-holiday-years.ts";
import { missingYearLogLine } from "./modules/calendar/calendar-notices.ts";
import { beijingDate, endOfBeijingDay } from "./modules/calendar/working-calendar.ts";

export type SchedulerOptions = {
  /** Who holds the leases; one per tick by default, so two ticks never share a lease. */
  holder?: string;
  /** Senders per channel (tests inject failing ones); everything goes to the dev record by default. */
  channels?: Partial<NotificationChannels>;
  /** How long a lease lasts if its holder dies mid-job. */
  leaseSeconds?: number;
  /** Rows handled per job per tick; the rest wait for the next tick. */
  batchSize?: number;
  /** Where warnings go (a missing holiday year); the console by default. */
  warn?: (message: string) => void;
};

export type TickReport = {
  jobs: Record<"deadlines" | "outbox", "ran" | "skipped">;
  dueSoon: number;
  overdue: number;
  escalated: number;
  callbacks?: DeliveryReport;
  sent: number;
  retried: number;
  failed: number;
  /** The warnings logged this tick about missing holiday years (once a Beijing day across processes). */
  calendarWarnings?: string[];
};

const scheduler = systemActor("scheduler");
const DEFAULT_LEASE_SECONDS = 300;

/**
 * Takes the job's lease if it is free or expired: one statement, so of several
 * processes racing for it exactly one gets a row back.
 */
export async function takeLease(db: Tx, job: string, holder: string, now: Date, seconds: number): Promise<boolean> {
  const result = await db.execute(sql`
    insert into scheduler_leases (job, holder, expires_at) values (${job}, ${holder}, ${new Date(now.getTime() + seconds * 1000)})
    on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at
    where scheduler_leases.expires_at < ${now}
    returning holder`);
  return result.rows.length === 1;
}

export async function releaseLease(db: Tx, job: string, holder: string): Promise<void> {
  await db.execute(sql`delete from scheduler_leases where job = ${job} and holder = ${holder}`);
}

async function withLease(ctx: AppContext, job: string, holder: string, now: Date, seconds: number, work: () => Promise<void>): Promise<"ran" | "skipped"> {
  if (!(await takeLease(ctx.database.db, job, holder, now, seconds))) return "skipped";
  try {
    await work();
  } finally {
    await releaseLease(ctx.database.db, job, holder);
  }
  return "ran";
}

/**
 * One round of the periodic jobs at `now` (tests call it with a fixed clock):
 * (a) mark deadlines due soon / overdue, (b) escalate overdue tickets to an
 * automatic 督办 order, (c) send the outbox and the upstream status callbacks. Each ticket is handled in its own
 * transaction, so one bad row does not hold back the rest.
 */
export async function runSchedulerTick(ctx: AppContext, now: Date, options: SchedulerOptions = {}): Promise<TickReport> {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const seconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const limit = options.batchSize ?? 500;
  const { db } = ctx.database;
  const report: TickReport = { jobs: { deadlines: "skipped", outbox: "skipped" }, dueSoon: 0, overdue: 0, escalated: 0, sent: 0, retried: 0, failed: 0 };

  report.jobs.deadlines = await withLease(ctx, "deadlines", holder, now, seconds, async () => {
    for (const ticketId of await findTicketsWithDeadlinesToMark(db, now, limit)) {
      const marked = await db.transaction((tx) => markTicketDeadlines(tx, scheduler, ticketId, now));
      report.dueSoon += marked.dueSoon;
      report.overdue += marked.overdue;
    }
    for (const ticketId of await findTicketsToEscalate(db, now, limit)) {
      const orderId = await db.transaction((tx) => escalateOverdueTicket(tx, scheduler, ticketId, now));
      if (orderId) report.escalated += 1;
    }
  });

  report.jobs.outbox = await withLease(ctx, "outbox", holder, now, seconds, async () => {
    const delivered = await deliverNotifications(db, ctx.protector, defaultChannels(options.channels), now, limit);
    report.sent += delivered.sent;
    report.retried += delivered.retried;
    report.failed += delivered.failed;
    // Status callbacks to the platforms above that sent tickets down.
    const callbacks = await deliverUpstreamCallbacks(ctx, now);
    report.callbacks = callbacks;
  });

  report.calendarWarnings = await warnOfMissingHolidayYears(ctx, holder, now, options.warn);
  return report;
}

/**
 * A year without its national holiday arrangement counts weekends only, so the
 * server log says so once a Beijing day: the lease lasts until the next Beijing
 * midnight and is not released, so of all processes and ticks one logs per day.
 * The workbench shows the same as a banner (GET /api/calendar/notices).
 */
async function warnOfMissingHolidayYears(ctx: AppContext, holder: string, now: Date, warn: (message: string) => void = console.warn): Promise<string[]> {
  const missing = await findMissingHolidayYears(ctx.database.db, now);
  if (missing.length === 0) return [];
  const secondsToMidnight = (endOfBeijingDay(beijingDate(now)).getTime() - now.getTime()) / 1000;
  if (!(await takeLease(ctx.database.db, "calendar-warning", holder, now, secondsToMidnight))) return [];
  const lines = missing.map(missingYearLogLine);
  for (const line of lines) warn(line);
  return lines;
}

/** SANTAI_SCHEDULER_SECONDS, default 60; 0 turns the scheduler off (e.g. a read-only replica). */
export function schedulerIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SANTAI_SCHEDULER_SECONDS;
  if (raw === undefined || raw.trim() === "") return 60;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SANTAI_SCHEDULER_SECONDS must be a number of seconds, got ${JSON.stringify(raw)}`);
  return seconds;
}

/**
 * Starts the periodic jobs; returns a stop function that waits for a running
 * tick. Ticks never overlap within a process, and leases keep several server
 * processes from running the same job at once. A failed tick is logged and
 * retried at the next interval.
 */
export function startScheduler(ctx: AppContext, options: SchedulerOptions & { intervalSeconds?: number; log?: (message: string, error?: unknown) => void } = {}): () => Promise<void> {
  const seconds = options.intervalSeconds ?? schedulerIntervalSeconds();
  if (seconds === 0) return async () => {};
  const log = options.log ?? ((message, error) => console.error(message, error instanceof Error ? error.message : (error ?? "")));
  let isStopped = false;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (isStopped || running) return;
    running = runSchedulerTick(ctx, ctx.clock.now(), options)
      .then(() => undefined, (error: unknown) => log("scheduler tick failed:", error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  // A first round soon after start, so a restarted server catches up at once.
  const first = setTimeout(tick, Math.min(seconds, 2) * 1000);
  first.unref();
  return async () => {
    isStopped = true;
    clearInterval(timer);
    clearTimeout(first);
    await running;
  };
}
