import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { hotlineCalls } from "../hotline.tables.ts";

/** A call's record by the phone system's call id, the caller's number opened (for the desk and the tests; never logged). */
export async function getCallRecord(tx: Tx, protector: Protector, sourceId: string, callId: string) {
  const [row] = await tx.select().from(hotlineCalls).where(and(eq(hotlineCalls.sourceId, sourceId), eq(hotlineCalls.callId, callId))).limit(1);
  if (!row) return null;
  const { callerEnc, ...rest } = row;
  return { ...rest, caller: callerEnc ? protector.tryDecrypt(callerEnc) : null };
}

