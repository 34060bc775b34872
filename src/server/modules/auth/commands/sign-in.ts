import type { Tx } from "../../../platform/db/index.ts";
import { verifyPassword, dummyPasswordHash } from "../../../platform/auth/password.ts";
import { openSession, type SessionPolicy } from "../../../platform/auth/session.ts";
import { AppError } from "../../../platform/errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockAccountForSignIn } from "../../accounts/queries/find-staff.ts";
import { setSignInState } from "../../accounts/commands/manage-account.ts";

export type SignInPolicy = SessionPolicy & { lockoutThreshold: number; lockoutMinutes: number };

export type SignInResult =
  | { ok: true; accountId: string; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; error: AppError };

/**
 * Password sign-in for staff. Failures are counted and recorded, so the caller
 * must commit even when the result is a refusal (hence a result, not a throw).
 * After `lockoutThreshold` failures in a row the account is locked for
 * `lockoutMinutes`, and the refusal says until when.
 */
export async function signIn(
  tx: Tx,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; now: Date },
  policy: SignInPolicy,
): Promise<SignInResult> {
  const { now, ip } = input;
  const account = await lockAccountForSignIn(tx, input.username);

  const actor = { kind: "anonymous" as const, id: account?.id ?? null, username: input.username.slice(0, 64), ip, regionPath: account?.regionPath ?? null };
  const refuse = async (error: AppError, reason: string): Promise<SignInResult> => {
    await recordAudit(tx, { actor, action: "auth.login_failed", entityType: "account", entityId: account?.id, at: now, detail: { reason } });
    return { ok: false, error };
  };

  if (!account) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return refuse(new AppError("INVALID_CREDENTIALS", "Wrong username or password"), "unknown_username");
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    return refuse(lockedError(account.lockedUntil), "locked");
  }
  const isPasswordRight = await verifyPassword(account.passwordHash, input.password);
  if (!isPasswordRight) {
    const failures = account.failedLoginCount + 1;
    const isNowLocked = failures >= policy.lockoutThreshold;
    const lockedUntil = isNowLocked ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
    await setSignInState(tx, account.id, { failedLoginCount: isNowLocked ? 0 : failures, lockedUntil });
    if (lockedUntil) {
      await recordAudit(tx, { actor, action: "account.locked", entityType: "account", entityId: account.id, at: now, detail: { lockedUntil } });
      return refuse(lockedError(lockedUntil), "wrong_password");
    }
    const remaining = policy.lockoutThreshold - failures;
    return refuse(
      new AppError("INVALID_CREDENTIALS", "Wrong username or password", { extra: { attemptsLeft: remaining } }),
      "wrong_password",
    );
  }
  if (account.isDisabled) {
    return refuse(new AppError("ACCOUNT_DISABLED", "This account is disabled"), "disabled");
  }
  await setSignInState(tx, account.id, { failedLoginCount: 0, lockedUntil: null });
  const session = await openSession(tx, { principalKind: "staff", principalId: account.id, ip, userAgent: input.userAgent, now }, policy);
  await recordAudit(tx, { actor, action: "auth.login", entityType: "account", entityId: account.id, at: now });
  return { ok: true, accountId: account.id, ...session };
}

const lockedError = (lockedUntil: Date) =>
  new AppError("ACCOUNT_LOCKED", `Too many failed sign-ins; try again after ${lockedUntil.toISOString()}`, {
    extra: { lockedUntil: lockedUntil.toISOString() },
  });
