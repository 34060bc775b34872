import { asc, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { emptyResealReport, RESEAL_BATCH, type ResealReport } from "../../../platform/personal/protect.ts";
import { ticketAttachments } from "../attachments.tables.ts";
import type { AttachmentStore } from "../attachment-store.ts";

export type AttachmentResealReport = ResealReport & { missing: number };

/**
 * Brings every attachment file under the current data key, for `santai
 * rotate-data-key`: files sealed under an older key and files stored in clear
 * before sealing. Each file is replaced whole (written beside, then renamed), so
 * an interrupted run leaves every file readable, and a run again skips the files
 * already current. A file that does not open, or not to its recorded sha256, is
 * left as it is and counted.
 */
export async function resealAttachments(db: Db, store: AttachmentStore, log: (message: string) => void = () => undefined): Promise<AttachmentResealReport> {
  const report: AttachmentResealReport = { ...emptyResealReport(), missing: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: ticketAttachments.id, storageKey: ticketAttachments.storageKey, sha256: ticketAttachments.sha256 })
      .from(ticketAttachments)
      .where(after === null ? undefined : gt(ticketAttachments.id, after))
      .orderBy(asc(ticketAttachments.id))
      .limit(RESEAL_BATCH);
    if (rows.length === 0) return report;
    for (const row of rows) {
      try {
        const outcome = await store.reseal(row.storageKey, row.sha256);
        if (outcome === "resealed") report.resealed += 1;
        else if (outcome === "current") report.current += 1;
        else report.missing += 1;
      } catch (error) {
        report.unreadable += 1;
        log(`attachment ${row.id}: ${(error as Error).message}`);
      }
    }
    after = rows[rows.length - 1].id;
  }
}
