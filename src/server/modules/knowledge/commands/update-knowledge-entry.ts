import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { knowledgeEntries } from "../knowledge.tables.ts";
import { knowledgeEntryPolicy } from "../knowledge.policy.ts";
import type { UpdateKnowledgeEntryInput } from "../knowledge-entries.types.ts";
import { checkCitations } from "../queries/resolve-citations.ts";
import { isUuid } from "../queries/find-knowledge-entries.ts";
import { entryTokens } from "./create-knowledge-entry.ts";

/** Locks an entry for a change, or NOT_FOUND. */
export async function lockKnowledgeEntry(tx: Tx, id: string) {
  if (!isUuid(id)) throw notFound("Knowledge entry");
  const [row] = await tx.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)).for("update").limit(1);
  if (!row) throw notFound("Knowledge entry");
  return row;
}

/**
 * Edits an entry; only the fields sent change, and the search tokens follow the
 * title and body. A publisher may correct a published entry (it stays published,
 * with a new `updatedAt`); an author edits what is not published (the policy).
 */
export async function updateKnowledgeEntry(tx: Tx, actor: Actor, id: string, input: UpdateKnowledgeEntryInput, now: Date): Promise<void> {
  const row = await lockKnowledgeEntry(tx, id);
  knowledgeEntryPolicy.authorize(actor, "update", row);
  const title = input.title?.trim() ?? row.title;
  const body = input.body?.trim() ?? row.body;
  const citations = input.citations ? await checkCitations(tx, input.citations) : undefined;
  await tx
    .update(knowledgeEntries)
    .set({
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.title !== undefined ? { title } : {}),
      ...(input.body !== undefined ? { body } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(citations ? { citations } : {}),
      ...(input.title !== undefined || input.body !== undefined ? { tokens: entryTokens(title, body) } : {}),
      updatedAt: now,
    })
    .where(eq(knowledgeEntries.id, id));
  await recordAudit(tx, {
    actor,
    action: "knowledge_entry.update",
    entityType: "knowledge_entry",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: {
      changed: Object.keys(input),
      status: row.status,
      title,
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(citations ? { citations } : {}),
    },
  });
}
