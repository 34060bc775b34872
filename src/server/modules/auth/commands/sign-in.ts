import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { verifyPassword, dummyPasswordHash } from "../../../platform/auth/password.ts";
import { openSession, type SessionPolicy } from "../../../platform/auth/session.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockAccountForSignIn } from "../../accounts/queries/find-staff.ts";
import { setSignInState } from "../../accounts/commands/manage-account.ts";
import { ALL_ADDRESSES, signInFailures } from "../sign-in-failures.tables.ts";

export type SignInPolicy = SessionPolicy & {
  /** Failures of one username from one address within lockoutMinutes that pause that address for lockoutMinutes. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Failures of one username from all addresses within lockoutMinutes that lock the account for lockoutMinutes. */
  accountLockoutThreshold: number;
};

export type SignInInput = {
  username: string;
  password: string;
  /** The client's address as recorded on the audit log and the session. */
  ip: string | null;
  /** The client's address as counted (IPv6 by /64): see platform/rate-limit.ts clientAddress. */
  address: string;
  userAgent: string | null;
  now: Date;
};

export type SignInResult =
  | { ok: true; accountId: string; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; error: AppError };

// Advisory lock class for sign-in (two-key form, so it cannot meet the migration lock).
const SIGN_IN_LOCK_CLASS = 6_006;

/**
 * Password sign-in for staff. Failures are counted and recorded, so the caller
 * must commit even when the result is a refusal (hence a result, not a throw).
 *
 * Nothing in an answer tells whether a username exists: an unknown username, a
 * wrong password and a disabled account all answer INVALID_CREDENTIALS after
 * the same password check (a dummy hash when there is no account), and failures
 * are counted per username whether or not it has an account, so pauses and
 * locks come alike too. A disabled account answers so even with the right
 * password: otherwise the answer would confirm a guessed password.
 *
 * Lockout is not a stranger's weapon. `lockoutThreshold` failures of a username
 * from one address pause only that address (429 with the seconds to wait), so
 * the owner signing in from elsewhere still gets in; only
 * `accountLockoutThreshold` failures from all addresses lock the account for
 * everyone (423 with lockedUntil), which takes many addresses to cause.
 */
export async function signIn(tx: Tx, input: SignInInput, policy: SignInPolicy, protector: Protector): Promise<SignInResult> {
  const { now, ip, address } = input;
  const subject = protector.lookupHash(input.username);
  // One attempt per username at a time, account or not, so counts are exact and
  // a burst of parallel guesses is checked one by one.
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK_CLASS}, hashtext(${subject}))`);
  const account = await lockAccountForSignIn(tx, input.username);
  const counts = await tx
    .select({ address: signInFailures.address, pausedUntil: signInFailures.pausedUntil })
    .from(signInFailures)
    .where(and(eq(signInFailures.subject, subject), inArray(signInFailures.address, [address, ALL_ADDRESSES])));
  const pausedUntil = (which: string) => counts.find((row) => row.address === which)?.pausedUntil ?? null;

  const actor = { kind: "anonymous" as const, id: account?.id ?? null, username: input.username.slice(0, 64), ip, regionPath: account?.regionPath ?? null };
  const refuse = async (error: AppError, detail: Record<string, unknown>): Promise<SignInResult> => {
    await recordAudit(tx, { actor, action: "auth.login_failed", entityType: "account", entityId: account?.id, at: now, detail });
    return { ok: false, error };
  };

  // An account's lock is its locked_until, which administrators see and lift by
  // resetting the password; a username without an account keeps the same clock
  // in its all-addresses row.
  const lockedUntil = account ? account.lockedUntil : pausedUntil(ALL_ADDRESSES);
  if (lockedUntil && lockedUntil > now) return refuse(lockedError(lockedUntil), { reason: "locked" });
  const addressPausedUntil = pausedUntil(address);
  if (addressPausedUntil && addressPausedUntil > now) return refuse(pausedError(addressPausedUntil, now), { reason: "paused" });

  const isPasswordRight = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (account && isPasswordRight && !account.isDisabled) {
    await tx.delete(signInFailures).where(and(eq(signInFailures.subject, subject), eq(signInFailures.address, address)));
    await setSignInState(tx, account.id, { lockedUntil: null });
    const session = await openSession(tx, { principalKind: "staff", principalId: account.id, ip, userAgent: input.userAgent, now }, policy);
    await recordAudit(tx, { actor, action: "auth.login", entityType: "account", entityId: account.id, at: now });
    return { ok: true, accountId: account.id, ...session };
  }

  const reason = !account ? "unknown_username" : !isPasswordRight ? "wrong_password" : "disabled";
  const windowMs = policy.lockoutMinutes * 60_000;
  // Counters whose window has ended are gone; what remains is live.
  await tx.delete(signInFailures).where(lte(signInFailures.windowEndsAt, now));
  const addressPause = await countFailure(tx, subject, address, policy.lockoutThreshold, windowMs, now);
  const accountLock = await countFailure(tx, subject, ALL_ADDRESSES, policy.accountLockoutThreshold, windowMs, now);
  if (accountLock && account) {
    await setSignInState(tx, account.id, { lockedUntil: accountLock });
    await recordAudit(tx, {
      actor,
      action: "account.locked",
      entityType: "account",
      entityId: account.id,
      at: now,
      detail: { lockedUntil: accountLock, failures: policy.accountLockoutThreshold, minutes: policy.lockoutMinutes },
    });
  }
  return refuse(new AppError("INVALID_CREDENTIALS", "Wrong username or password"), {
    reason,
    ...(addressPause ? { addressPausedUntil: addressPause } : {}),
    ...(accountLock ? { lockedUntil: accountLock } : {}),
  });
}

/**
 * Counts one failure in a fixed window of `windowMs` from the first failure;
 * the one that reaches `threshold` pauses the row for `windowMs` and starts
 * the count afresh after it. Returns the end of a pause it started, else null.
 */
async function countFailure(tx: Tx, subject: string, address: string, threshold: number, windowMs: number, now: Date): Promise<Date | null> {
  const windowEndsAt = new Date(now.getTime() + windowMs);
  const [row] = await tx
    .insert(signInFailures)
    .values({ subject, address, failures: 1, windowEndsAt, pausedUntil: null })
    .onConflictDoUpdate({
      target: [signInFailures.subject, signInFailures.address],
      set: { failures: sql`${signInFailures.failures} + 1`, pausedUntil: null },
    })
    .returning({ failures: signInFailures.failures });
  if (row.failures < threshold) return null;
  await tx
    .update(signInFailures)
    .set({ failures: 0, pausedUntil: windowEndsAt, windowEndsAt })
    .where(and(eq(signInFailures.subject, subject), eq(signInFailures.address, address)));
  return windowEndsAt;
}

/**
 * An attempt refused before it reached the password check, by the per-address
 * throttle: recorded like every sign-in attempt. The account is not looked up
 * (the throttle answers before any work), so the entry names only the username.
 */
export async function recordThrottledSignIn(tx: Tx, input: { username: string; ip: string | null; now: Date; retryAfterSeconds: number }): Promise<void> {
  await recordAudit(tx, {
    actor: { kind: "anonymous", id: null, username: input.username.slice(0, 64), ip: input.ip },
    action: "auth.login_failed",
    entityType: "account",
    at: input.now,
    detail: { reason: "rate_limited", retryAfter: input.retryAfterSeconds },
  });
}

const lockedError = (lockedUntil: Date) =>
  new AppError("ACCOUNT_LOCKED", `Too many failed sign-ins for this account; try again after ${lockedUntil.toISOString()}`, {
    extra: { lockedUntil: lockedUntil.toISOString() },
  });

const pausedError = (pausedUntil: Date, now: Date) => {
  const seconds = Math.max(1, Math.ceil((pausedUntil.getTime() - now.getTime()) / 1000));
  return new AppError("TOO_MANY_REQUESTS", `Too many failed sign-ins from this address; try again in ${seconds} s`, {
    extra: { retryAfter: seconds },
  });
};
