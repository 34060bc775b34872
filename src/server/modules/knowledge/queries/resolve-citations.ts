import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { anchorOf } from "../law-anchors.ts";
import { normalizeArticleNo, normalizeLawTitle, type Citation } from "../knowledge-rules.ts";

/** A citation found in a current law: its full title, the article as written, and where the reader shows it. */
export type ResolvedCitation = { lawTitle: string; articleNo: string; lawId: string; anchor: string };

/** Has any law been imported? Before the first import, citations cannot be checked. */
export async function hasLaws(tx: Tx): Promise<boolean> {
  const { rows } = await tx.execute<{ found: boolean }>(sql`select exists (select 1 from laws) as found`);
  return rows[0].found;
}

/**
 * Looks citations up among the current laws: the law by its full or short title
 * (中华人民共和国民法典 or 民法典, with or without 《》), the article by its number in
 * any usual form (第54条 → 第五十四条). A law published in parts (民法典's 编) is found
 * in whichever part holds the article. One statement for all of them; null where
 * nothing current matches. Where several laws match, a national law comes first,
 * then the newest.
 */
export async function lookUpCitations(tx: Tx, citations: readonly Citation[]): Promise<(ResolvedCitation | null)[]> {
  if (citations.length === 0) return [];
  const titles = citations.map((c) => normalizeLawTitle(c.lawTitle));
  const numbers = citations.map((c) => normalizeArticleNo(c.articleNo));
  const { rows } = await tx.execute<{ i: string; law_id: string; title: string; article_no: string; ordinal: number }>(sql`
    select distinct on (c.i) c.i, l.id as law_id, l.title, a.article_no, a.ordinal
    from unnest(${sql.param(titles)}::text[], ${sql.param(numbers)}::text[]) with ordinality as c(title, article_no, i)
    join laws l on l.is_current and (l.title = c.title or l.short_title = c.title)
    join law_articles a on a.law_id = l.id and a.article_no = c.article_no
    order by c.i, (l.level = 'law') desc, l.published_on desc nulls last, l.id`);
  const found: (ResolvedCitation | null)[] = citations.map(() => null);
  for (const row of rows) {
    found[Number(row.i) - 1] = { lawTitle: row.title, articleNo: row.article_no, lawId: row.law_id, anchor: anchorOf(row.article_no, row.ordinal) };
  }
  return found;
}

/** Which of these titles name a current law (full or short title). */
async function knownTitles(tx: Tx, titles: readonly string[]): Promise<Set<string>> {
  const { rows } = await tx.execute<{ title: string }>(sql`
    select t.title from unnest(${sql.param([...titles])}::text[]) as t(title)
    where exists (select 1 from laws l where l.is_current and (l.title = t.title or l.short_title = t.title))`);
  return new Set(rows.map((r) => r.title));
}

/**
 * The citations to store: each checked against the imported laws and written as
 * the current law writes it (the full title, 第五十四条), duplicates dropped. An
 * unknown law or article is a 400 naming `citations[i]`. Before any law is
 * imported nothing can be checked: the citations are kept as typed (without 《》,
 * the number in the laws' form), and resolve once the laws are there.
 */
export async function checkCitations(tx: Tx, citations: readonly Citation[]): Promise<Citation[]> {
  let checked: Citation[];
  if (!(await hasLaws(tx))) {
    checked = citations.map((c) => ({ lawTitle: normalizeLawTitle(c.lawTitle), articleNo: normalizeArticleNo(c.articleNo) }));
  } else {
    const found = await lookUpCitations(tx, citations);
    const missing = found.findIndex((f) => f === null);
    if (missing >= 0) {
      const citation = citations[missing];
      const title = normalizeLawTitle(citation.lawTitle);
      const isLawKnown = (await knownTitles(tx, [title])).has(title);
      throw new AppError(
        "VALIDATION_FAILED",
        isLawKnown
          ? `${title} has no article ${normalizeArticleNo(citation.articleNo)} in its current version`
          : `No current law is titled ${title} (write its full or short title, e.g. 民法典 or 中华人民共和国民法典)`,
        { field: `citations[${missing}]`, extra: { reason: isLawKnown ? "unknown_article" : "unknown_law" } },
      );
    }
    checked = found.map((f) => ({ lawTitle: f!.lawTitle, articleNo: f!.articleNo }));
  }
  const seen = new Set<string>();
  return checked.filter((c) => {
    const key = `${c.lawTitle}\n${c.articleNo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
