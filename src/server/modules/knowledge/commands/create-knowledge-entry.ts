import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { knowledgeEntries } from "../knowledge.tables.ts";
import { canWriteKnowledge } from "../knowledge.policy.ts";
import type { CreateKnowledgeEntryInput } from "../knowledge-entries.types.ts";
import { checkCitations } from "../queries/resolve-citations.ts";
import { indexText } from "../segmenter.ts";

/**
 * The search tokens of an entry: its title and body through the same segmenter as
 * the laws and the queries (segmenter.ts), stored with to_tsvector('simple', …).
 */
export const entryTokens = (title: string, body: string) => sql`to_tsvector('simple', ${indexText(`${title}\n${body}`)})`;

/**
 * Writes a new FAQ entry or case explainer as a draft, filed under the author's own
 * region node (a county's answers are the county's; the portal shows them there and below).
 */
export async function createKnowledgeEntry(tx: Tx, actor: Actor, input: CreateKnowledgeEntryInput, now: Date): Promise<string> {
  if (actor.kind !== "staff" || !canWriteKnowledge(actor)) throw new AppError("FORBIDDEN", "You may not write FAQ entries or case explainers");
  const title = input.title.trim();
  const body = input.body.trim();
  const citations = await checkCitations(tx, input.citations ?? []);
  const [created] = await tx
    .insert(knowledgeEntries)
    .values({
      kind: input.kind,
      title,
      body,
      category: input.category ?? null,
      citations,
      status: "draft",
      regionCode: actor.regionCode,
      regionPath: actor.regionPath,
      authorId: actor.id,
      tokens: entryTokens(title, body),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: knowledgeEntries.id });
  await recordAudit(tx, {
    actor,
    action: "knowledge_entry.create",
    entityType: "knowledge_entry",
    entityId: created.id,
    at: now,
    regionPath: actor.regionPath,
    detail: { kind: input.kind, category: input.category ?? null, title, citations },
  });
  return created.id;
}
