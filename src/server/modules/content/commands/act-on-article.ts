import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { articles } from "../content.tables.ts";
import { articlePolicy } from "../content.policy.ts";
import { allowedArticleActions, articleTransition, type ArticleAction } from "../content-rules.ts";
import { lockArticle } from "./update-article.ts";

/**
 * Publishes or withdraws an article. Publishing sets `publishedAt` to now (a
 * withdrawn notice published again is dated again: the portal lists it as new);
 * withdrawing keeps it, for the record.
 */
export async function actOnArticle(tx: Tx, actor: Actor, id: string, action: ArticleAction, now: Date): Promise<void> {
  const row = await lockArticle(tx, id);
  articlePolicy.authorize(actor, action, row);
  const next = articleTransition(row.status, action);
  if (!next) {
    throw new AppError("INVALID_TRANSITION", `A ${row.status} article cannot be ${action}ed`, { field: "action", extra: { allowed: allowedArticleActions(row.status) } });
  }
  await tx
    .update(articles)
    .set({ status: next, updatedAt: now, ...(action === "publish" ? { publishedAt: now } : {}) })
    .where(eq(articles.id, id));
  await recordAudit(tx, {
    actor,
    action: action === "publish" ? "article.publish" : "article.withdraw",
    entityType: "article",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: { from: row.status, to: next, title: row.title },
  });
}
