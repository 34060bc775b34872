import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import { regionPathOf } from "../../regions/queries/find-regions.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { articles, type ArticleRow } from "../content.tables.ts";
import { articlePolicy, articleScope } from "../content.policy.ts";
import { allowedArticleActions, parseBody, type ArticleCategory, type ArticleKind, type ArticleStatus } from "../content-rules.ts";
import type { ArticleView, PublicArticleDetailView, PublicArticleView } from "../content.types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The article, or null (also for an id that is not a uuid: the portal's addresses are typed by people). */
export async function getArticle(tx: Tx, id: string): Promise<ArticleRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await tx.select().from(articles).where(eq(articles.id, id)).limit(1);
  return row ?? null;
}

/** A page of the articles in the actor's scope, most recently changed first; the same scope rule as the detail route. */
export async function findArticles(
  tx: Tx,
  actor: Actor,
  filter: { limit?: number; offset?: number; status?: ArticleStatus; kind?: ArticleKind; category?: ArticleCategory; q?: string },
): Promise<{ items: ArticleView[]; total: number }> {
  const conditions: SQL[] = [articleScope(actor)];
  if (filter.status) conditions.push(eq(articles.status, filter.status));
  if (filter.kind) conditions.push(eq(articles.kind, filter.kind));
  if (filter.category) conditions.push(eq(articles.category, filter.category));
  if (filter.q) conditions.push(sql`${articles.title} like ${`%${escapeLike(filter.q)}%`}`);
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(articles)
    .where(where)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(filter.limit ?? 20)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(articles).where(where);
  return { items: await presentArticles(tx, actor, rows), total };
}

/** Where a cover is served: the public address once published, the staff one before. */
const coverUrl = (row: ArticleRow, isPublic: boolean) =>
  row.coverKey ? `/api/${isPublic ? "public/" : ""}articles/${row.id}/cover?v=${row.coverSha256!.slice(0, 12)}` : null;

export async function presentArticles(tx: Tx, actor: Actor, rows: ArticleRow[]): Promise<ArticleView[]> {
  if (rows.length === 0) return [];
  const regions = await findRegionRefsCached(tx, rows.map((r) => r.regionCode));
  const authors = await findStaffNames(tx, rows.map((r) => r.authorId));
  return rows.map((row) => {
    const region = regions.get(row.regionCode);
    const abilities = articlePolicy.abilities(actor, row);
    return {
      id: row.id,
      kind: row.kind,
      category: row.category,
      title: row.title,
      summary: row.summary,
      body: row.body,
      blocks: parseBody(row.body),
      status: row.status,
      region: { code: row.regionCode, name: region?.name ?? row.regionCode, level: region?.level ?? "city" },
      author: row.authorId ? { id: row.authorId, displayName: authors.get(row.authorId) ?? "" } : null,
      cover: row.coverKey ? { url: coverUrl(row, false)!, mediaType: row.coverMediaType!, size: row.coverSize ?? 0 } : null,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      abilities,
      allowedActions: allowedArticleActions(row.status).filter((action) => abilities[action]),
    };
  });
}

/** "/990000/990100/990102/" → ["/990000/", "/990000/990100/", "/990000/990100/990102/"]. */
export function pathsAbove(path: string): string[] {
  const codes = path.split("/").filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join("/")}/`);
}

/**
 * The portal's list: published articles, newest first. With a region, those of
 * the region and its ancestors (a city's notice reaches its villages; a
 * neighbouring county's does not); without one, all of them.
 */
export async function findPublishedArticles(
  tx: Tx,
  filter: { limit?: number; offset?: number; kind?: ArticleKind; category?: ArticleCategory; regionCode?: string },
): Promise<{ items: PublicArticleView[]; total: number }> {
  const conditions: SQL[] = [eq(articles.status, "published")];
  if (filter.kind) conditions.push(eq(articles.kind, filter.kind));
  if (filter.category) conditions.push(eq(articles.category, filter.category));
  if (filter.regionCode) {
    const path = await regionPathOf(tx, filter.regionCode);
    if (!path) throw new AppError("UNKNOWN_REGION", `No region has the code ${filter.regionCode}`, { field: "regionCode" });
    conditions.push(inArray(articles.regionPath, pathsAbove(path)));
  }
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(articles)
    .where(where)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(filter.limit ?? 10)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(articles).where(where);
  return { items: await presentPublic(tx, rows), total };
}

async function presentPublic(tx: Tx, rows: ArticleRow[]): Promise<PublicArticleView[]> {
  const regions = await findRegionRefsCached(tx, rows.map((r) => r.regionCode));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    category: row.category,
    title: row.title,
    summary: row.summary,
    region: { code: row.regionCode, name: regions.get(row.regionCode)?.name ?? row.regionCode },
    coverUrl: coverUrl(row, true),
    publishedAt: row.publishedAt!.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** A published article as the portal shows it, or null (drafts, withdrawn and unknown ids alike). */
export async function getPublishedArticle(tx: Tx, id: string): Promise<PublicArticleDetailView | null> {
  const row = await getArticle(tx, id);
  if (!row || row.status !== "published") return null;
  const [view] = await presentPublic(tx, [row]);
  return { ...view, blocks: parseBody(row.body) };
}

/** A published article's row (for its cover), or null. */
export async function getPublishedArticleRow(tx: Tx, id: string): Promise<ArticleRow | null> {
  const row = await getArticle(tx, id);
  return row && row.status === "published" ? row : null;
}

/** Articles by id, for the audit log's names. */
export async function findArticleTitles(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, wanted));
  return new Map(rows.map((r) => [r.id, r.title]));
}
