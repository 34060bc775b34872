import { and, asc, eq, lte } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { notifications } from "../notifications.tables.ts";
import { renderNotification } from "../notification-texts.ts";
import type { NotificationChannels } from "../notification-channels.ts";

/** After this many failed sends a message is given up on (state `failed`). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;

/** Exponential backoff: 1, 2, 4 … minutes after the 1st, 2nd, 3rd … failure, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

export type DeliveryReport = { sent: number; retried: number; failed: number };

/**
 * Sends the pending messages that are due. Each send is outside any transaction
 * (a slow gateway holds no lock) and its result is written by a conditional
 * UPDATE on the attempt it read, so a result is recorded once. The scheduler's
 * lease keeps a second process from sending the same batch.
 */
export async function deliverNotifications(db: Tx, protector: Protector, channels: NotificationChannels, now: Date, limit = 100): Promise<DeliveryReport> {
  const due = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.state, "pending"), lte(notifications.nextAttemptAt, now)))
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(limit);
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of due) {
    const attempts = row.attempts + 1;
    const unchanged = and(eq(notifications.id, row.id), eq(notifications.state, "pending"), eq(notifications.attempts, row.attempts));
    const channel = channels[row.channel];
    try {
      if (!channel) throw new Error(`no sender for channel ${row.channel}`);
      await channel.send({ id: row.id, channel: row.channel, to: protector.decrypt(row.recipient), template: row.template, text: renderNotification(row.template, row.payload) });
      await db.update(notifications).set({ state: "sent", attempts, sentAt: now, lastError: null, deliveredVia: channel.deliveredVia }).where(unchanged);
      report.sent += 1;
    } catch (error) {
      const isGivenUp = attempts >= MAX_ATTEMPTS;
      // The error text may come from a gateway; keep it short, and it never holds the number (not in our message).
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db
        .update(notifications)
        .set({ state: isGivenUp ? "failed" : "pending", attempts, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
        .where(unchanged);
      if (isGivenUp) report.failed += 1;
      else report.retried += 1;
    }
  }
  return report;
}
