import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { AppError } from "../../../platform/errors.ts";
import { openSession, type SessionPolicy } from "../../../platform/auth/session.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { citizens } from "../citizens.tables.ts";
import { verifyOneTimeCode } from "./verify-one-time-code.ts";

export type CitizenSignInInput = { phone: string; code: string; ip: string | null; userAgent: string | null; now: Date };

export type CitizenSignInResult =
  | { ok: true; citizenId: string; isNew: boolean; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; error: AppError };

/**
 * Portal sign-in with a phone and the one-time code sent to it: the code is
 * checked and used up (verifyOneTimeCode), the citizen found by the phone's
 * lookup hash or created, and a session opened with principal kind `citizen`.
 * Success and failure go on the audit log with the phone masked, never in clear.
 * A refusal is a result: commit (the wrong try is counted), then throw its error.
 */
export async function signInCitizen(tx: Tx, protector: Protector, input: CitizenSignInInput, policy: SessionPolicy): Promise<CitizenSignInResult> {
  const { phone, now, ip } = input;
  const check = await verifyOneTimeCode(tx, { phone, purpose: "sign_in", code: input.code, now, protector });
  const phoneHashes = protector.lookupHashes(phone);
  if (!check.ok) {
    const [known] = await tx.select({ id: citizens.id }).from(citizens).where(inArray(citizens.phoneHash, phoneHashes)).limit(1);
    await recordAudit(tx, {
      actor: { kind: "anonymous", id: known?.id ?? null, username: maskPhone(phone), ip },
      action: "citizen.sign_in_failed",
      entityType: "citizen",
      entityId: known?.id ?? null,
      at: now,
      detail: { reason: check.error.code, ...(check.error.extra ?? {}) },
    });
    return check;
  }

  // Find or create: the unique phone hash decides between two first sign-ins that race.
  let [citizen] = await tx.select({ id: citizens.id }).from(citizens).where(inArray(citizens.phoneHash, phoneHashes)).limit(1);
  const isNew = !citizen;
  if (!citizen) {
    await tx
      .insert(citizens)
      .values({ phoneEnc: protector.encrypt(phone), phoneHash: protector.lookupHash(phone), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: citizens.phoneHash });
    [citizen] = await tx.select({ id: citizens.id }).from(citizens).where(inArray(citizens.phoneHash, phoneHashes)).limit(1);
  }
  await tx.update(citizens).set({ lastSignInAt: now }).where(eq(citizens.id, citizen.id));
  const session = await openSession(tx, { principalKind: "citizen", principalId: citizen.id, ip, userAgent: input.userAgent, now }, policy);
  await recordAudit(tx, {
    actor: { kind: "anonymous", id: citizen.id, username: maskPhone(phone), ip },
    action: "citizen.sign_in",
    entityType: "citizen",
    entityId: citizen.id,
    at: now,
    detail: { isNew },
  });
  return { ok: true, citizenId: citizen.id, isNew, ...session };
}
