import { and, asc, gt, isNotNull } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { emptyResealReport, RESEAL_BATCH, type ResealReport } from "../../../platform/personal/protect.ts";
import type { AttachmentStore } from "../../attachments/attachment-store.ts";
import { articles } from "../content.tables.ts";

export type CoverResealReport = ResealReport & { missing: number };

/**
 * Brings every article cover under the current data key, for `santai
 * rotate-data-key`: the attachment store seals every file it keeps, covers too,
 * so a cover left under a retired key would be lost when that key is forgotten.
 * As resealAttachments: each file replaced whole, current ones skipped, one that
 * does not open to its recorded sha256 left as it is and counted.
 */
export async function resealArticleCovers(db: Db, store: AttachmentStore, log: (message: string) => void = () => undefined): Promise<CoverResealReport> {
  const report: CoverResealReport = { ...emptyResealReport(), missing: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: articles.id, coverKey: articles.coverKey, sha256: articles.coverSha256 })
      .from(articles)
      .where(and(isNotNull(articles.coverKey), after === null ? undefined : gt(articles.id, after)))
      .orderBy(asc(articles.id))
      .limit(RESEAL_BATCH);
    if (rows.length === 0) return report;
    for (const row of rows) {
      try {
        const outcome = await store.reseal(row.coverKey!, row.sha256!);
        if (outcome === "resealed") report.resealed += 1;
        else if (outcome === "current") report.current += 1;
        else report.missing += 1;
      } catch (error) {
        report.unreadable += 1;
        log(`article cover ${row.id}: ${(error as Error).message}`);
      }
    }
    after = rows[rows.length - 1].id;
  }
}
