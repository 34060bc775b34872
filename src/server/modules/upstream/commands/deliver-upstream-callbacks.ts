import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../../platform/context.ts";
import { errorMessage } from "../../../platform/errors.ts";
import { signedHeaders } from "../signature.ts";
import type { UpstreamCallbackPayload } from "../upstream.tables.ts";
import { guardedLookup, literalHostProblem, type CallbackPolicy } from "../callback-address.ts";

/** Callbacks taken per run; each run holds at most one per ticket, so their order is kept. */
const BATCH_SIZE = 25;
/** A slow receiver must not hold the sender up for long. */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * A run claims its rows for the requests' deadline plus this: it posts them all
 * at once, so a live run is done well within its claim. A crashed run's rows
 * come back when the claim runs out.
 */
const CLAIM_MARGIN_MS = 60_000;
/** After this many failed tries a callback is given up (state `failed`, kept for the record). */
export const MAX_CALLBACK_ATTEMPTS = 10;

/** 30 s, 1 min, 2 min … at most 6 h between tries. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

type Claimed = { id: number; payload: UpstreamCallbackPayload; attempts: number; api_key: string; secret: string; callback_url: string | null; is_disabled: boolean };

export type DeliveryReport = { sent: number; retrying: number; failed: number };

export type CallbackDeliveryOptions = {
  /** Each request's deadline (default 5 s). */
  timeoutMs?: number;
  /** Callbacks taken per run (default 25). */
  limit?: number;
  /** Who claims, unique per run (default host:pid:random): results are written only under this claim. */
  claimant?: string;
  /** A callback whose result could not be written; without it the run throws after handling the others. */
  onError?: (id: string, error: unknown) => void;
};

/**
 * Posts the pending status callbacks to their clients, signed like the requests
 * they send us (x-santai-key, x-santai-timestamp, x-santai-signature over
 * `${timestamp}.${body}`). Runs outside any ticket transaction: the database is
 * not held while a receiver answers. A 2xx answer delivers; anything else is
 * retried later with backoff. Call it from the scheduler every few seconds.
 *
 * The same claims as the citizens' outbox (deliver-notifications.ts): rows are
 * claimed in a short transaction (FOR UPDATE SKIP LOCKED, then claimed_by and
 * claimed_until), posted outside it, and each result is written only while the
 * claim is still this run's, so two processes never post the same callback.
 */
export async function deliverUpstreamCallbacks(ctx: AppContext, now: Date, options: CallbackDeliveryOptions = {}): Promise<DeliveryReport> {
  const { db } = ctx.database;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const claimant = options.claimant ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const claimed = await db.transaction(async (tx) => {
    // The earliest pending callback of each ticket only: a retrying (or claimed) one holds back the later ones.
    const result = await tx.execute<Claimed>(sql`
      select c.id, c.payload, c.attempts, u.api_key, u.secret, u.callback_url, u.is_disabled
      from upstream_callbacks c join upstream_clients u on u.id = c.client_id
      where c.state = 'pending' and c.next_attempt_at <= ${now} and (c.claimed_until is null or c.claimed_until <= ${now})
        and not exists (select 1 from upstream_callbacks e where e.ticket_id = c.ticket_id and e.state = 'pending' and e.id < c.id)
      order by c.id
      limit ${options.limit ?? BATCH_SIZE}
      for update of c skip locked`);
    const ids = result.rows.map((row) => row.id);
    if (ids.length > 0) {
      await tx.execute(sql`
        update upstream_callbacks set claimed_by = ${claimant}, claimed_until = ${new Date(now.getTime() + timeoutMs + CLAIM_MARGIN_MS)}
        where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    }
    return result.rows;
  });

  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const errors: unknown[] = [];
  await Promise.all(
    claimed.map(async (row) => {
      try {
        const written = await record(ctx, row, claimant, await post(ctx, row, now, timeoutMs), now);
        if (written === "lost") throw new Error("its claim ran out before the result was written; another sender may post it again");
        report[written] += 1;
      } catch (error) {
        if (options.onError) options.onError(String(row.id), error);
        else errors.push(error);
      }
    }),
  );
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} callback(s) could not be recorded: ${errorMessage(errors[0])}`);
  return report;
}

/** Writes a post's result and gives up the claim, only while the claim is still `claimant`'s. */
async function record(ctx: AppContext, row: Claimed, claimant: string, error: string | null, now: Date): Promise<keyof DeliveryReport | "lost"> {
  const attempts = row.attempts + 1;
  const isStillMine = sql`id = ${row.id} and state = 'pending' and claimed_by = ${claimant}`;
  if (error === null) {
    const written = await ctx.database.db.execute(sql`
      update upstream_callbacks set state = 'sent', attempts = ${attempts}, sent_at = ${now}, last_error = null, claimed_by = null, claimed_until = null
      where ${isStillMine} returning id`);
    return written.rows.length === 1 ? "sent" : "lost";
  }
  const isFinal = attempts >= MAX_CALLBACK_ATTEMPTS || row.is_disabled || !row.callback_url;
  const written = await ctx.database.db.execute(sql`
    update upstream_callbacks set
      state = ${isFinal ? "failed" : "pending"}, attempts = ${attempts}, last_error = ${error.slice(0, 500)},
      next_attempt_at = ${new Date(now.getTime() + retryDelayMs(attempts))}, claimed_by = null, claimed_until = null
    where ${isStillMine} returning id`);
  if (written.rows.length === 0) return "lost";
  return isFinal ? "failed" : "retrying";
}

/** null when delivered, else why not. */
async function post(ctx: AppContext, row: Claimed, now: Date, timeoutMs: number): Promise<string | null> {
  if (row.is_disabled) return "client disabled";
  if (!row.callback_url) return "client has no callback URL";
  const body = JSON.stringify(row.payload);
  const policy: CallbackPolicy = { allowedHosts: ctx.config.upstreamAllowedHosts };
  try {
    const url = new URL(row.callback_url);
    // Checked again at every send: the address may have changed since registration (docs: callback-address.ts).
    const refused = literalHostProblem(url, policy);
    if (refused) return refused;
    const status = await send(url, {
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...signedHeaders(row.api_key, ctx.protector.decrypt(row.secret), body, now) },
      body,
      lookup: guardedLookup(policy),
      timeoutMs,
    });
    // A redirect could point anywhere: the registered URL is the only one we call, and a 3xx is not a delivery.
    return status >= 200 && status < 300 ? null : `HTTP ${status}`;
  } catch (error) {
    const { code, message, name } = error as NodeJS.ErrnoException;
    return name === "ForbiddenAddressError" ? message : `${name}: ${code ?? message}`;
  }
}

/**
 * One POST with node:http(s) rather than fetch: its `lookup` option lets the
 * address check run on the addresses the socket connects to. Resolves with the
 * status; the answer's body is not read.
 */
function send(url: URL, options: { headers: Record<string, string>; body: string; lookup: ReturnType<typeof guardedLookup>; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      { method: "POST", headers: options.headers, lookup: options.lookup, signal: AbortSignal.timeout(options.timeoutMs) },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
