import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { fixedClock } from "./clock.ts";
import type { Database } from "./db/index.ts";
import { installErrorHandler } from "./http.ts";
import { createProtector } from "./personal/protect.ts";
import { createLimiter, installRateLimits, rateLimit, tooManyRequests, type RateLimitRule } from "./rate-limit.ts";

const MINUTE = 60_000;
const protector = createProtector(Buffer.alloc(32, 3));
let database: Database;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.close();
});

const BY_ADDRESS: RateLimitRule = { name: "probe", max: 2, windowMs: MINUTE };
const SHARED: RateLimitRule = { name: "shared", max: 2, windowMs: MINUTE };
const BY_PHONE: RateLimitRule = { name: "otp", max: 2, windowMs: 10 * MINUTE, key: (request) => (request.body as { phone: string }).phone };

/** A bare app with limited routes, as a module would declare them; each app stands for one server process. */
async function buildProbe(clock: ReturnType<typeof fixedClock>) {
  const app = Fastify();
  apps.push(app);
  installErrorHandler(app);
  const deps = { database, clock, protector };
  await installRateLimits(app, deps);
  app.get("/probe", { config: { rateLimit: rateLimit(BY_ADDRESS) } }, async () => ({ ok: true }));
  app.get("/shared-a", { config: { rateLimit: rateLimit(SHARED) } }, async () => ({ ok: true }));
  app.get("/shared-b", { config: { rateLimit: rateLimit(SHARED) } }, async () => ({ ok: true }));
  app.post(
    "/otp",
    {
      config: { rateLimit: rateLimit(BY_PHONE) },
      schema: { body: { type: "object", properties: { phone: { type: "string" } }, required: ["phone"] } },
    },
    async () => ({ sent: true }),
  );
  const failures = createLimiter(app, { name: "failures", max: 2, windowMs: MINUTE }, deps);
  app.post("/attempt", async (request, reply) => {
    const taken = await failures.take(request);
    if (!taken.isAllowed) throw tooManyRequests(reply, taken.retryAfterSeconds);
    const isRight = (request.body as { answer: string }).answer === "right";
    if (isRight) await failures.giveBack(taken.key);
    return { isRight };
  });
  return app;
}

describe("rate limits", () => {
  it("a route limited by address answers 429 with Retry-After over the limit, hears other addresses, and hears it again when the clock passes the window", async () => {
    const clock = fixedClock("2030-06-01T08:00:00Z");
    const app = await buildProbe(clock);
    const get = (remoteAddress: string) => app.inject({ method: "GET", url: "/probe", remoteAddress });
    expect((await get("10.0.0.1")).statusCode).toBe(200);
    clock.advance(20_000);
    expect((await get("10.0.0.1")).statusCode).toBe(200);
    const refused = await get("10.0.0.1");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("40");
    expect(refused.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: expect.any(String), retryAfter: 40 });
    expect((await get("10.0.0.2")).statusCode).toBe(200);
    clock.advance(40_000);
    expect((await get("10.0.0.1")).statusCode).toBe(200);
  });

  it("routes that share a limit's name share its count", async () => {
    const app = await buildProbe(fixedClock("2030-06-01T09:00:00Z"));
    const get = (url: string) => app.inject({ method: "GET", url, remoteAddress: "10.0.1.1" });
    expect((await get("/shared-a")).statusCode).toBe(200);
    expect((await get("/shared-b")).statusCode).toBe(200);
    expect((await get("/shared-a")).statusCode).toBe(429);
    // Another limit's count is its own.
    expect((await get("/probe")).statusCode).toBe(200);
  });

  it("a limit by key counts the key from every address, and stores only its keyed hash", async () => {
    const app = await buildProbe(fixedClock("2030-06-01T10:00:00Z"));
    const send = (phone: string, remoteAddress: string) => app.inject({ method: "POST", url: "/otp", payload: { phone }, remoteAddress });
    expect((await send("13800138000", "10.0.2.1")).statusCode).toBe(200);
    expect((await send("13800138000", "10.0.2.2")).statusCode).toBe(200);
    const refused = await send("13800138000", "10.0.2.3");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("600");
    expect((await send("13900139000", "10.0.2.3")).statusCode).toBe(200);
    const { rows } = await database.pool.query<{ key_hash: string }>("select key_hash from rate_limit_counters where name = 'otp'");
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.key_hash).not.toContain("138");
  });

  it("counts in the database, so two server processes share one count", async () => {
    const clock = fixedClock("2030-06-01T11:00:00Z");
    const first = await buildProbe(clock);
    const second = await buildProbe(clock);
    expect((await first.inject({ method: "GET", url: "/probe", remoteAddress: "10.0.3.1" })).statusCode).toBe(200);
    expect((await second.inject({ method: "GET", url: "/probe", remoteAddress: "10.0.3.1" })).statusCode).toBe(200);
    expect((await first.inject({ method: "GET", url: "/probe", remoteAddress: "10.0.3.1" })).statusCode).toBe(429);
    expect((await second.inject({ method: "GET", url: "/probe", remoteAddress: "10.0.3.1" })).statusCode).toBe(429);
  });

  it("a Limiter can give an attempt back, so only failures count", async () => {
    const app = await buildProbe(fixedClock("2030-06-01T12:00:00Z"));
    const attempt = (answer: string) => app.inject({ method: "POST", url: "/attempt", payload: { answer }, remoteAddress: "10.0.4.1" });
    for (let i = 0; i < 5; i++) expect((await attempt("right")).statusCode).toBe(200);
    expect((await attempt("wrong")).statusCode).toBe(200);
    expect((await attempt("right")).statusCode).toBe(200);
    expect((await attempt("wrong")).statusCode).toBe(200);
    const refused = await attempt("right");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("60");
  });
});
