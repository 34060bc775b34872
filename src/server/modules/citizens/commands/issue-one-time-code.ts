import { and, eq, inArray, lt } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { enqueueNotification } from "../../notifications/commands/enqueue-notification.ts";
import { citizens, oneTimeCodes, type OneTimeCodePurpose } from "../citizens.tables.ts";
import { CODE_TTL_MS, codeHash, newCode } from "../one-time-code-rules.ts";

export type IssueCodeInput = { phone: string; purpose: OneTimeCodePurpose; ip: string | null; now: Date };

/**
 * Sends a new one-time code to a phone, through the notification outbox (an SMS;
 * the development channel when no gateway is configured), in one transaction:
 * the code's hash is stored, the phone's earlier codes for the same purpose are
 * removed (a new code replaces them), and the message is queued with
 * the code sealed by the protector (the sender opens it to send; the outbox page
 * shows it only in the development channel). Whether the phone belongs to a
 * citizen changes nothing the caller sees; the rate limits are the route's.
 */
export async function issueOneTimeCode(tx: Tx, protector: Protector, input: IssueCodeInput): Promise<{ expiresAt: Date }> {
  const { phone, purpose, now } = input;
  const phoneHashes = protector.lookupHashes(phone);
  // Codes long dead are of no use to anyone: keep the table to the live few.
  await tx.delete(oneTimeCodes).where(lt(oneTimeCodes.expiresAt, new Date(now.getTime() - 24 * 3_600_000)));
  // The new code replaces the phone's earlier ones for this purpose, used or not: one row per
  // phone and purpose, so a check never has to choose between two (two sent in the same instant).
  await tx.delete(oneTimeCodes).where(and(inArray(oneTimeCodes.phoneHash, phoneHashes), eq(oneTimeCodes.purpose, purpose)));
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await tx.insert(oneTimeCodes).values({
    phoneHash: protector.lookupHash(phone),
    purpose,
    codeHash: codeHash(protector, phone, purpose, code),
    expiresAt,
    attempts: 0,
    ip: input.ip,
    createdAt: now,
  });
  // A known citizen's code is filed under their region, so the admins there read it in the development channel.
  const [known] = await tx.select({ regionPath: citizens.regionPath }).from(citizens).where(inArray(citizens.phoneHash, phoneHashes)).limit(1);
  await enqueueNotification(tx, protector, {
    ticketId: null,
    regionPath: known?.regionPath ?? null,
    phone,
    template: "one_time_code",
    payload: { sealedCode: protector.encrypt(code), purpose, expiresAt: expiresAt.toISOString() },
    now,
  });
  return { expiresAt };
}
