import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { articles } from "../content.tables.ts";
import { canWriteArticles } from "../content.policy.ts";
import type { CreateArticleInput } from "../content.types.ts";

/**
 * Writes a new article as a draft, filed under the author's own region node
 * (a county's notice is the county's; the portal shows it there and below).
 */
export async function createArticle(tx: Tx, actor: Actor, input: CreateArticleInput, now: Date): Promise<string> {
  if (actor.kind !== "staff" || !canWriteArticles(actor)) throw new AppError("FORBIDDEN", "You may not write articles");
  const [created] = await tx
    .insert(articles)
    .values({
      kind: input.kind,
      category: input.category,
      title: input.title.trim(),
      summary: (input.summary ?? "").trim(),
      body: input.body.trim(),
      status: "draft",
      regionCode: actor.regionCode,
      regionPath: actor.regionPath,
      authorId: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: articles.id });
  await recordAudit(tx, {
    actor,
    action: "article.create",
    entityType: "article",
    entityId: created.id,
    at: now,
    regionPath: actor.regionPath,
    detail: { kind: input.kind, category: input.category, title: input.title.trim() },
  });
  return created.id;
}
