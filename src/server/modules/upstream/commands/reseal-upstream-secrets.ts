import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { emptyResealReport, RESEAL_BATCH, resealed, UnreadableError, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { upstreamClients } from "../upstream.tables.ts";

/** Brings the upstream clients' shared secrets under the current data key, for `santai rotate-data-key`. */
export async function resealUpstreamSecrets(db: Db, protector: Protector): Promise<ResealReport> {
  const report = emptyResealReport();
  let after: string | null = null;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: upstreamClients.id, secret: upstreamClients.secret })
        .from(upstreamClients)
        .where(after === null ? undefined : gt(upstreamClients.id, after))
        .orderBy(asc(upstreamClients.id))
        .limit(RESEAL_BATCH)
        .for("update");
      for (const row of rows) {
        try {
          const secret = resealed(protector, row.secret);
          if (!secret) {
            report.current += 1;
            continue;
          }
          await tx.update(upstreamClients).set({ secret }).where(eq(upstreamClients.id, row.id));
          report.resealed += 1;
        } catch (error) {
          if (!(error instanceof UnreadableError)) throw error;
          report.unreadable += 1;
        }
      }
      return rows;
    });
    if (batch.length === 0) return report;
    after = batch[batch.length - 1].id;
  }
}
