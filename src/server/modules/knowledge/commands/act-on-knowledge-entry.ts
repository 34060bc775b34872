import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { knowledgeEntries } from "../knowledge.tables.ts";
import { knowledgeEntryPolicy } from "../knowledge.policy.ts";
import { allowedKnowledgeActions, knowledgeTransition, type KnowledgeAction } from "../knowledge-rules.ts";
import { lockKnowledgeEntry } from "./update-knowledge-entry.ts";

/**
 * Publishes or withdraws a FAQ entry or case explainer. Publishing sets
 * `publishedAt` to now; withdrawing keeps it, for the record. Only a published
 * entry is found by the search and shown on the portal.
 */
export async function actOnKnowledgeEntry(tx: Tx, actor: Actor, id: string, action: KnowledgeAction, now: Date): Promise<void> {
  const row = await lockKnowledgeEntry(tx, id);
  knowledgeEntryPolicy.authorize(actor, action, row);
  const next = knowledgeTransition(row.status, action);
  if (!next) {
    throw new AppError("INVALID_TRANSITION", `A ${row.status} entry cannot be ${action}ed`, { field: "action", extra: { allowed: allowedKnowledgeActions(row.status) } });
  }
  await tx
    .update(knowledgeEntries)
    .set({ status: next, updatedAt: now, ...(action === "publish" ? { publishedAt: now } : {}) })
    .where(eq(knowledgeEntries.id, id));
  await recordAudit(tx, {
    actor,
    action: action === "publish" ? "knowledge_entry.publish" : "knowledge_entry.withdraw",
    entityType: "knowledge_entry",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: { from: row.status, to: next, title: row.title },
  });
}
