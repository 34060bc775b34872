import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import rateLimitPlugin, { normalizeIP, type RateLimitOptions } from "@fastify/rate-limit";
import type { Clock } from "./clock.ts";
import type { Database } from "./db/index.ts";
import { AppError } from "./errors.ts";
import type { Protector } from "./personal/protect.ts";

/**
 * Request throttles: a named limit of `max` requests per `windowMs`, counted per
 * client address or per a key taken from the validated request (an account, a
 * phone number). Over the limit the answer is 429 TOO_MANY_REQUESTS with
 * `Retry-After` (seconds) and `retryAfter` in the body.
 *
 * Built on @fastify/rate-limit with a store of our own, for two reasons:
 * - Counts live in PostgreSQL (`rate_limit_counters`), not in process memory.
 *   Several Santai processes may serve one PostgreSQL server, and an in-memory
 *   count would give an attacker the limit once per process and forget it on
 *   every restart; for sign-in, SMS codes and personal-data lookups that is the
 *   difference between a limit and a suggestion. The cost is one upsert per
 *   limited request, on routes that do database work anyway.
 * - The store reads the injected clock (the plugin's own store reads Date.now()),
 *   so windows are tested by moving the app's clock, never by sleeping.
 *
 * Keys are stored as keyed hashes (the personal-data protector's lookup hash):
 * a phone number used as a key is personal data and is not written anywhere.
 */
export type RateLimitRule = {
  /** Names the counter; routes with the same name share it. */
  name: string;
  max: number;
  windowMs: number;
  /**
   * What is counted: by default the client address (SANTAI_TRUST_PROXY decides
   * whether X-Forwarded-For is believed; IPv6 is counted by /64, which one
   * subscriber usually holds whole). A function counts per the key it returns,
   * read from the validated request (the route's body is parsed by then).
   */
  key?: (request: FastifyRequest) => string;
};

export type RateLimitDeps = { database: Database; clock: Clock; protector: Protector };

/** The client address as the limits count it: IPv4 as is, IPv6 by its /64 network. */
export function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip, 64);
}

/** The 429 answer, with Retry-After on the reply. */
export function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  reply.header("retry-after", String(seconds));
  return new AppError("TOO_MANY_REQUESTS", `Too many attempts; try again in ${seconds} s`, { extra: { retryAfter: seconds } });
}

/**
 * Registers the throttle plugin; call before the routes. No route is limited
 * unless it asks, with `config: { rateLimit: rateLimit(RULE) }` or a Limiter.
 */
export async function installRateLimits(app: FastifyInstance, deps: RateLimitDeps): Promise<void> {
  await app.register(rateLimitPlugin, {
    global: false,
    store: postgresStore(deps),
    // The store cannot reach the database: failing open would lift every limit
    // exactly when something is wrong, so the request fails instead.
    skipOnError: false,
    errorResponseBuilder: (_request, context) => {
      // The plugin has set Retry-After from the same ttl.
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError("TOO_MANY_REQUESTS", `Too many requests; try again in ${seconds} s`, { extra: { retryAfter: seconds } });
    },
  });
}

/**
 * A route's limit, counting every request to it:
 * `app.post(url, { config: { access: "public", rateLimit: rateLimit(RULE) }, … })`.
 * Limits by address are checked on arrival, before the body is read; limits by a
 * key after validation. One limit per route this way; for more, use createLimiter.
 */
export function rateLimit(rule: RateLimitRule): RateLimitOptions {
  return {
    groupId: rule.name,
    max: rule.max,
    timeWindow: rule.windowMs,
    ...(rule.key ? { keyGenerator: rule.key, hook: "preHandler" as const } : {}),
  };
}

export type LimitCheck = { isAllowed: true; key: string } | { isAllowed: false; key: string; retryAfterSeconds: number };

/**
 * A limit the handler applies itself, for what a route config cannot say: a
 * route under two limits (per phone and per address), or a limit that counts
 * only some outcomes (sign-in counts failures: it takes an attempt before
 * checking the password, so parallel guesses cannot slip past the count, and
 * gives it back when the sign-in succeeds). Call outside a transaction: the
 * embedded database has one connection.
 */
export type Limiter = {
  take(request: FastifyRequest): Promise<LimitCheck>;
  giveBack(key: string): Promise<void>;
};

export function createLimiter(app: FastifyInstance, rule: RateLimitRule, deps: RateLimitDeps): Limiter {
  const check = app.createRateLimit({
    max: rule.max,
    timeWindow: rule.windowMs,
    ...(rule.key ? { keyGenerator: rule.key } : {}),
    // Passed to the store's child(): names its counters.
    groupId: rule.name,
  } as Parameters<FastifyInstance["createRateLimit"]>[0]);
  const counters = counterTable(deps);
  return {
    async take(request) {
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) return { isAllowed: true, key: result.key };
      return { isAllowed: false, key: result.key, retryAfterSeconds: result.ttlInSeconds };
    },
    giveBack: (key) => counters.giveBack(rule.name, key),
  };
}

type Counted = { current: number; ttl: number };

/** Fixed windows: the first hit of a key starts a window of `windowMs`; hits after it count until it ends. */
function counterTable({ database, clock, protector }: RateLimitDeps) {
  const hash = (key: string) => protector.lookupHash(key);
  return {
    async hit(name: string, key: string, windowMs: number): Promise<Counted> {
      const now = clock.now();
      const { rows } = await database.pool.query<{ hits: number; window_ends_at: Date }>(
        `insert into rate_limit_counters as c (name, key_hash, hits, window_ends_at)
         values ($1, $2, 1, $4)
         on conflict (name, key_hash) do update set
           hits = case when c.window_ends_at <= $3 then 1 else c.hits + 1 end,
           window_ends_at = case when c.window_ends_at <= $3 then excluded.window_ends_at else c.window_ends_at end
         returning hits, window_ends_at`,
        [name, hash(key), now, new Date(now.getTime() + windowMs)],
      );
      const [row] = rows;
      // A new window: clear away the windows that have ended, so the table holds
      // only live counters. Cheap (indexed), and at most once per key and window.
      if (row.hits === 1) await database.pool.query("delete from rate_limit_counters where window_ends_at <= $1", [now]);
      return { current: row.hits, ttl: row.window_ends_at.getTime() - now.getTime() };
    },
    async read(name: string, key: string): Promise<Counted> {
      const now = clock.now();
      const { rows } = await database.pool.query<{ hits: number; window_ends_at: Date }>(
        "select hits, window_ends_at from rate_limit_counters where name = $1 and key_hash = $2 and window_ends_at > $3",
        [name, hash(key), now],
      );
      return rows[0] ? { current: rows[0].hits, ttl: rows[0].window_ends_at.getTime() - now.getTime() } : { current: 0, ttl: 0 };
    },
    async giveBack(name: string, key: string): Promise<void> {
      await database.pool.query(
        "update rate_limit_counters set hits = greatest(hits - 1, 0) where name = $1 and key_hash = $2 and window_ends_at > $3",
        [name, hash(key), clock.now()],
      );
    },
  };
}

/** The plugin's store interface over counterTable; `groupId` (the rule's name) names the counters. */
function postgresStore(deps: RateLimitDeps) {
  const counters = counterTable(deps);
  type Callback = (error: Error | null, result?: Counted) => void;
  const settle = (work: Promise<Counted>, callback: Callback) => void work.then((result) => callback(null, result), (error: Error) => callback(error));
  return class PostgresRateLimitStore {
    private readonly name: string;
    // The plugin passes the merged limit options (global, then the route's or createRateLimit's).
    constructor(params: object) {
      this.name = (params as { groupId?: string }).groupId ?? "default";
    }
    incr(key: string, callback: Callback, timeWindow: number) {
      settle(counters.hit(this.name, key, timeWindow), callback);
    }
    read(key: string, callback: Callback) {
      settle(counters.read(this.name, key), callback);
    }
    child(params: object) {
      return new PostgresRateLimitStore(params);
    }
  };
}
