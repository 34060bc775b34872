import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { oneTimeCodes, type OneTimeCodePurpose } from "../citizens.tables.ts";
import { CODE_MAX_ATTEMPTS, isCodeRight } from "../one-time-code-rules.ts";

export type VerifyCodeInput = { phone: string; purpose: OneTimeCodePurpose; code: string; now: Date; protector: Protector };

/** A refusal is a result, not a throw: the counted attempt must be committed (see verifyOneTimeCode). */
export type CodeCheck = { ok: true } | { ok: false; error: AppError };

/**
 * Checks a one-time code a citizen typed, and uses it up when it is right.
 * For sign-in (purpose 'sign_in') and for tracking a request without an
 * account (purpose 'tracking': number + phone + code).
 *
 * The phone's latest code for the purpose is locked (FOR UPDATE), so parallel
 * guesses are counted one by one. Refusals, with their codes:
 * - CODE_EXPIRED (410): no code was sent, or it was replaced, or its 5 minutes are over;
 * - CODE_USED (410): it was used once already;
 * - CODE_ATTEMPTS_EXHAUSTED (410): it met its limit of wrong tries and is dead;
 * - CODE_INVALID (401, with `attemptsLeft`): wrong; the try is counted.
 *
 * **Commit the transaction, then throw the error**: a wrong try is counted in
 * this transaction, and a rollback would hand it back to the guesser.
 * ```ts
 * const check = await db.transaction((tx) => verifyOneTimeCode(tx, { phone, purpose: "tracking", code, now, protector }));
 * if (!check.ok) throw check.error;
 * ```
 */
export async function verifyOneTimeCode(tx: Tx, input: VerifyCodeInput): Promise<CodeCheck> {
  const { phone, purpose, code, now, protector } = input;
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(and(inArray(oneTimeCodes.phoneHash, protector.lookupHashes(phone)), eq(oneTimeCodes.purpose, purpose)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for("update");
  if (!row) return refuse("CODE_EXPIRED", "No live code for this phone; request a new one");
  if (row.consumedAt) return refuse("CODE_USED", "This code has been used; request a new one");
  if (row.expiresAt <= now) return refuse("CODE_EXPIRED", "This code has expired; request a new one");
  if (row.attempts >= CODE_MAX_ATTEMPTS) return refuse("CODE_ATTEMPTS_EXHAUSTED", "Too many wrong tries for this code; request a new one");
  if (!isCodeRight(protector, row.codeHash, phone, purpose, code)) {
    const [counted] = await tx
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, row.id))
      .returning({ attempts: oneTimeCodes.attempts });
    const attemptsLeft = Math.max(0, CODE_MAX_ATTEMPTS - counted.attempts);
    return { ok: false, error: new AppError("CODE_INVALID", "The code is wrong", { field: "code", extra: { attemptsLeft } }) };
  }
  await tx.update(oneTimeCodes).set({ consumedAt: now }).where(eq(oneTimeCodes.id, row.id));
  return { ok: true };
}

const refuse = (code: "CODE_EXPIRED" | "CODE_USED" | "CODE_ATTEMPTS_EXHAUSTED", message: string): CodeCheck => ({
  ok: false,
  error: new AppError(code, message, { field: "code" }),
});
