import { asc, eq, gt, isNotNull, and, sql } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { emptyResealReport, resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { hotlineCalls, hotlineEvents, hotlineSources } from "../hotline.tables.ts";

/**
 * Brings the hotline's sealed values under the current data key, for `santai
 * rotate-data-key`: the phone systems' secrets, the callers' numbers in the call
 * records (with their lookup hashes, keyed by the sealing key) and in the stored events.
 */
export async function resealHotlineData(db: Db, protector: Protector): Promise<ResealReport> {
  const sources = await resealInBatches(
    db,
    (tx, after, limit) =>
      tx.select({ id: hotlineSources.id, secret: hotlineSources.secret }).from(hotlineSources).where(after === null ? undefined : gt(hotlineSources.id, after)).orderBy(asc(hotlineSources.id)).limit(limit).for("update"),
    async (tx, row) => {
      const secret = resealed(protector, row.secret);
      if (!secret) return "current";
      await tx.update(hotlineSources).set({ secret }).where(eq(hotlineSources.id, row.id));
      return "resealed";
    },
  );
  const calls = await resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: hotlineCalls.id, callerEnc: hotlineCalls.callerEnc })
        .from(hotlineCalls)
        .where(and(isNotNull(hotlineCalls.callerEnc), after === null ? undefined : gt(hotlineCalls.id, after)))
        .orderBy(asc(hotlineCalls.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      if (protector.isCurrent(row.callerEnc!)) return "current";
      const caller = protector.decrypt(row.callerEnc!);
      await tx.update(hotlineCalls).set({ callerEnc: protector.encrypt(caller), callerHash: protector.lookupHash(caller) }).where(eq(hotlineCalls.id, row.id));
      return "resealed";
    },
  );
  const events = await resealInBatches(
    db,
    async (tx, after, limit) => {
      const rows = await tx
        .select({ id: hotlineEvents.id, payload: hotlineEvents.payload })
        .from(hotlineEvents)
        .where(and(sql`${hotlineEvents.payload} ? 'callerEnc'`, after === null ? undefined : gt(hotlineEvents.id, Number(after))))
        .orderBy(asc(hotlineEvents.id))
        .limit(limit)
        .for("update");
      return rows.map((row) => ({ ...row, id: String(row.id) }));
    },
    async (tx, row) => {
      const callerEnc = row.payload.callerEnc ? resealed(protector, row.payload.callerEnc) : null;
      if (!callerEnc) return "current";
      await tx.update(hotlineEvents).set({ payload: { ...row.payload, callerEnc } }).where(eq(hotlineEvents.id, Number(row.id)));
      return "resealed";
    },
  );
  const total = emptyResealReport();
  for (const report of [sources, calls, events]) {
    total.resealed += report.resealed;
    total.current += report.current;
    total.unreadable += report.unreadable;
  }
  return total;
}
