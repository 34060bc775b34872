import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { LawLevel, TocEntry } from "../knowledge.tables.ts";
import { anchorOf } from "../law-anchors.ts";
import { normalizeText } from "../segmenter.ts";
import { lookUpCitations } from "./resolve-citations.ts";

export type LawSummary = {
  id: string;
  title: string;
  shortTitle: string;
  part: string | null;
  level: LawLevel;
  category: string;
  regionCode: string | null;
  publishedOn: string | null;
  isCurrent: boolean;
  articleCount: number;
};

export type LawListQuery = { q?: string; level?: LawLevel; category?: string; currentOnly?: boolean; offset?: number; limit?: number };

const summaryColumns = sql`l.id, l.title, l.short_title as "shortTitle", l.part, l.level, l.category, l.region_code as "regionCode",
  l.published_on::text as "publishedOn", l.is_current as "isCurrent", l.article_count as "articleCount"`;

/** Laws by title, level and category: the law-level browse. Title words match as substrings. */
export async function findLaws(tx: Tx, query: LawListQuery): Promise<{ items: LawSummary[]; total: number }> {
  const where: SQL[] = [];
  if (query.currentOnly !== false) where.push(sql`l.is_current`);
  if (query.level) where.push(sql`l.level = ${query.level}`);
  if (query.category) where.push(sql`l.category = ${query.category}`);
  const words = normalizeText(query.q ?? "").split(/\s+/u).filter(Boolean);
  for (const word of words) where.push(sql`strpos(lower(l.title || coalesce(l.part, '')), ${word}) > 0`);
  const condition = where.length ? sql.join(where, sql` and `) : sql`true`;
  const { rows } = await tx.execute<LawSummary & { total: number }>(sql`
    select ${summaryColumns}, count(*) over () as total
    from laws l where ${condition}
    order by case l.level when 'constitution' then 0 when 'law' then 1 when 'judicial_interpretation' then 2 when 'administrative_regulation' then 3 else 4 end,
             length(l.title), l.title, l.part nulls first, l.published_on desc nulls last
    offset ${query.offset ?? 0} limit ${query.limit ?? 20}`);
  return { items: rows.map(({ total: _total, ...item }) => item), total: rows.length ? Number(rows[0].total) : 0 };
}

export type LawDetail = LawSummary & {
  effectiveOn: string | null;
  history: string[];
  toc: TocEntry[];
  articles: { articleNo: string; anchor: string; headingPath: string; text: string }[];
  versions: { id: string; title: string; part: string | null; publishedOn: string | null; isCurrent: boolean }[];
};

/** One law with its articles, its table of contents and its other versions; null when there is none. */
export async function getLaw(tx: Tx, id: string): Promise<LawDetail | null> {
  const { rows } = await tx.execute<LawSummary & { effectiveOn: string | null; history: string[]; toc: TocEntry[]; versionGroup: string }>(sql`
    select ${summaryColumns}, l.effective_on::text as "effectiveOn", l.history, l.toc, l.version_group as "versionGroup"
    from laws l where l.id = ${id}`);
  const law = rows[0];
  if (!law) return null;
  const articles = await tx.execute<{ ordinal: number; article_no: string; heading_path: string; body: string }>(sql`
    select ordinal, article_no, heading_path, body from law_articles where law_id = ${id} order by ordinal`);
  const versions = await tx.execute<LawDetail["versions"][number]>(sql`
    select id, title, part, published_on::text as "publishedOn", is_current as "isCurrent"
    from laws where version_group = ${law.versionGroup} order by published_on desc nulls last`);
  const { versionGroup: _group, ...rest } = law;
  return {
    ...rest,
    articles: articles.rows.map((a) => ({ articleNo: a.article_no, anchor: anchorOf(a.article_no, a.ordinal), headingPath: a.heading_path, text: a.body })),
    versions: versions.rows,
  };
}

export type CitedArticle = { lawId: string; lawTitle: string; articleNo: string; anchor: string; text: string; isCurrent: boolean };

/**
 * The article a citation names, in the current version of the law (the same
 * lookup as a FAQ entry's citations: full or short title, 第54条 or 第五十四条),
 * with its text. Null when there is no such law or article.
 */
export async function citeArticle(tx: Tx, title: string, articleNo: string): Promise<CitedArticle | null> {
  const [found] = await lookUpCitations(tx, [{ lawTitle: title, articleNo }]);
  if (!found) return null;
  const { rows } = await tx.execute<{ body: string }>(sql`
    select body from law_articles where law_id = ${found.lawId} and article_no = ${found.articleNo} limit 1`);
  return { ...found, text: rows[0]?.body ?? "", isCurrent: true };
}
