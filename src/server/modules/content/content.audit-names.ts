import { eq } from "drizzle-orm";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { articles } from "./content.tables.ts";
import { findArticleTitles } from "./queries/find-articles.ts";

/** An article in the audit log is its title. */
export function registerContentAuditNames(): void {
  registerAuditSubject("article", {
    async name(tx, ids) {
      const titles = await findArticleTitles(tx, ids);
      return new Map([...titles].map(([id, title]) => [id, { label: title }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: articles.id }).from(articles).where(eq(articles.title, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}
