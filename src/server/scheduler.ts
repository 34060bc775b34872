import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { AppContext } from "./platform/context.ts";
import type { Tx } from "./platform/db/index.ts";
import { errorMessage } from "./platform/errors.ts";
import { systemActor } from "./policies/actor.ts";
import { findTicketsWithDeadlinesToMark, markTicketDeadlines } from "./modules/tickets/commands/mark-deadlines.ts";
import { escalateOverdueTicket, findTicketsToEscalate } from "./modules/oversight/commands/escalate-overdue.ts";
import { deliverNotifications } from "./modules/notifications/commands/deliver-notifications.ts";
import { deliverUpstreamCallbacks, type DeliveryReport } from "./modules/upstream/commands/deliver-upstream-callbacks.ts";
import { defaultChannels, smsChannel, type NotificationChannels } from "./modules/notifications/notification-channels.ts";
import { httpSmsGateway } from "./modules/notifications/http-sms-gateway.ts";
import { findMissingHolidayYears } from "./modules/calendar/queries/find-holiday-years.ts";
import { missingYearLogLine } from "./modules/calendar/calendar-notices.ts";
import { beijingDate, endOfBeijingDay } from "./modules/calendar/working-calendar.ts";
import { makeDailyCheckpoint } from "./modules/checkpoints/commands/make-checkpoint.ts";
import { findBookingsToRemind, remindBooking } from "./modules/appointments/commands/send-reminders.ts";
import { findAidCasesToLapse } from "./modules/legal-aid/queries/find-aid-cases.ts";
import { actOnAidCase } from "./modules/legal-aid/commands/act-on-aid-case.ts";
import { findDefenceNoticesToMarkOverdue } from "./modules/legal-aid/queries/find-defence-notices.ts";
import { markDefenceNoticeOverdue } from "./modules/legal-aid/commands/mark-defence-notice-overdue.ts";
import { findRegionsToWatch, warnRosterGaps } from "./modules/hotline/commands/warn-roster-gaps.ts";
import { scanEarlyWarnings, type ScanReport } from "./modules/early-warning/commands/scan-early-warnings.ts";

export type SchedulerOptions = {
  /** Who holds the leases; one per tick by default, so two ticks never share a lease. */
  holder?: string;
  /** Senders per channel (tests inject failing ones); everything goes to the dev record by default. */
  channels?: Partial<NotificationChannels>;
  /** How long a lease lasts if its holder dies mid-job. */
  leaseSeconds?: number;
  /** Rows handled per job per tick; the rest wait for the next tick. */
  batchSize?: number;
  /** Where failures go (never with personal data: messages only, no query parameters). */
  log?: (message: string, error?: unknown) => void;
  /** Where warnings go (a missing holiday year); the console by default. */
  warn?: (message: string) => void;
};

export type JobState = "ran" | "skipped" | "failed";

/** A job that failed as a whole (`id` null), or on one item (a ticket, a message…). */
export type TickError = { job: string; id: string | null; message: string };

export type TickReport = {
  jobs: Record<string, JobState>;
  /** What failed this tick; each failure was also logged. */
  errors: TickError[];
  dueSoon: number;
  overdue: number;
  escalated: number;
  callbacks?: DeliveryReport;
  sent: number;
  retried: number;
  failed: number;
  /** The warnings logged this tick about missing holiday years (once a Beijing day across processes). */
  calendarWarnings?: string[];
  /** The Beijing day whose audit checkpoint this tick made, if it made one. */
  checkpoint?: string;
  /** Appointment reminders of the day before put in the outbox this tick. */
  reminders?: number;
  /** Legal aid applications treated as withdrawn this tick (materials not supplied in time). */
  aidLapses?: number;
  /** Assigned defence notices found past Art. 36's 3 days this tick. */
  defenceOverdue?: number;
  /** Gaps in the 12348 roster within the next 72 hours warned of this tick (each once). */
  rosterGaps?: number;
  /** The dispute early-warning scan, when this tick ran it (at most once per SANTAI_EARLY_WARNING_MINUTES across processes). */
  earlyWarnings?: ScanReport;
};

const scheduler = systemActor("scheduler");
const DEFAULT_LEASE_SECONDS = 300;
/** Messages sent per tick. */
const OUTBOX_BATCH = 100;

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

/** One tick's context: what every job needs, and the two ways a job fails. */
type Tick = {
  ctx: AppContext;
  now: Date;
  options: SchedulerOptions;
  /** Items per job per tick. */
  limit: number;
  /** Who holds this tick's leases (and claims): unique per tick. */
  holder: string;
  report: TickReport;
  /** Logs and reports a failure of the job on one item (or, with id null, of the whole job). */
  fail(job: string, id: string | null, error: unknown): void;
  /**
   * Handles each item on its own: a failure is logged, reported and remembered
   * (scheduler_failures), and the next item goes on; a success forgets it.
   */
  each(job: string, ids: readonly string[], handle: (id: string) => Promise<void>): Promise<void>;
  /**
   * The items this job failed on lately. A job's query takes them last, so they
   * are tried again every tick but only with room to spare: a few items that
   * always fail never fill the batch and starve the others.
   */
  failing(job: string): Promise<string[]>;
};

/** A failure not seen again for this long is forgotten (its item may have left the job's query). */
const FORGET_FAILURES_MS = 24 * 3_600_000;

function beginTick(ctx: AppContext, now: Date, options: SchedulerOptions): Tick & { job(name: string, work: (tick: Tick) => Promise<void>): Promise<void> } {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const seconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const log = options.log ?? ((message: string) => console.error(message));
  const report: TickReport = { jobs: {}, errors: [], dueSoon: 0, overdue: 0, escalated: 0, sent: 0, retried: 0, failed: 0 };
  const fail = (job: string, id: string | null, error: unknown) => {
    const message = errorMessage(error);
    report.errors.push({ job, id, message });
    log(`scheduler: ${job} failed${id ? ` on ${id}` : ""}: ${message}`);
  };
  const { db } = ctx.database;
  const known = new Map<string, Set<string>>();
  const failing = async (job: string) => {
    if (!known.has(job)) {
      await db.execute(sql`delete from scheduler_failures where job = ${job} and last_failed_at < ${new Date(now.getTime() - FORGET_FAILURES_MS)}`);
      const result = await db.execute<{ item_id: string }>(sql`select item_id from scheduler_failures where job = ${job}`);
      known.set(job, new Set(result.rows.map((r) => r.item_id)));
    }
    return [...known.get(job)!];
  };
  const tick = {
    ctx,
    now,
    options,
    limit: options.batchSize ?? 500,
    holder,
    report,
    fail,
    failing,
    async each(job: string, ids: readonly string[], handle: (id: string) => Promise<void>) {
      const failed = new Set(await failing(job));
      for (const id of ids) {
        try {
          await handle(id);
        } catch (error) {
          fail(job, id, error);
          // Remembering it is a courtesy to the next tick: if even that fails, the next item still goes on.
          await db
            .execute(
              sql`
                insert into scheduler_failures (job, item_id, failures, last_error, first_failed_at, last_failed_at)
                values (${job}, ${id}, 1, ${errorMessage(error)}, ${now}, ${now})
                on conflict (job, item_id) do update set
                  failures = scheduler_failures.failures + 1, last_error = excluded.last_error, last_failed_at = excluded.last_failed_at`,
            )
            .catch((recordError: unknown) => log(`scheduler: could not record the failure of ${job} on ${id}: ${errorMessage(recordError)}`));
          continue;
        }
        if (failed.has(id)) {
          await db
            .execute(sql`delete from scheduler_failures where job = ${job} and item_id = ${id}`)
            .catch((forgetError: unknown) => log(`scheduler: could not forget the failure of ${job} on ${id}: ${errorMessage(forgetError)}`));
        }
      }
    },
    /** Runs a job under its lease; a job that throws is logged and reported, and the next job runs. */
    async job(name: string, work: (tick: Tick) => Promise<void>) {
      try {
        report.jobs[name] = await withLease(ctx, name, holder, now, seconds, () => work(tick));
      } catch (error) {
        report.jobs[name] = "failed";
        fail(name, null, error);
      }
    },
  };
  return tick;
}

/**
 * One round of the periodic jobs at `now` (tests call it with a fixed clock).
 * Each job is a small function below, run under its own lease: one process runs
 * it at a time, and a job that fails is logged and reported without stopping the
 * others. Within a job each item (a ticket, a message) is handled in its own
 * transaction, so one bad row does not hold back the rest.
 */
export async function runSchedulerTick(ctx: AppContext, now: Date, options: SchedulerOptions = {}): Promise<TickReport> {
  const tick = beginTick(ctx, now, options);
  await tick.job("deadlines", markDeadlines);
  await tick.job("aid-lapses", lapseAidApplications);
  await tick.job("defence-overdue", markOverdueDefenceNotices);
  await tick.job("escalation", escalateOverdue);
  await tick.job("reminders", remindAppointments);
  await tick.job("roster-gaps", warnOfRosterGaps);
  await tick.job("early-warning", scanForEarlyWarnings);
  await tick.job("outbox", sendOutbox);
  await tick.job("callbacks", sendCallbacks);
  await tick.job("calendar", warnOfMissingHolidayYears);
  await tick.job("checkpoint", makeCheckpoint);
  return tick.report;
}

/** Deadlines that entered their last 24 hours, or ran out, are marked so (once). */
async function markDeadlines({ ctx, now, limit, report, each, failing }: Tick): Promise<void> {
  const { db } = ctx.database;
  await each("deadlines", await findTicketsWithDeadlinesToMark(db, now, limit, await failing("deadlines")), async (ticketId) => {
    const marked = await db.transaction((tx) => markTicketDeadlines(tx, scheduler, ticketId, now));
    report.dueSoon += marked.dueSoon;
    report.overdue += marked.overdue;
  });
}

/**
 * Legal Aid Law Art. 43 ¶2: an application whose missing materials were not
 * supplied within the period the one-time notice set is treated as withdrawn —
 * by the scheduler, on the case's trail like any step.
 */
async function lapseAidApplications({ ctx, now, limit, report, each, failing }: Tick): Promise<void> {
  const { db } = ctx.database;
  report.aidLapses = 0;
  await each("aid-lapses", await findAidCasesToLapse(db, now, limit, await failing("aid-lapses")), async (caseId) => {
    await db.transaction((tx) => actOnAidCase(tx, scheduler, caseId, { action: "lapse" }, now, ctx.protector));
    report.aidLapses! += 1;
  });
}

/**
 * Legal Aid Law Art. 36: a notice the center has not answered (lawyer assigned, body informed)
 * within 3 working days is marked overdue once, with the missed limit in the audit log.
 */
async function markOverdueDefenceNotices({ ctx, now, limit, report, each, failing }: Tick): Promise<void> {
  const { db } = ctx.database;
  report.defenceOverdue = 0;
  await each("defence-overdue", await findDefenceNoticesToMarkOverdue(db, now, limit, await failing("defence-overdue")), async (noticeId) => {
    if (await db.transaction((tx) => markDefenceNoticeOverdue(tx, scheduler, noticeId, now))) report.defenceOverdue! += 1;
  });
}

/** 逾期自动督办: overdue tickets no automatic order covers get one. */
async function escalateOverdue({ ctx, now, limit, report, each, failing }: Tick): Promise<void> {
  const { db } = ctx.database;
  await each("escalation", await findTicketsToEscalate(db, now, limit, await failing("escalation")), async (ticketId) => {
    const orderId = await db.transaction((tx) => escalateOverdueTicket(tx, scheduler, ticketId, now));
    if (orderId) report.escalated += 1;
  });
}

/**
 * 预约提醒: the day before an appointment (from 08:00 Beijing) its reminder goes
 * to the outbox, once: remindBooking marks the booking in the same transaction,
 * conditionally, so a second run finds nothing to do. Before the outbox job, so
 * the same tick sends it.
 */
async function remindAppointments({ ctx, now, limit, report, each, failing }: Tick): Promise<void> {
  const { db } = ctx.database;
  report.reminders = 0;
  await each("reminders", await findBookingsToRemind(db, now, limit, await failing("reminders")), async (bookingId) => {
    if (await db.transaction((tx) => remindBooking(tx, ctx.protector, bookingId, now))) report.reminders! += 1;
  });
}

/**
 * 值班缺口预警: each watched region's 12348 line, its gaps within the next 72 hours warned of
 * once to its supervisors (in-app, through the outbox). Before the outbox job, so the same tick sends.
 */
async function warnOfRosterGaps({ ctx, now, report, each }: Tick): Promise<void> {
  const { db } = ctx.database;
  report.rosterGaps = 0;
  const regions = await findRegionsToWatch(db);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  await each("roster-gaps", [...byCode.keys()], async (code) => {
    report.rosterGaps! += await db.transaction((tx) => warnRosterGaps(tx, ctx.protector, byCode.get(code)!, now));
  });
}

/**
 * 矛盾纠纷预警: the cluster scan over the last weeks' tickets, at most once per
 * SANTAI_EARLY_WARNING_MINUTES (default 15) across processes — the interval lease
 * is not released, so whichever process takes it runs the scan and the others
 * skip until it expires. Before the outbox job, so the same tick sends the alerts.
 */
async function scanForEarlyWarnings({ ctx, now, holder, report }: Tick): Promise<void> {
  const minutes = earlyWarningIntervalMinutes();
  if (!(await takeLease(ctx.database.db, "early-warning-interval", holder, now, minutes * 60))) return;
  report.earlyWarnings = await ctx.database.db.transaction((tx) => scanEarlyWarnings(tx, now, { protector: ctx.protector }));
}

/** SANTAI_EARLY_WARNING_MINUTES, default 15: how often the early-warning scan runs. */
export function earlyWarningIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SANTAI_EARLY_WARNING_MINUTES;
  if (raw === undefined || raw.trim() === "") return 15;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`SANTAI_EARLY_WARNING_MINUTES must be a positive number of minutes, got ${JSON.stringify(raw)}`);
  return minutes;
}

/** The citizens' messages: claimed, so no other process sends them too; each send within SANTAI_GATEWAY_TIMEOUT_MS. */
async function sendOutbox({ ctx, now, limit, holder, report, fail, options }: Tick): Promise<void> {
  // The configured SMS gateway, unless a test injects its own senders; the development channel without one.
  const sms = ctx.config.smsGateway ? { sms: smsChannel(httpSmsGateway(ctx.config.smsGateway)) } : {};
  const delivered = await deliverNotifications(ctx.database.db, ctx.protector, defaultChannels({ ...sms, ...options.channels }), now, {
    // Fewer than the other jobs: the claim must outlast the sends (ten at a time, each up to the gateway timeout).
    limit: Math.min(limit, OUTBOX_BATCH),
    timeoutMs: ctx.config.gatewayTimeoutMs,
    claimant: holder,
    onError: (id, error) => fail("outbox", id, error),
  });
  report.sent += delivered.sent;
  report.retried += delivered.retried;
  report.failed += delivered.failed;
}

/** Status callbacks to the platforms above that sent tickets down. */
async function sendCallbacks({ ctx, now, holder, report, fail }: Tick): Promise<void> {
  report.callbacks = await deliverUpstreamCallbacks(ctx, now, { claimant: holder, onError: (id, error) => fail("callbacks", id, error) });
}

/**
 * A year without its national holiday arrangement counts weekends only, so the
 * server log says so once a Beijing day: the lease lasts until the next Beijing
 * midnight and is not released, so of all processes and ticks one logs per day.
 * The workbench shows the same as a banner (GET /api/calendar/notices).
 */
async function warnOfMissingHolidayYears({ ctx, holder, now, options, report }: Tick): Promise<void> {
  const warn = options.warn ?? console.warn;
  report.calendarWarnings = [];
  const missing = await findMissingHolidayYears(ctx.database.db, now);
  if (missing.length === 0) return;
  const secondsToMidnight = (endOfBeijingDay(beijingDate(now)).getTime() - now.getTime()) / 1000;
  if (!(await takeLease(ctx.database.db, "calendar-warning", holder, now, secondsToMidnight))) return;
  const lines = missing.map(missingYearLogLine);
  for (const line of lines) warn(line);
  report.calendarWarnings = lines;
}

/**
 * 日终校验点: once the last Beijing day has ended (and a grace period passed),
 * its audit checkpoint — one pass over the ticket heads — is made, once, by
 * whichever process holds the lease. Export it off-site (docs/audit-trail.md).
 */
async function makeCheckpoint({ ctx, now, report }: Tick): Promise<void> {
  const made = await ctx.database.db.transaction((tx) => makeDailyCheckpoint(tx, now), { isolationLevel: "repeatable read" });
  if (made) report.checkpoint = made.day;
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
 * processes from running the same job at once. Failures are logged (a job's,
 * an item's) and tried again at the next interval.
 */
export function startScheduler(ctx: AppContext, options: SchedulerOptions & { intervalSeconds?: number } = {}): () => Promise<void> {
  const seconds = options.intervalSeconds ?? schedulerIntervalSeconds();
  if (seconds === 0) return async () => {};
  const log = options.log ?? ((message: string) => console.error(message));
  let isStopped = false;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (isStopped || running) return;
    running = runSchedulerTick(ctx, ctx.clock.now(), { ...options, log })
      .then(() => undefined, (error: unknown) => log(`scheduler tick failed: ${errorMessage(error)}`))
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
