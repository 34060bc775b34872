import { sql } from "drizzle-orm";
import type { AppContext } from "../../../platform/context.ts";
import { signedHeaders } from "../signature.ts";
import type { UpstreamCallbackPayload } from "../upstream.tables.ts";

/** Callbacks taken per run; each run holds at most one per ticket, so their order is kept. */
const BATCH_SIZE = 25;
/** A slow receiver must not hold the sender up for long. */
const REQUEST_TIMEOUT_MS = 5_000;
/** While a run delivers, its rows are hidden from other runs (other processes); a crashed run's rows come back after this. */
const CLAIM_MS = 60_000;
/** After this many failed tries a callback is given up (state `failed`, kept for the record). */
export const MAX_CALLBACK_ATTEMPTS = 10;

/** 30 s, 1 min, 2 min … at most 6 h between tries. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

type Claimed = { id: number; payload: UpstreamCallbackPayload; attempts: number; api_key: string; secret: string; callback_url: string | null; is_disabled: boolean };

export type DeliveryReport = { sent: number; retrying: number; failed: number };

/**
 * Posts the pending status callbacks to their clients, signed like the requests
 * they send us (x-santai-key, x-santai-timestamp, x-santai-signature over
 * `${timestamp}.${body}`). Runs outside any ticket transaction: the database is
 * not held while a receiver answers. A 2xx answer delivers; anything else is
 * retried later with backoff. Call it from the scheduler every few seconds.
 */
export async function deliverUpstreamCallbacks(ctx: AppContext, now: Date, options: { timeoutMs?: number } = {}): Promise<DeliveryReport> {
  const { db } = ctx.database;
  const claimed = await db.transaction(async (tx) => {
    // The earliest pending callback of each ticket only: a retrying one holds back the later ones.
    const result = await tx.execute<Claimed>(sql`
      select c.id, c.payload, c.attempts, u.api_key, u.secret, u.callback_url, u.is_disabled
      from upstream_callbacks c join upstream_clients u on u.id = c.client_id
      where c.state = 'pending' and c.next_attempt_at <= ${now}
        and not exists (select 1 from upstream_callbacks e where e.ticket_id = c.ticket_id and e.state = 'pending' and e.id < c.id)
      order by c.id
      limit ${BATCH_SIZE}
      for update of c skip locked`);
    const ids = result.rows.map((row) => row.id);
    if (ids.length > 0) {
      await tx.execute(sql`update upstream_callbacks set next_attempt_at = ${new Date(now.getTime() + CLAIM_MS)} where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    }
    return result.rows;
  });

  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const error = await post(ctx, row, now, options.timeoutMs ?? REQUEST_TIMEOUT_MS);
      const attempts = row.attempts + 1;
      if (error === null) {
        report.sent += 1;
        await db.execute(sql`update upstream_callbacks set state = 'sent', attempts = ${attempts}, sent_at = ${now}, last_error = null where id = ${row.id}`);
        return;
      }
      const isFinal = attempts >= MAX_CALLBACK_ATTEMPTS || row.is_disabled || !row.callback_url;
      if (isFinal) report.failed += 1;
      else report.retrying += 1;
      await db.execute(sql`
        update upstream_callbacks set
          state = ${isFinal ? "failed" : "pending"}, attempts = ${attempts}, last_error = ${error.slice(0, 500)},
          next_attempt_at = ${new Date(now.getTime() + retryDelayMs(attempts))}
        where id = ${row.id}`);
    }),
  );
  return report;
}

/** null when delivered, else why not. */
async function post(ctx: AppContext, row: Claimed, now: Date, timeoutMs: number): Promise<string | null> {
  if (row.is_disabled) return "client disabled";
  if (!row.callback_url) return "client has no callback URL";
  const body = JSON.stringify(row.payload);
  try {
    const response = await fetch(row.callback_url, {
      method: "POST",
      headers: { "content-type": "application/json", ...signedHeaders(row.api_key, ctx.protector.decrypt(row.secret), body, now) },
      body,
      // A redirect could point anywhere; the registered URL is the only one we call.
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `${(error as Error).name}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
  }
}
