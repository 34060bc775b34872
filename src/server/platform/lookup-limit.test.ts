import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock.ts";
import { createLookupLimiter } from "./lookup-limit.ts";

describe("the lookup limiter", () => {
  it("allows max per sliding window per key, and says when the next one will be", () => {
    const clock = fixedClock("2026-11-20T02:00:00Z");
    const limiter = createLookupLimiter({ max: 3, windowMs: 60_000 }, clock);
    expect(limiter.take("a")).toEqual({ isAllowed: true, key: "a" });
    clock.advance(10_000);
    limiter.take("a");
    clock.advance(10_000);
    limiter.take("a");
    expect(limiter.take("a")).toEqual({ isAllowed: false, key: "a", retryAfterSeconds: 40 });
    // Another key has its own count; a refused take does not count.
    expect(limiter.take("b").isAllowed).toBe(true);
    clock.advance(39_999);
    expect(limiter.take("a").isAllowed).toBe(false);
    clock.advance(1);
    expect(limiter.take("a").isAllowed).toBe(true);
    expect(limiter.take("a")).toEqual({ isAllowed: false, key: "a", retryAfterSeconds: 10 });
  });
});
