import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { articles } from "../content.tables.ts";
import { articlePolicy } from "../content.policy.ts";
import type { UpdateArticleInput } from "../content.types.ts";

/** Locks an article for a change, or NOT_FOUND. */
export async function lockArticle(tx: Tx, id: string) {
  const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for("update").limit(1);
  if (!row) throw notFound("Article");
  return row;
}

/**
 * Edits an article; only the fields sent change. Any status may be edited: a
 * correction to a published notice stays published, with a new `updatedAt`.
 */
export async function updateArticle(tx: Tx, actor: Actor, id: string, input: UpdateArticleInput, now: Date): Promise<void> {
  const row = await lockArticle(tx, id);
  articlePolicy.authorize(actor, "update", row);
  const trimmed = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, typeof value === "string" ? value.trim() : value]));
  await tx
    .update(articles)
    .set({ ...trimmed, updatedAt: now })
    .where(eq(articles.id, id));
  await recordAudit(tx, {
    actor,
    action: "article.update",
    entityType: "article",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: { changed: Object.keys(input), status: row.status, ...(input.title ? { title: input.title.trim() } : {}) },
  });
}
