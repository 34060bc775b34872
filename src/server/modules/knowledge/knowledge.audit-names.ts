import { eq, sql } from "drizzle-orm";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { knowledgeEntries, queryWordings } from "./knowledge.tables.ts";
import { findKnowledgeEntryTitles } from "./queries/find-knowledge-entries.ts";
import { findWordingLabels } from "./queries/find-query-wordings.ts";

/**
 * A FAQ entry or case explainer in the audit log is its title; a wording is its
 * words and term ("老板 不发工资 → 拖欠劳动报酬"; a deleted one keeps them in its entry's detail).
 */
export function registerKnowledgeAuditNames(): void {
  registerAuditSubject("knowledge_entry", {
    async name(tx, ids) {
      const titles = await findKnowledgeEntryTitles(tx, ids);
      return new Map([...titles].map(([id, title]) => [id, { label: title }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: knowledgeEntries.id }).from(knowledgeEntries).where(eq(knowledgeEntries.title, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
  registerAuditSubject("query_wording", {
    async name(tx, ids) {
      const labels = await findWordingLabels(tx, ids);
      return new Map([...labels].map(([id, label]) => [id, { label }]));
    },
    async find(tx, text) {
      const rows = await tx
        .select({ id: queryWordings.id })
        .from(queryWordings)
        .where(sql`${queryWordings.legal} = ${text} or ${text} = any(${queryWordings.everyday})`)
        .limit(50);
      return rows.map((r) => r.id);
    },
  });
}
