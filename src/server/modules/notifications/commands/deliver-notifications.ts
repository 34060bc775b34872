import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { errorMessage } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { notifications } from "../notifications.tables.ts";
import { renderNotification } from "../notification-texts.ts";
import { DEFAULT_GATEWAY_TIMEOUT_MS, sendWithin, type NotificationChannels } from "../notification-channels.ts";

/** After this many failed sends a message is given up on (state `failed`). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;

/** Messages claimed per run. */
const DEFAULT_LIMIT = 100;
/** Messages in flight at once: gateways limit their callers' rate. */
const DEFAULT_CONCURRENCY = 10;
/** A claim's time beyond its sends' deadlines: decrypting, rendering, writing the results. */
const CLAIM_MARGIN_MS = 60_000;

/** Exponential backoff: 1, 2, 4 … minutes after the 1st, 2nd, 3rd … failure, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/**
 * How long a run holds its claims: every claimed message sent (`concurrency` at a
 * time, each within its deadline) and its result written, with room to spare, so
 * a live sender never loses a claim while it sends. A crashed sender's messages
 * are sent by another one after this.
 */
export const claimDurationMs = (limit: number, concurrency: number, timeoutMs: number) => Math.ceil(limit / concurrency) * timeoutMs + CLAIM_MARGIN_MS;

export type DeliveryReport = { sent: number; retried: number; failed: number };

export type DeliveryOptions = {
  /** Messages claimed in this run (default 100). */
  limit?: number;
  /** Each send's deadline (default 10 s; the scheduler passes SANTAI_GATEWAY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Sends in flight at once (default 10). */
  concurrency?: number;
  /** Who claims, unique per run (default host:pid:random): the results are written only under this claim. */
  claimant?: string;
  /**
   * A message whose result could not be written (the database refused it, or the
   * claim had run out): reported here, and the run goes on with the others.
   * Without it, the run throws once every message has been handled.
   */
  onError?: (id: string, error: unknown) => void;
};

export type ClaimedNotification = typeof notifications.$inferSelect;

/**
 * Claims up to `limit` due messages for `claimMs`: one statement (its own short
 * transaction) that locks the rows it takes with FOR UPDATE SKIP LOCKED, so a
 * concurrent claim skips them rather than waiting or taking them too, and marks
 * them claimed, so a later claim skips them until the claim runs out. Oldest due first.
 */
export async function claimNotifications(db: Tx, claimant: string, now: Date, limit: number, claimMs: number): Promise<ClaimedNotification[]> {
  const claimed = await db
    .update(notifications)
    .set({ claimedBy: claimant, claimedUntil: new Date(now.getTime() + claimMs) })
    .where(
      sql`${notifications.id} in (
        select id from notifications
        where state = 'pending' and next_attempt_at <= ${now} and (claimed_until is null or claimed_until <= ${now})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)`,
    )
    .returning();
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id.localeCompare(b.id));
}

/** What a send came to: delivered (by which sender), or an error. */
export type SendOutcome = { deliveredVia: string } | { error: unknown };

/**
 * Writes a send's result and gives up the claim, only while the claim is still
 * `claimant`'s: a sender whose claim ran out (and whose message another sender
 * has taken) changes nothing. Returns what was written, or "lost".
 */
export async function recordAttempt(db: Tx, row: ClaimedNotification, claimant: string, outcome: SendOutcome, now: Date): Promise<"sent" | "retried" | "failed" | "lost"> {
  const attempts = row.attempts + 1;
  const isStillMine = and(eq(notifications.id, row.id), eq(notifications.state, "pending"), eq(notifications.claimedBy, claimant));
  const unclaimed = { claimedBy: null, claimedUntil: null };
  if ("deliveredVia" in outcome) {
    const written = await db
      .update(notifications)
      .set({ state: "sent", attempts, sentAt: now, lastError: null, deliveredVia: outcome.deliveredVia, ...unclaimed })
      .where(isStillMine)
      .returning({ id: notifications.id });
    return written.length === 1 ? "sent" : "lost";
  }
  const isGivenUp = attempts >= MAX_ATTEMPTS;
  // The error text may come from a gateway; it is kept short, and never holds the number (not in our message).
  const written = await db
    .update(notifications)
    .set({ state: isGivenUp ? "failed" : "pending", attempts, lastError: errorMessage(outcome.error), nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)), ...unclaimed })
    .where(isStillMine)
    .returning({ id: notifications.id });
  if (written.length === 0) return "lost";
  return isGivenUp ? "failed" : "retried";
}

/**
 * Sends the pending messages that are due: claims them (claimNotifications),
 * sends each outside any transaction with a deadline, a few at a time, and
 * writes each result under the claim (recordAttempt). A failed or timed-out send
 * is retried with backoff; at least once, so a gateway that delivered but did not
 * answer in time sends it again (see notification-channels.ts). Two runs, in one
 * process or two, never send the same message; a run that dies leaves its
 * messages claimed until the claim runs out, then they are sent again.
 */
export async function deliverNotifications(db: Tx, protector: Protector, channels: NotificationChannels, now: Date, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const claimant = options.claimant ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const queue = await claimNotifications(db, claimant, now, limit, claimDurationMs(limit, concurrency, timeoutMs));

  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const errors: unknown[] = [];
  const deliverNext = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        const outcome = await send(protector, channels, row, timeoutMs);
        const written = await recordAttempt(db, row, claimant, outcome, now);
        if (written === "lost") throw new Error("its claim ran out before the result was written; another sender may send it again");
        report[written] += 1;
      } catch (error) {
        if (options.onError) options.onError(row.id, error);
        else errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, deliverNext));
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} message(s) could not be recorded: ${errorMessage(errors[0])}`);
  return report;
}

/** One send within its deadline; never throws (a failure is the outcome). */
async function send(protector: Protector, channels: NotificationChannels, row: ClaimedNotification, timeoutMs: number): Promise<SendOutcome> {
  const channel = channels[row.channel];
  try {
    if (!channel) throw new Error(`no sender for channel ${row.channel}`);
    const message = { id: row.id, channel: row.channel, to: protector.decrypt(row.recipient), template: row.template, text: renderNotification(row.template, row.payload, (sealed) => protector.decrypt(sealed)) };
    await sendWithin(channel, message, timeoutMs);
    return { deliveredVia: channel.deliveredVia };
  } catch (error) {
    return { error };
  }
}
