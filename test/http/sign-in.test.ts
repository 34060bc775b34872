/**
 * Sign-in as a stranger sees it: the answers do not tell which usernames exist,
 * an address that keeps failing is throttled (429 + Retry-After), and a
 * stranger's guesses pause the stranger, not the account's owner. Windows end
 * by moving the app's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { auditLog } from "../../src/server/modules/audit/audit.tables.ts";
import { updateAccount } from "../../src/server/modules/accounts/commands/manage-account.ts";
import { systemActor } from "../../src/server/policies/actor.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD, type TestTree } from "../helpers/factories.ts";
import { createTestApp } from "../helpers/http.ts";

const MINUTE = 60_000;
const WINDOW_SECONDS = 15 * 60;

let database: Database;
let tree: TestTree;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  ({ app, clock } = await createTestApp(database, new Date("2030-05-06T08:00:00+08:00")));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const newStaff = async (options: { isDisabled?: boolean } = {}) => {
  const actor = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.townships[0][0]));
  if (options.isDisabled) await database.db.transaction((tx) => updateAccount(tx, systemActor("test"), actor.id, { isDisabled: true }, new Date()));
  return actor;
};

let unknownCount = 0;
const unknownUsername = () => `nobody${++unknownCount}x${Math.random().toString(36).slice(2, 8)}`;

const login = (target: FastifyInstance, username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  target.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress, headers });

/** What a client can observe of a refusal: status, body and which headers came. */
const observable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.json(),
  headers: Object.keys(response.headers)
    .filter((name) => name !== "date")
    .sort()
    .map((name) => (name === "retry-after" || name === "content-type" ? `${name}: ${response.headers[name]}` : name)),
});

const auditOf = (username: string) =>
  database.db
    .select({ action: auditLog.action, ip: auditLog.ip, detail: auditLog.detail, entityId: auditLog.entityId })
    .from(auditLog)
    .where(and(eq(auditLog.actorUsername, username)))
    .orderBy(asc(auditLog.id));

describe("enumeration", () => {
  it("answers an unknown username, a wrong password and a disabled account (even with the right password) alike, with no count of attempts left", async () => {
    const known = await newStaff();
    const disabled = await newStaff({ isDisabled: true });
    const unknown = unknownUsername();
    const answers = [
      await login(app, known.username, "wrong-pass-1", "10.1.0.1"),
      await login(app, unknown, "wrong-pass-1", "10.1.0.2"),
      await login(app, disabled.username, "wrong-pass-1", "10.1.0.3"),
      await login(app, disabled.username, TEST_PASSWORD, "10.1.0.4"),
    ].map(observable);
    expect(answers[0]).toMatchObject({ status: 401, body: { code: "INVALID_CREDENTIALS", message: "Wrong username or password" } });
    expect(Object.keys(answers[0].body).sort()).toEqual(["code", "message"]);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);

    // The audit log still says what happened.
    expect((await auditOf(known.username)).map((e) => e.detail.reason)).toEqual(["wrong_password"]);
    expect((await auditOf(unknown)).map((e) => e.detail.reason)).toEqual(["unknown_username"]);
    expect((await auditOf(disabled.username)).filter((e) => e.action === "auth.login_failed").map((e) => e.detail.reason)).toEqual(["wrong_password", "disabled"]);
  });

  it("pauses an unknown username exactly as a known one, so the pause does not reveal either", async () => {
    const known = await newStaff();
    const unknown = unknownUsername();
    const run = async (username: string, address: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(observable(await login(app, username, `wrong-pass-${i}`, address)));
      return answers;
    };
    const knownAnswers = await run(known.username, "10.2.0.1");
    const unknownAnswers = await run(unknown, "10.2.0.2");
    expect(knownAnswers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknownAnswers).toEqual(knownAnswers);
  });
});

describe("per-address throttle", () => {
  it("after 10 failed sign-ins from one address answers 429 with Retry-After, still hears other addresses, and hears it again when the window ends", async () => {
    const owner = await newStaff();
    const start = clock.now();
    // Different usernames, so it is the address that is counted.
    for (let i = 0; i < 10; i++) expect((await login(app, unknownUsername(), "wrong-pass-1", "10.3.0.1")).statusCode).toBe(401);

    const refused = await login(app, unknownUsername(), "wrong-pass-1", "10.3.0.1");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe(String(WINDOW_SECONDS));
    expect(refused.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: expect.any(String), retryAfter: WINDOW_SECONDS });
    // Refused before the password is checked: the right one does not help.
    expect((await login(app, owner.username, TEST_PASSWORD, "10.3.0.1")).statusCode).toBe(429);
    // Another address is heard.
    expect((await login(app, unknownUsername(), "wrong-pass-1", "10.3.0.2")).statusCode).toBe(401);
    expect((await login(app, owner.username, TEST_PASSWORD, "10.3.0.2")).statusCode).toBe(200);

    clock.advance(5 * MINUTE);
    const later = await login(app, owner.username, TEST_PASSWORD, "10.3.0.1");
    expect(later.statusCode).toBe(429);
    expect(later.headers["retry-after"]).toBe(String(WINDOW_SECONDS - 5 * 60));

    clock.set(new Date(start.getTime() + 15 * MINUTE));
    expect((await login(app, owner.username, TEST_PASSWORD, "10.3.0.1")).statusCode).toBe(200);

    // Every refused attempt is on the audit log, with the address.
    expect((await auditOf(owner.username)).filter((e) => e.action === "auth.login_failed")).toMatchObject([
      { ip: "10.3.0.1", detail: { reason: "rate_limited", retryAfter: WINDOW_SECONDS } },
      { ip: "10.3.0.1", detail: { reason: "rate_limited", retryAfter: WINDOW_SECONDS - 5 * 60 } },
    ]);
  });

  it("does not count successful sign-ins, so many people behind one address can sign in", async () => {
    const people = await Promise.all(Array.from({ length: 3 }, () => newStaff()));
    for (let i = 0; i < 9; i++) expect((await login(app, unknownUsername(), "wrong-pass-1", "10.4.0.1")).statusCode).toBe(401);
    for (let round = 0; round < 5; round++) {
      for (const person of people) expect((await login(app, person.username, TEST_PASSWORD, "10.4.0.1")).statusCode).toBe(200);
    }
    expect((await login(app, unknownUsername(), "wrong-pass-1", "10.4.0.1")).statusCode).toBe(401);
    expect((await login(app, unknownUsername(), "wrong-pass-1", "10.4.0.1")).statusCode).toBe(429);
  });

  it("counts an IPv6 client by its /64", async () => {
    for (let i = 1; i <= 10; i++) expect((await login(app, unknownUsername(), "wrong-pass-1", `2001:db8:4:1::${i.toString(16)}`)).statusCode).toBe(401);
    expect((await login(app, unknownUsername(), "wrong-pass-1", "2001:db8:4:1:ffff::1")).statusCode).toBe(429);
    expect((await login(app, unknownUsername(), "wrong-pass-1", "2001:db8:4:2::1")).statusCode).toBe(401);
  });

  it("believes X-Forwarded-For only when told to trust the proxy", async () => {
    // Not trusted (the default): a client cannot escape its count by inventing addresses.
    for (let i = 0; i < 10; i++) {
      await login(app, unknownUsername(), "wrong-pass-1", "10.5.0.1", { "x-forwarded-for": `192.0.2.${i}` });
    }
    expect((await login(app, unknownUsername(), "wrong-pass-1", "10.5.0.1", { "x-forwarded-for": "192.0.2.200" })).statusCode).toBe(429);

    // Behind a trusted proxy every client is counted by its own address.
    const behindProxy = await createTestApp(database, clock.now(), { trustProxy: "10.5.0.9" });
    try {
      for (let i = 0; i < 10; i++) {
        expect((await login(behindProxy.app, unknownUsername(), "wrong-pass-1", "10.5.0.9", { "x-forwarded-for": "198.51.100.1" })).statusCode).toBe(401);
      }
      expect((await login(behindProxy.app, unknownUsername(), "wrong-pass-1", "10.5.0.9", { "x-forwarded-for": "198.51.100.1" })).statusCode).toBe(429);
      expect((await login(behindProxy.app, unknownUsername(), "wrong-pass-1", "10.5.0.9", { "x-forwarded-for": "198.51.100.2" })).statusCode).toBe(401);
      const audit = await database.db.select({ ip: auditLog.ip }).from(auditLog).where(eq(auditLog.ip, "198.51.100.2"));
      expect(audit).toHaveLength(1);
    } finally {
      await behindProxy.app.close();
    }
  });
});

describe("lockout", () => {
  it("a stranger's five wrong passwords pause the stranger's address only; the owner signs in from their own", async () => {
    const owner = await newStaff();
    const start = clock.now();
    for (let i = 0; i < 5; i++) expect((await login(app, owner.username, `guess-${i}`, "203.0.113.7")).statusCode).toBe(401);
    const paused = await login(app, owner.username, TEST_PASSWORD, "203.0.113.7");
    expect(paused.statusCode).toBe(429);
    expect(paused.headers["retry-after"]).toBe(String(WINDOW_SECONDS));
    expect(paused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfter: WINDOW_SECONDS });

    expect((await login(app, owner.username, TEST_PASSWORD, "198.51.100.7")).statusCode).toBe(200);
    // Pausing one address does not lock the account.
    const events = await auditOf(owner.username);
    expect(events.map((e) => [e.action, e.detail.reason ?? null])).toEqual([
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "paused"],
      ["auth.login", null],
    ]);
    expect(events[4].detail.addressPausedUntil).toBe(new Date(start.getTime() + 15 * MINUTE).toISOString());

    clock.set(new Date(start.getTime() + 15 * MINUTE));
    expect((await login(app, owner.username, "guess-6", "203.0.113.7")).statusCode).toBe(401);
  });

  it("locks the account for everyone only at the much higher count across addresses, then unlocks when the clock passes lockedUntil", async () => {
    // A lower account threshold than the default 50 keeps the test short; the rule is the same.
    const locking = await createTestApp(database, clock.now(), { accountLockoutThreshold: 15 });
    try {
      const owner = await newStaff();
      const unknown = unknownUsername();
      const strangers = ["203.0.113.21", "203.0.113.22", "203.0.113.23"];
      const attack = async (username: string) => {
        const statuses = [];
        for (const address of strangers) for (let i = 0; i < 5; i++) statuses.push((await login(locking.app, username, `guess-${i}`, address)).statusCode);
        return statuses;
      };

      // Ten failures from two addresses: the owner still gets in.
      for (const address of strangers.slice(0, 2)) for (let i = 0; i < 5; i++) await login(locking.app, owner.username, `guess-${i}`, address);
      expect((await login(locking.app, owner.username, TEST_PASSWORD, "198.51.100.21")).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await login(locking.app, owner.username, `guess-${i}`, strangers[2])).statusCode).toBe(401);
      const lockedAt = locking.clock.now();
      const locked = await login(locking.app, owner.username, TEST_PASSWORD, "198.51.100.21");
      expect(locked.statusCode).toBe(423);
      expect(locked.json()).toMatchObject({ code: "ACCOUNT_LOCKED", lockedUntil: new Date(lockedAt.getTime() + 15 * MINUTE).toISOString() });
      const lockEvents = (await auditOf(owner.username)).filter((e) => e.action === "account.locked");
      expect(lockEvents).toMatchObject([{ entityId: owner.id, detail: { lockedUntil: new Date(lockedAt.getTime() + 15 * MINUTE).toISOString() } }]);

      // An unknown username locks alike.
      expect(await attack(unknown)).toEqual(Array(15).fill(401));
      const lockedUnknown = await login(locking.app, unknown, TEST_PASSWORD, "198.51.100.22");
      expect(observable(lockedUnknown)).toEqual(observable(locked));

      locking.clock.set(new Date(lockedAt.getTime() + 15 * MINUTE));
      expect((await login(locking.app, owner.username, TEST_PASSWORD, "198.51.100.21")).statusCode).toBe(200);
    } finally {
      await locking.app.close();
    }
  });
});
