import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD, type TestTree } from "../../../../../test/helpers/factories.ts";
import { fixedClock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/index.ts";
import { findLiveSession, hashToken, openSession, revokeSession } from "../../../platform/auth/session.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { resetPassword, updateAccount } from "../../accounts/commands/manage-account.ts";
import { accounts } from "../../accounts/accounts.tables.ts";
import { auditLog } from "../../audit/audit.tables.ts";
import { sessions } from "../../../platform/auth/sessions.tables.ts";
import { createProtector } from "../../../platform/personal/protect.ts";
import { signInFailures } from "../sign-in-failures.tables.ts";
import { signIn, type SignInPolicy, type SignInResult } from "./sign-in.ts";

const POLICY: SignInPolicy = { idleMinutes: 30, absoluteHours: 12, lockoutThreshold: 3, lockoutMinutes: 15, accountLockoutThreshold: 7 };
const MINUTE = 60_000;
const protector = createProtector(Buffer.alloc(32, 7));

let database: Database;
let tree: TestTree;

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
});

afterAll(async () => {
  await database?.close();
});

const newStaff = () => database.db.transaction((tx) => makeStaff(tx, ["window"], tree.townships[0][0]));

/** One attempt, committed even when refused (as the route does). */
const attempt = (username: string, password: string, now: Date, address = "10.1.2.3"): Promise<SignInResult> =>
  database.db.transaction((tx) => signIn(tx, { username, password, ip: address, address, userAgent: "vitest", now }, POLICY, protector));

const live = (token: string, now: Date) => database.db.transaction((tx) => findLiveSession(tx, token, now, POLICY));

const auditOf = async (accountId: string) =>
  database.db
    .select({ action: auditLog.action, at: auditLog.at, ip: auditLog.ip, actorKind: auditLog.actorKind, detail: auditLog.detail, regionPath: auditLog.regionPath })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "account"), eq(auditLog.entityId, accountId)))
    .orderBy(asc(auditLog.id));

const errorOf = (result: SignInResult) => {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
};

describe("signIn", () => {
  it("opens a session that findLiveSession finds, and records auth.login", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T08:00:00Z");
    // Usernames are matched case-insensitively.
    const result = await attempt(actor.username.toUpperCase(), TEST_PASSWORD, clock.now());
    if (!result.ok) throw result.error;
    expect(result.accountId).toBe(actor.id);
    expect(result.expiresAt).toEqual(new Date(clock.now().getTime() + 12 * 60 * MINUTE));
    const session = await live(result.token, clock.now());
    expect(session).toMatchObject({ principalKind: "staff", principalId: actor.id, csrfToken: result.csrfToken, ip: "10.1.2.3", userAgent: "vitest" });
    // Only the hash of the token is stored.
    const [stored] = await database.db.select().from(sessions).where(eq(sessions.principalId, actor.id));
    expect(stored.tokenHash).toBe(hashToken(result.token));
    expect(stored.tokenHash).not.toBe(result.token);
    expect((await auditOf(actor.id)).filter((row) => row.action.startsWith("auth."))).toMatchObject([
      { action: "auth.login", at: clock.now(), ip: "10.1.2.3", actorKind: "anonymous", regionPath: actor.regionPath },
    ]);
  });

  it("pauses one address after lockoutThreshold failures, refusing even the right password there until the pause ends; other addresses are heard", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T09:00:00Z");
    for (let i = 0; i < 3; i++) {
      const error = errorOf(await attempt(actor.username, `wrong-pass-${i}`, clock.now(), "10.9.0.1"));
      expect(error.code).toBe("INVALID_CREDENTIALS");
      expect(error.extra).toBeUndefined();
      clock.advance(MINUTE);
    }
    // Paused 15 minutes from the third failure, two minutes ago.
    const paused = errorOf(await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.9.0.1"));
    expect(paused.code).toBe("TOO_MANY_REQUESTS");
    expect(paused.extra).toEqual({ retryAfter: 14 * 60 });
    expect(await database.db.select().from(sessions).where(eq(sessions.principalId, actor.id))).toEqual([]);

    // The owner elsewhere is not affected, and the account is not locked.
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.9.0.2")).ok).toBe(true);
    const [row] = await database.db.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, actor.id));
    expect(row.lockedUntil).toBeNull();

    clock.advance(14 * MINUTE);
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.9.0.1")).ok).toBe(true);
    const actions = (await auditOf(actor.id)).filter((r) => r.action !== "account.create").map((r) => [r.action, r.detail.reason ?? null]);
    expect(actions).toEqual([
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "paused"],
      ["auth.login", null],
      ["auth.login", null],
    ]);
  });

  it("counts failures of an address within lockoutMinutes of the first; a later failure starts afresh", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T09:30:00Z");
    await attempt(actor.username, "wrong-pass-1", clock.now());
    await attempt(actor.username, "wrong-pass-2", clock.now());
    clock.advance(15 * MINUTE);
    await attempt(actor.username, "wrong-pass-3", clock.now());
    await attempt(actor.username, "wrong-pass-4", clock.now());
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now())).ok).toBe(true);
  });

  it("locks the account for everyone at accountLockoutThreshold failures across addresses, until lockedUntil", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T10:00:00Z");
    // 3 + 3 + 1 failures from three addresses; the seventh locks.
    for (const [address, count] of [["10.8.0.1", 3], ["10.8.0.2", 3], ["10.8.0.3", 1]] as const) {
      for (let i = 0; i < count; i++) expect(errorOf(await attempt(actor.username, `wrong-${i}`, clock.now(), address)).code).toBe("INVALID_CREDENTIALS");
    }
    const lockedUntil = new Date(clock.now().getTime() + 15 * MINUTE);
    const [row] = await database.db.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, actor.id));
    expect(row.lockedUntil).toEqual(lockedUntil);

    clock.advance(5 * MINUTE);
    const locked = errorOf(await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.8.0.9"));
    expect(locked.code).toBe("ACCOUNT_LOCKED");
    expect(locked.extra).toEqual({ lockedUntil: lockedUntil.toISOString() });

    clock.set(lockedUntil);
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.8.0.9")).ok).toBe(true);
    const [unlocked] = await database.db.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, actor.id));
    expect(unlocked.lockedUntil).toBeNull();
    const events = (await auditOf(actor.id)).filter((r) => r.action === "account.locked");
    expect(events).toMatchObject([{ detail: { lockedUntil: lockedUntil.toISOString(), failures: 7, minutes: 15 } }]);
  });

  it("an administrator's password reset lifts the account lock", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T10:30:00Z");
    for (let i = 0; i < 7; i++) await attempt(actor.username, `wrong-${i}`, clock.now(), `10.7.0.${i}`);
    expect(errorOf(await attempt(actor.username, TEST_PASSWORD, clock.now(), "10.7.1.1")).code).toBe("ACCOUNT_LOCKED");
    await database.db.transaction((tx) => resetPassword(tx, systemActor("test"), actor.id, "new-pass-456", clock.now()));
    expect((await attempt(actor.username, "new-pass-456", clock.now(), "10.7.1.1")).ok).toBe(true);
  });

  it("a successful sign-in clears its address's count", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T11:00:00Z");
    await attempt(actor.username, "wrong-pass-1", clock.now());
    await attempt(actor.username, "wrong-pass-2", clock.now());
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now())).ok).toBe(true);
    await attempt(actor.username, "wrong-pass-3", clock.now());
    await attempt(actor.username, "wrong-pass-4", clock.now());
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now())).ok).toBe(true);
  });

  it("an unknown username is INVALID_CREDENTIALS, is recorded, and is paused and locked like an account", async () => {
    const username = `nobody${Math.random().toString(36).slice(2, 8)}`;
    const clock = fixedClock("2030-03-01T11:30:00Z");
    const error = errorOf(await attempt(username, TEST_PASSWORD, clock.now(), "10.6.0.1"));
    expect(error.code).toBe("INVALID_CREDENTIALS");
    expect(error.extra).toBeUndefined();
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.actorUsername, username));
    expect(rows).toMatchObject([{ action: "auth.login_failed", actorKind: "anonymous", actorId: null, entityId: null, at: clock.now(), detail: { reason: "unknown_username" } }]);

    await attempt(username, TEST_PASSWORD, clock.now(), "10.6.0.1");
    await attempt(username, TEST_PASSWORD, clock.now(), "10.6.0.1");
    expect(errorOf(await attempt(username, TEST_PASSWORD, clock.now(), "10.6.0.1")).extra).toEqual({ retryAfter: 15 * 60 });
    for (let i = 0; i < 4; i++) await attempt(username, TEST_PASSWORD, clock.now(), `10.6.1.${i}`);
    expect(errorOf(await attempt(username, TEST_PASSWORD, clock.now(), "10.6.2.1")).extra).toEqual({ lockedUntil: new Date(clock.now().getTime() + 15 * MINUTE).toISOString() });
    // Counted under a keyed hash: the username itself is not stored.
    const stored = await database.db.select({ subject: signInFailures.subject }).from(signInFailures);
    expect(stored.some((r) => r.subject.includes(username))).toBe(false);
  });

  it("a disabled account is INVALID_CREDENTIALS even with the right password, and gets no session", async () => {
    const actor = await newStaff();
    await database.db.transaction((tx) => updateAccount(tx, systemActor("test"), actor.id, { isDisabled: true }, new Date()));
    const error = errorOf(await attempt(actor.username, TEST_PASSWORD, new Date("2030-03-01T12:00:00Z")));
    expect(error.code).toBe("INVALID_CREDENTIALS");
    expect(await database.db.select().from(sessions).where(eq(sessions.principalId, actor.id))).toEqual([]);
    expect((await auditOf(actor.id)).filter((r) => r.action.startsWith("auth.")).map((r) => [r.action, r.detail.reason])).toEqual([
      ["auth.login_failed", "disabled"],
    ]);
  });
});

describe("findLiveSession", () => {
  let actor: StaffActor;
  beforeAll(async () => {
    actor = await newStaff();
  });

  const open = (now: Date) =>
    database.db.transaction((tx) => openSession(tx, { principalKind: "staff", principalId: actor.id, ip: null, userAgent: null, now }, POLICY));
  const lastSeen = async (token: string) =>
    (await database.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.tokenHash, hashToken(token))))[0].at;

  it("ends a session idle for longer than idleMinutes, counted from the last activity", async () => {
    const clock = fixedClock("2030-04-01T08:00:00Z");
    const { token } = await open(clock.now());
    clock.advance(29 * MINUTE);
    const seenAt = clock.now();
    expect(await live(token, seenAt)).not.toBeNull();
    expect(await lastSeen(token)).toEqual(seenAt);
    // 31 minutes after the start, but only 2 after the last activity: live.
    clock.advance(2 * MINUTE);
    expect(await live(token, clock.now())).not.toBeNull();
    // 31 minutes after the last activity: dead, and it stays dead.
    clock.set(new Date(clock.now().getTime() + 31 * MINUTE));
    expect(await live(token, clock.now())).toBeNull();
    clock.advance(MINUTE);
    expect(await live(token, clock.now())).toBeNull();
  });

  it("ends a session at absoluteHours even when it is active every 20 minutes", async () => {
    const clock = fixedClock("2030-04-02T08:00:00Z");
    const { token } = await open(clock.now());
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.advance(20 * MINUTE);
      expect(await live(token, clock.now()), `live at +${minutes} min`).not.toBeNull();
    }
    clock.advance(20 * MINUTE); // +12 h exactly
    expect(await live(token, clock.now())).toBeNull();
  });

  it("a revoked session is dead at once", async () => {
    const clock = fixedClock("2030-04-03T08:00:00Z");
    const { token } = await open(clock.now());
    const other = await open(clock.now());
    expect(await live(token, clock.now())).not.toBeNull();
    await database.db.transaction((tx) => revokeSession(tx, token, clock.now()));
    expect(await live(token, clock.now())).toBeNull();
    // Only that session.
    expect(await live(other.token, clock.now())).not.toBeNull();
  });

  it("an unknown token finds nothing", async () => {
    expect(await live("no-such-token", new Date())).toBeNull();
  });
});
