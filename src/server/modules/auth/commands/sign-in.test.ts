import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD, type TestTree } from "../../../../../test/helpers/factories.ts";
import { fixedClock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/index.ts";
import { findLiveSession, hashToken, openSession, revokeSession } from "../../../platform/auth/session.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { updateAccount } from "../../accounts/commands/manage-account.ts";
import { accounts } from "../../accounts/accounts.tables.ts";
import { auditLog } from "../../audit/audit.tables.ts";
import { sessions } from "../../../platform/auth/sessions.tables.ts";
import { signIn, type SignInPolicy, type SignInResult } from "./sign-in.ts";

const POLICY: SignInPolicy = { idleMinutes: 30, absoluteHours: 12, lockoutThreshold: 3, lockoutMinutes: 15 };
const MINUTE = 60_000;

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
const attempt = (username: string, password: string, now: Date): Promise<SignInResult> =>
  database.db.transaction((tx) => signIn(tx, { username, password, ip: "10.1.2.3", userAgent: "vitest", now }, POLICY));

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

  it("counts wrong passwords, locks at the threshold, refuses even the right password until lockedUntil, then lets it in", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T09:00:00Z");

    const first = errorOf(await attempt(actor.username, "wrong-pass-1", clock.now()));
    expect(first.code).toBe("INVALID_CREDENTIALS");
    expect(first.extra).toEqual({ attemptsLeft: 2 });
    clock.advance(MINUTE);
    const second = errorOf(await attempt(actor.username, "wrong-pass-2", clock.now()));
    expect(second.code).toBe("INVALID_CREDENTIALS");
    expect(second.extra).toEqual({ attemptsLeft: 1 });
    clock.advance(MINUTE);
    const lockedAt = clock.now();
    const third = errorOf(await attempt(actor.username, "wrong-pass-3", lockedAt));
    const lockedUntil = new Date(lockedAt.getTime() + 15 * MINUTE);
    expect(third.code).toBe("ACCOUNT_LOCKED");
    expect(third.extra?.lockedUntil).toBe(lockedUntil.toISOString());
    const [row] = await database.db.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, actor.id));
    expect(row.lockedUntil).toEqual(lockedUntil);

    clock.advance(5 * MINUTE);
    const whileLocked = errorOf(await attempt(actor.username, TEST_PASSWORD, clock.now()));
    expect(whileLocked.code).toBe("ACCOUNT_LOCKED");
    expect(whileLocked.extra?.lockedUntil).toBe(lockedUntil.toISOString());
    expect(await database.db.select().from(sessions).where(eq(sessions.principalId, actor.id))).toEqual([]);

    clock.set(new Date(lockedUntil.getTime() + 1000));
    const after = await attempt(actor.username, TEST_PASSWORD, clock.now());
    expect(after.ok).toBe(true);
    const [unlocked] = await database.db.select({ lockedUntil: accounts.lockedUntil, failedLoginCount: accounts.failedLoginCount }).from(accounts).where(eq(accounts.id, actor.id));
    expect(unlocked).toEqual({ lockedUntil: null, failedLoginCount: 0 });

    const actions = (await auditOf(actor.id)).filter((r) => r.action !== "account.create").map((r) => [r.action, r.detail.reason ?? null]);
    expect(actions).toEqual([
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "wrong_password"],
      ["account.locked", null],
      ["auth.login_failed", "wrong_password"],
      ["auth.login_failed", "locked"],
      ["auth.login", null],
    ]);
  });

  it("a successful sign-in resets the failure count", async () => {
    const actor = await newStaff();
    const clock = fixedClock("2030-03-01T10:00:00Z");
    await attempt(actor.username, "wrong-pass-1", clock.now());
    await attempt(actor.username, "wrong-pass-2", clock.now());
    expect((await attempt(actor.username, TEST_PASSWORD, clock.now())).ok).toBe(true);
    const next = errorOf(await attempt(actor.username, "wrong-pass-3", clock.now()));
    expect(next.code).toBe("INVALID_CREDENTIALS");
    expect(next.extra).toEqual({ attemptsLeft: 2 });
  });

  it("an unknown username is INVALID_CREDENTIALS and is recorded", async () => {
    const username = `nobody${Math.random().toString(36).slice(2, 8)}`;
    const at = new Date("2030-03-01T11:00:00Z");
    const error = errorOf(await attempt(username, TEST_PASSWORD, at));
    expect(error.code).toBe("INVALID_CREDENTIALS");
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.actorUsername, username));
    expect(rows).toMatchObject([{ action: "auth.login_failed", actorKind: "anonymous", actorId: null, entityId: null, at, detail: { reason: "unknown_username" } }]);
  });

  it("a disabled account with the right password is ACCOUNT_DISABLED and gets no session", async () => {
    const actor = await newStaff();
    await database.db.transaction((tx) => updateAccount(tx, systemActor("test"), actor.id, { isDisabled: true }, new Date()));
    const error = errorOf(await attempt(actor.username, TEST_PASSWORD, new Date("2030-03-01T12:00:00Z")));
    expect(error.code).toBe("ACCOUNT_DISABLED");
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
