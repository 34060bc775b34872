import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { emptyResealReport, RESEAL_BATCH, resealed, UnreadableError, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { notifications } from "../notifications.tables.ts";

/**
 * Brings the outbox's recipients under the current data key, for `santai
 * rotate-data-key`; sent messages too (their numbers stay personal data). In
 * batches, restartable, like resealTicketData.
 */
export async function resealNotifications(db: Db, protector: Protector): Promise<ResealReport> {
  const report = emptyResealReport();
  let after: string | null = null;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: notifications.id, recipient: notifications.recipient })
        .from(notifications)
        .where(after === null ? undefined : gt(notifications.id, after))
        .orderBy(asc(notifications.id))
        .limit(RESEAL_BATCH)
        .for("update");
      for (const row of rows) {
        try {
          const recipient = resealed(protector, row.recipient);
          if (!recipient) {
            report.current += 1;
            continue;
          }
          await tx.update(notifications).set({ recipient }).where(eq(notifications.id, row.id));
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
