import type { Clock } from "./clock.ts";

/**
 * The limit on personal-data lookups (searching tickets by a phone or ID number):
 * at most `max` per account in any `windowMs`, so that recovering a masked value
 * by trying its hidden digits (1,243 searches for a phone) takes days, in plain
 * view on the audit log, instead of seconds.
 *
 * A sliding window over the app's injected clock, counted in this process. Why
 * not in PostgreSQL: the embedded database is one process (its lock file sees to
 * that); on a server with k processes behind one address an account gets k × max,
 * still a hard bound, and every lookup is on the audit log whichever process
 * served it. The shared throttle on branch `signin` (platform/rate-limit.ts, counts
 * in PostgreSQL) can replace this one behind the same `take` without touching the
 * callers: its `LimitCheck` has this shape.
 */
export type LimitCheck = { isAllowed: true; key: string } | { isAllowed: false; key: string; retryAfterSeconds: number };

export type LookupLimiter = {
  /** Counts one lookup for `key` (an account id) if the limit allows it; otherwise says when the next one will be. */
  take(key: string): LimitCheck;
};

export type LookupLimitRule = { max: number; windowMs: number };

export function createLookupLimiter(rule: LookupLimitRule, clock: Clock): LookupLimiter {
  /** Per key, the times of the lookups still inside the window, oldest first. */
  const taken = new Map<string, number[]>();
  return {
    take(key) {
      const now = clock.now().getTime();
      // A lookup counts while now < its time + window.
      const recent = (taken.get(key) ?? []).filter((at) => at + rule.windowMs > now);
      if (recent.length >= rule.max) {
        taken.set(key, recent);
        const oldest = recent[recent.length - rule.max];
        return { isAllowed: false, key, retryAfterSeconds: Math.max(1, Math.ceil((oldest + rule.windowMs - now) / 1000)) };
      }
      recent.push(now);
      taken.set(key, recent);
      return { isAllowed: true, key };
    },
  };
}
