import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { LawLevel } from "../knowledge.tables.ts";
import { anchorOf } from "../law-anchors.ts";
import { chineseNumber, toChineseArticleNo } from "../lawrefbook-format.ts";
import { lexeme, normalizeText, segment } from "../segmenter.ts";
import { highlight, type SnippetPart } from "../search-rules.ts";
import { loadLearnedRanking } from "../learned-ranking.ts";
import type { LearnedRanking } from "../search-learning.ts";
import { wordingsUsed } from "../knowledge-rules.ts";
import { activeWordings } from "./find-query-wordings.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";

export type ResultType = "article" | "case" | "faq";
export const RESULT_TYPES: readonly ResultType[] = ["article", "case", "faq"];

export type SearchOptions = {
  q: string;
  limit: number;
  offset?: number;
  types?: readonly ResultType[];
  level?: LawLevel;
  category?: string;
  /** Leave out expired versions (the default). */
  currentOnly?: boolean;
  /** A visitor's region: local regulations of other provinces are left out. */
  regionCode?: string | null;
  /** The ranking's constants, for the bench. */
  tuning?: Partial<Tuning>;
};

export type SearchResult = {
  type: ResultType;
  /** Statutes and cases: the law's version. */
  lawId: string | null;
  lawTitle: string;
  articleNo: string;
  anchor: string;
  text: string;
  snippet: SnippetPart[];
  score: number;
  level: LawLevel | null;
  category: string | null;
  isCurrent: boolean;
  publishedOn: string | null;
  headingPath: string;
  /** FAQ entries and case explainers. */
  entryId: string | null;
  title: string | null;
};

export type LawHit = { id: string; title: string; part: string | null; level: LawLevel; isCurrent: boolean; publishedOn: string | null };

export type SearchResponse = {
  results: SearchResult[];
  laws: LawHit[];
  total: number;
  tookMs: number;
  /** The words the search looked for, after segmentation and the wording table. */
  terms: string[];
  rewrites: { everyday: string[]; legal: string }[];
};

/**
 * The ranking's constants. A query word weighs its inverse document frequency;
 * its match in an article weighs PostgreSQL's ts_rank for that word alone (which
 * grows with the occurrences and saturates, like BM25's term frequency) under
 * `normalization` (1: divided by 1 + log of the article's length).
 */
export type Tuning = {
  normalization: number;
  /**
   * The rarest query words retrieve, as long as together they are in at most this
   * many articles (the two rarest always do); the commoner ones only add to the
   * score of what the rare ones found. This bounds the work per search.
   */
  retrievalBudget: number;
  /** Multiplier of each level's score; the statutes an ordinary question is answered by first. */
  levelPrior: Record<LawLevel, number>;
  /** Weight of a word added by the wording table, against a word of the question. */
  rewriteWeight: number;
  /** Bonus per consecutive pair of query words found together in the article's text. */
  phraseBonus: number;
  /** What was learned from people's questions (learned-ranking.json); null: nothing. */
  learned: LearnedRanking | null;
  /** Weight of a learned expansion (times its own weight), against a word of the question. */
  expansionWeight: number;
  /**
   * Articles next to a top hit in the same law (up to two places away) share in
   * its score, at this weight divided by 1 + the distance: the articles that answer
   * a question often stand together (抵押权 第四百零三、四百零四、四百零六条), and a
   * neighbour may not repeat the question's words.
   */
  neighbourWeight: number;
  /** How many top hits lend their score to their neighbours. */
  neighbourSeeds: number;
  /**
   * Multiplier for amending decisions and amendments (关于修改…的决定, 修正案):
   * their text is already in the law they amend, which is what a question needs.
   */
  amendmentPrior: number;
  /** Width of a weight band (see weightedRank): wider bands, fewer ts_rank calls per article, coarser weights. */
  bandWidth: number;
};

export const DEFAULT_TUNING: Tuning = {
  normalization: 1,
  retrievalBudget: 6000,
  levelPrior: {
    constitution: 0.8,
    law: 1,
    administrative_regulation: 0.8,
    judicial_interpretation: 0.85,
    departmental_rule: 0.7,
    local_regulation: 0.6,
    case: 1,
    other: 0.7,
  },
  rewriteWeight: 0.8,
  phraseBonus: 0.15,
  learned: loadLearnedRanking(),
  // Off: the bench measures the learned expansions out of fold, and they lose more than they find.
  expansionWeight: 0,
  neighbourWeight: 0.5,
  neighbourSeeds: 10,
  amendmentPrior: 0.5,
  bandWidth: 1,
};

type QueryTerm = { term: string; weight: number; idf: number; df: number };

/** Question words after segmentation and the wording table, weighed by rarity. */
export async function analyzeQuery(tx: Tx, q: string, tuning: Tuning): Promise<{ terms: QueryTerm[]; rewrites: SearchResponse["rewrites"]; articleCount: number }> {
  const normalized = normalizeText(q);
  const weights = new Map<string, number>();
  const add = (token: string, weight: number) => {
    const word = lexeme(token);
    if (word) weights.set(word, Math.max(weights.get(word) ?? 0, weight) + (weights.has(word) && weight >= 1 ? 0.25 : 0));
  };
  const questionWords = segment(normalized);
  for (const token of questionWords) add(token, 1);
  const expansions = tuning.learned?.expansions;
  if (expansions && tuning.expansionWeight > 0) {
    for (const word of new Set(questionWords)) {
      for (const expansion of expansions[word] ?? []) if (!weights.has(expansion.term)) add(expansion.term, expansion.weight * tuning.expansionWeight);
    }
  }
  // The wording table's active rows, from the process's cache (find-query-wordings.ts); those whose every everyday word is in the question.
  const rewrites: SearchResponse["rewrites"] = wordingsUsed(normalized, await activeWordings(tx)).map((w) => ({ everyday: [...w.everyday], legal: w.legal }));
  for (const wording of rewrites) for (const token of segment(wording.legal)) add(token, tuning.rewriteWeight);
  const words = [...weights.keys()];
  const stats = await tx.execute<{ term: string; df: number }>(sql`select term, df from search_terms where term = any(${sql.param(["", ...words])}::text[])`);
  const df = new Map(stats.rows.map((r) => [r.term, Number(r.df)]));
  const articleCount = df.get("") ?? 0;
  const terms: QueryTerm[] = [];
  for (const [term, weight] of weights) {
    const n = df.get(term) ?? 0;
    if (!n) continue;
    terms.push({ term, weight, df: n, idf: Math.log(1 + (articleCount - n + 0.5) / (n + 0.5)) });
  }
  terms.sort((a, b) => b.idf - a.idf);
  return { terms, rewrites, articleCount };
}

const tsQuery = (terms: string[], operator: "|" | "&") => terms.map((t) => `'${t}'`).join(` ${operator} `);

/**
 * Σ weight(word) × ts_rank(tokens, word), computed with few ts_rank calls: the
 * words are put in bands of similar weight, and ts_rank of a band's OR-query is
 * the mean of its words' own ranks, so band weight × band size × that rank is the
 * band's sum. Bands are 1.0 wide in idf × weight: the error is under half a band
 * per word, and a search over thousands of candidates costs a few calls each
 * instead of one per word.
 */
function weightedRank(terms: QueryTerm[], alias: string, tuning: Tuning): SQL[] {
  const bands = new Map<number, QueryTerm[]>();
  for (const t of terms) {
    const band = Math.round((t.idf * t.weight) / tuning.bandWidth);
    bands.set(band, [...(bands.get(band) ?? []), t]);
  }
  const column = sql.raw(`${alias}.tokens`);
  return [...bands.values()].map((band) => {
    const weight = band.reduce((sum, t) => sum + t.idf * t.weight, 0);
    return sql`${weight}::float8 * ts_rank(${column}, ${tsQuery(band.map((t) => t.term), "|")}::tsquery, ${tuning.normalization}::int)`;
  });
}

/** 第54条 / 第五十四条 in a question, as the law writes it. */
export function articleReference(q: string): string | null {
  const match = /第\s*([0-9]+|[零〇一二三四五六七八九十百千两]+)\s*条(之[一二三四五六七八九十]+)?/u.exec(normalizeText(q));
  if (!match) return null;
  const n = chineseNumber(match[1]);
  return n ? `${toChineseArticleNo(n)}${match[2] ?? ""}` : null;
}

function lawFilters(options: SearchOptions, alias: string): SQL {
  const parts: SQL[] = [];
  const l = sql.raw(alias);
  if (options.currentOnly !== false) parts.push(sql`${l}.is_current`);
  if (options.level) parts.push(sql`${l}.level = ${options.level}`);
  if (options.category) parts.push(sql`${l}.category = ${options.category}`);
  if (options.regionCode) parts.push(sql`(${l}.region_code is null or left(${l}.region_code, 2) = ${options.regionCode.slice(0, 2)})`);
  const types = options.types ?? RESULT_TYPES;
  if (!types.includes("case")) parts.push(sql`${l}.level <> 'case'`);
  if (!types.includes("article")) parts.push(sql`${l}.level = 'case'`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

type ArticleRow = {
  id: string;
  law_id: string;
  ordinal: number;
  article_no: string;
  heading_path: string;
  body: string;
  title: string;
  level: LawLevel;
  category: string;
  is_current: boolean;
  published_on: string | null;
  score: number;
  total: number;
};

/**
 * Article-level search over the statutes and published cases, with FAQ entries
 * and case explainers, and the laws whose titles match. Public: it reads only
 * published text.
 */
export async function searchKnowledge(tx: Tx, options: SearchOptions): Promise<SearchResponse> {
  const started = performance.now();
  const tuning: Tuning = { ...DEFAULT_TUNING, ...options.tuning, levelPrior: { ...DEFAULT_TUNING.levelPrior, ...options.tuning?.levelPrior } };

  const { terms, rewrites } = await analyzeQuery(tx, options.q, tuning);
  const limit = options.limit;
  const offset = options.offset ?? 0;
  const types = options.types ?? RESULT_TYPES;
  const empty: SearchResponse = { results: [], laws: [], total: 0, tookMs: 0, terms: terms.map((t) => t.term), rewrites };
  if (!terms.length) return { ...empty, tookMs: Math.round(performance.now() - started) };

  // Retrieval by the rarer words (at least the three rarest); the commoner ones only score.
  const retrieval: string[] = [];
  let budget = 0;
  for (const [i, t] of terms.entries()) {
    if (i >= 2 && budget + t.df > tuning.retrievalBudget) break;
    budget += t.df;
    retrieval.push(t.term);
  }
  const scoreParts = weightedRank(terms, "a", tuning);
  const levelCase = sql.join(
    Object.entries(tuning.levelPrior).map(([level, prior]) => sql`when ${level} then ${prior}::float8`),
    sql` `,
  );
  const prior = Object.entries(tuning.learned?.lawPrior ?? {});
  const priorJoin = prior.length
    ? sql`left join unnest(${sql.param(prior.map(([t]) => t))}::text[], ${sql.param(prior.map(([, m]) => m))}::float8[]) as p(title, m) on p.title = a.law_title`
    : sql`left join (select null::text as title, 1::float8 as m) as p on false`;
  const articlePrior = Object.entries(tuning.learned?.articlePrior ?? {});
  const articlePriorJoin = articlePrior.length
    ? sql`left join unnest(${sql.param(articlePrior.map(([k]) => k))}::text[], ${sql.param(articlePrior.map(([, m]) => m))}::float8[]) as ap(key, m) on ap.key = a.law_title || '|' || a.article_no`
    : sql`left join (select null::text as key, 1::float8 as m) as ap on false`;
  // Articles and cases: a generous first page to re-rank, then the page asked for.
  const window = Math.min(Math.max(offset + limit, 50) * 2, 400);
  const wantsLaws = types.includes("article") || types.includes("case");
  const rows = wantsLaws
    ? (
        await tx.execute<ArticleRow>(sql`
          with scored as materialized (
            select a.id,
                   (${sql.join(scoreParts, sql` + `)}) * (case a.level ${levelCase} else 1 end) * coalesce(p.m, 1) * coalesce(ap.m, 1)
                     * (case when a.law_title like '%修正案%' or a.law_title like '%关于修改%' then ${tuning.amendmentPrior}::float8 else 1 end) as score
            from law_articles a ${priorJoin} ${articlePriorJoin}
            where a.tokens @@ ${tsQuery(retrieval, "|")}::tsquery and ${lawFilters(options, "a")}
          ), top as (
            select id, score from scored order by score desc, id limit ${window}
          )
          select a.id, a.law_id, a.ordinal, a.article_no, a.heading_path, a.body, a.law_title as title, a.level, a.category, a.is_current,
                 top.score, (select count(*) from scored) as total, l.published_on::text as published_on
          from top join law_articles a on a.id = top.id join laws l on l.id = a.law_id
          order by top.score desc, top.id`)
      ).rows
    : [];
  let total = rows.length ? Number(rows[0].total) : 0;

  const phrases = phrasePairs(options.q);
  const ordinals = new Map<SearchResult, number>();
  const results: SearchResult[] = rows.map((row) => {
    const bonus = phrases.reduce((sum, phrase) => (row.body.includes(phrase) ? sum + tuning.phraseBonus : sum), 0);
    return articleResult(row, Number(row.score) * (1 + bonus));
  });
  rows.forEach((row, i) => ordinals.set(results[i], row.ordinal));
  total += await addNeighbours(tx, results, ordinals, tuning, options);

  // 民法典第五十四条: the article named, first.
  const reference = articleReference(options.q);
  if (reference && wantsLaws) {
    const named = await namedArticle(tx, options.q, reference, options);
    if (named) {
      const existing = results.findIndex((r) => r.lawId === named.lawId && r.articleNo === named.articleNo);
      if (existing >= 0) results.splice(existing, 1);
      else total++;
      results.unshift({ ...named, score: (results[0]?.score ?? 1) * 2 });
    }
  }

  if (types.includes("faq") || types.includes("case")) {
    const entries = (await searchEntries(tx, terms, tuning, options.regionCode ?? null)).filter((entry) => types.includes(entry.type));
    results.push(...entries);
    total += entries.length;
  }
  results.sort((a, b) => b.score - a.score);
  const page = results.slice(offset, offset + limit);
  const words = terms.map((t) => t.term);
  for (const result of page) result.snippet = highlight(result.text, words);
  const laws = wantsLaws ? await matchingLaws(tx, terms, options) : [];
  return { results: page, laws, total, tookMs: Math.round(performance.now() - started), terms: words, rewrites };
}

/** Neighbours of the top hits (see Tuning.neighbourWeight), added or raised in `results`; returns how many were added. */
async function addNeighbours(tx: Tx, results: SearchResult[], ordinals: Map<SearchResult, number>, tuning: Tuning, options: SearchOptions): Promise<number> {
  if (tuning.neighbourWeight <= 0 || !results.length) return 0;
  const seeds = [...results].sort((a, b) => b.score - a.score).slice(0, tuning.neighbourSeeds);
  const lent = new Map<string, number>();
  for (const seed of seeds) {
    const ordinal = ordinals.get(seed)!;
    for (const d of [-2, -1, 1, 2]) {
      const key = `${seed.lawId}|${ordinal + d}`;
      lent.set(key, Math.max(lent.get(key) ?? 0, (tuning.neighbourWeight * seed.score) / (1 + Math.abs(d))));
    }
  }
  const present = new Map(results.map((r) => [`${r.lawId}|${ordinals.get(r)}`, r]));
  const missing: [string, number][] = [];
  for (const [key, score] of lent) {
    const found = present.get(key);
    if (found) found.score = Math.max(found.score, score);
    else missing.push([key, score]);
  }
  if (!missing.length) return 0;
  const { rows } = await tx.execute<ArticleRow>(sql`
    select a.id, a.law_id, a.ordinal, a.article_no, a.heading_path, a.body, a.law_title as title, a.level, a.category, a.is_current,
           l.published_on::text as published_on, 0 as score, 0 as total
    from unnest(${sql.param(missing.map(([k]) => k.split("|")[0]))}::uuid[], ${sql.param(missing.map(([k]) => Number(k.split("|")[1])))}::int[]) as n(law_id, ordinal)
    join law_articles a on a.law_id = n.law_id and a.ordinal = n.ordinal
    join laws l on l.id = a.law_id
    where ${lawFilters(options, "a")}`);
  const scores = new Map(missing);
  for (const row of rows) {
    const result: SearchResult = articleResult(row, scores.get(`${row.law_id}|${row.ordinal}`) ?? 0);
    results.push(result);
    ordinals.set(result, row.ordinal);
  }
  return rows.length;
}

/** A statute's article or a published case's section as a search result. */
function articleResult(row: ArticleRow, score: number): SearchResult {
  return {
    type: row.level === "case" ? "case" : "article",
    lawId: row.law_id,
    lawTitle: row.title,
    articleNo: row.article_no,
    anchor: anchorOf(row.article_no, row.ordinal),
    text: row.body,
    snippet: [],
    score,
    level: row.level,
    category: row.category,
    isCurrent: row.is_current,
    publishedOn: row.published_on,
    headingPath: row.heading_path,
    entryId: null,
    title: null,
  };
}

/** Consecutive pairs of the question's words, as they would stand in a law's text (拖欠 劳动报酬 → 拖欠劳动报酬). */
function phrasePairs(q: string): string[] {
  const words = segment(q).filter((w) => w.length >= 2);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) pairs.add(words[i] + words[i + 1]);
  return [...pairs];
}

async function namedArticle(tx: Tx, q: string, articleNo: string, options: SearchOptions): Promise<SearchResult | null> {
  const found = await tx.execute<ArticleRow>(sql`
    select a.id, a.law_id, a.ordinal, a.article_no, a.heading_path, a.body, l.title, l.level, l.category, l.is_current,
           l.published_on::text as published_on, 0 as score, 0 as total
    from laws l join law_articles a on a.law_id = l.id and a.article_no = ${articleNo}
    where strpos(${normalizeText(q)}, l.short_title) > 0 and ${lawFilters({ ...options, currentOnly: options.currentOnly }, "l")}
    order by length(l.short_title) desc, l.is_current desc, l.level = 'law' desc
    limit 1`);
  const row = found.rows[0];
  if (!row) return null;
  return articleResult(row, 0);
}

/** Published FAQ entries and case explainers of the visitor's region and its ancestors (all when no region). */
async function searchEntries(tx: Tx, terms: QueryTerm[], tuning: Tuning, regionCode: string | null): Promise<SearchResult[]> {
  const scoreParts = weightedRank(terms, "e", tuning);
  // The visitor's region and its ancestors: an entry's region path is a prefix of the visitor's. An unknown code sees none.
  const visitor = regionCode ? ((await findRegionRefsCached(tx, [regionCode])).get(regionCode)?.path ?? "/") : null;
  const scope = visitor ? sql`and ${visitor} like e.region_path || '%'` : sql``;
  const found = await tx.execute<{ id: string; kind: string; title: string; body: string; category: string | null; published_at: string; score: number }>(sql`
    select e.id, e.kind, e.title, e.body, e.category, e.published_at::text as published_at, (${sql.join(scoreParts, sql` + `)}) as score
    from knowledge_entries e
    where e.status = 'published' and e.tokens @@ ${tsQuery(terms.map((t) => t.term), "|")}::tsquery ${scope}
    order by score desc limit 20`);
  return found.rows.map((row) => ({
    // A case explainer is a case, for whoever lists cases apart from FAQ.
    type: row.kind === "case_explainer" ? "case" : "faq",
    lawId: null,
    lawTitle: "",
    articleNo: "",
    anchor: "",
    text: row.body,
    snippet: [],
    // An entry written for ordinary people answers their question better than an article of the same match.
    score: Number(row.score) * 1.1,
    level: null,
    category: row.category,
    isCurrent: true,
    publishedOn: row.published_at.slice(0, 10),
    headingPath: "",
    entryId: row.id,
    title: row.title,
  }));
}

/** Laws whose title holds the question's words (劳动合同法 → 中华人民共和国劳动合同法 and its regulations). */
async function matchingLaws(tx: Tx, terms: QueryTerm[], options: SearchOptions): Promise<LawHit[]> {
  const words = terms.map((t) => t.term).filter((w) => w.length >= 2);
  if (!words.length) return [];
  const found = await tx.execute<{ id: string; title: string; part: string | null; level: LawLevel; is_current: boolean; published_on: string | null; matched: number }>(sql`
    select l.id, l.title, l.part, l.level, l.is_current, l.published_on::text as published_on,
           ts_rank(l.title_tokens, ${tsQuery(words, "|")}::tsquery, 1) as matched
    from laws l
    where l.title_tokens @@ ${tsQuery(words, "&")}::tsquery and ${lawFilters(options, "l")}
    order by matched desc, length(l.title), l.published_on desc nulls last
    limit 5`);
  return found.rows.map((r) => ({ id: r.id, title: r.title, part: r.part, level: r.level, isCurrent: r.is_current, publishedOn: r.published_on }));
}
