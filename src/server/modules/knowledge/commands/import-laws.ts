import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { LawLevel, TocEntry } from "../knowledge.tables.ts";
import { fileNameDate, fileNameTitle, FORMAT_VERSION, LawFormatError, parseLawRefBook, shortTitle, type ParsedLaw } from "../lawrefbook-format.ts";
import { addLegalTerms, indexText, isDictionaryTerm, SEGMENTER_VERSION } from "../segmenter.ts";
import { anchorOf } from "../law-anchors.ts";
import { lawRefBookFiles, lawRefBookPath, lawRefBookSourceKey } from "../lawrefbook-files.ts";

export { lawRefBookFiles };

/** One law ready to store, from a Markdown file or a JSONL line. */
export type LawSource = {
  sourceKey: string;
  /** Where the problems are reported (a path, or file:line). */
  origin: string;
  parsed: ParsedLaw;
  level: LawLevel;
  category: string;
  regionCode: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  /** Known expired (db.sqlite3); otherwise the newest version of its group is current. */
  isExpired: boolean;
  raw: string;
};

export type ImportProblem = { origin: string; reason: string };

export type ImportReport = {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  articles: number;
  terms: number;
  /** Files that could not be read as a law, each with the reason. */
  failed: ImportProblem[];
  /** Imported, with something worth knowing (e.g. indexed as one passage). */
  notes: ImportProblem[];
  seconds: number;
};

export type ImportProgress = (done: number, total: number, origin: string) => void;

/** Top folders of LawRefBook and the level of what they hold. */
const FOLDER_LEVELS: Record<string, LawLevel> = {
  宪法: "constitution",
  宪法相关法: "law",
  民法典: "law",
  民法商法: "law",
  行政法: "law",
  经济法: "law",
  社会法: "law",
  刑法: "law",
  诉讼与非诉讼程序法: "law",
  行政法规: "administrative_regulation",
  司法解释: "judicial_interpretation",
  部门规章: "departmental_rule",
  案例: "case",
  地方法规: "local_regulation",
  其他: "other",
};

/** db.sqlite3's `level` names. */
const DB_LEVELS: Record<string, LawLevel> = {
  宪法: "constitution",
  法律: "law",
  行政法规: "administrative_regulation",
  司法解释: "judicial_interpretation",
  部门规章: "departmental_rule",
  案例: "case",
  地方性法规: "local_regulation",
  其他: "other",
};

/** The province a LawRefBook local-regulation folder belongs to (GB/T 2260). */
const LOCAL_REGIONS: Record<string, string> = { 河南地方法规: "410000", 河南: "410000" };

type DbEntry = { expired: boolean; level: string; publish: string | null; validFrom: string | null };

/**
 * Reads db.sqlite3 (the collection's own index) where there is one: expiry,
 * level and dates by "name|publish" and by name. Without it, folder and file
 * name decide.
 */
async function readCollectionIndex(dir: string): Promise<Map<string, DbEntry>> {
  const entries = new Map<string, DbEntry>();
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name === "db.sqlite3") files.push(path);
      else if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  if (!files.length) return entries;
  const require = createRequire(import.meta.url);
  const initSqlJs = require("sql.js") as typeof import("sql.js").default;
  const SQL = await initSqlJs();
  for (const file of files) {
    const db = new SQL.Database(readFileSync(file));
    try {
      const result = db.exec("select name, coalesce(filename, ''), publish, valid_from, expired, level from law");
      for (const [name, filename, publish, validFrom, expired, level] of result[0]?.values ?? []) {
        const entry: DbEntry = { expired: Number(expired) === 1, level: String(level), publish: (publish as string) || null, validFrom: (validFrom as string) || null };
        for (const key of [String(name), String(filename)]) {
          if (!key) continue;
          entries.set(`${key}|${entry.publish ?? ""}`, entry);
          if (!entries.has(key)) entries.set(key, entry);
        }
      }
    } finally {
      db.close();
    }
  }
  return entries;
}

/** Reads a LawRefBook folder into law sources (no database). Unreadable files are reported, not thrown. */
export async function readLawRefBook(dir: string): Promise<{ sources: LawSource[]; failed: ImportProblem[]; notes: ImportProblem[]; files: number }> {
  const index = await readCollectionIndex(dir);
  const files = lawRefBookFiles(dir);
  const sources: LawSource[] = [];
  const failed: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  for (const file of files) {
    const path = lawRefBookPath(dir, file);
    const folders = path.split("/");
    const top = folders[0];
    const fileName = folders[folders.length - 1];
    const folderLevel = FOLDER_LEVELS[top];
    const isCase = top === "案例";
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch (error) {
      failed.push({ origin: path, reason: `cannot read: ${(error as Error).message}` });
      continue;
    }
    let parsed: ParsedLaw;
    try {
      parsed = parseLawRefBook(raw, { isCase });
    } catch (error) {
      if (!(error instanceof LawFormatError)) throw error;
      failed.push({ origin: path, reason: error.message });
      continue;
    }
    if (parsed.numbering === "whole") notes.push({ origin: path, reason: "no numbered article: indexed as one passage (全文)" });
    if (parsed.numbering === "sections" && !isCase) notes.push({ origin: path, reason: "no numbered article: indexed by its sections" });
    const publishedOn = fileNameDate(fileName);
    const name = fileNameTitle(fileName);
    const entry = index.get(`${name}|${publishedOn ?? ""}`) ?? index.get(name) ?? index.get(`${shortTitle(parsed.title)}|${publishedOn ?? ""}`);
    const regionFolder = folders.find((f) => LOCAL_REGIONS[f]);
    const level = (entry && DB_LEVELS[entry.level]) || folderLevel || (regionFolder ? "local_regulation" : "other");
    const category = isCase || top === "部门规章" ? (folders[1] ?? top) : top === "地方法规" ? "地方性法规" : (top ?? "其他");
    sources.push({
      sourceKey: lawRefBookSourceKey(path),
      origin: path,
      parsed,
      level,
      category: category.replace(/\.md$/u, ""),
      regionCode: regionFolder ? LOCAL_REGIONS[regionFolder] : null,
      publishedOn: publishedOn ?? entry?.publish ?? historyDate(parsed.history, /公布|通过|发布/u),
      effectiveOn: entry?.validFrom ?? historyDate(parsed.history, /施行/u),
      isExpired: entry?.expired ?? false,
      raw,
    });
  }
  return { sources, failed, notes, files: files.length };
}

/** The date of the history line matching `what` (2021年1月1日 施行 → 2021-01-01). */
export function historyDate(history: string[], what: RegExp): string | null {
  for (const line of [...history].reverse()) {
    if (!what.test(line)) continue;
    const match = /(\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(line);
    if (match) return `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}`;
  }
  return null;
}

/**
 * Terms for the legal dictionary: each law's short title (劳动合同法) and the terms
 * it defines (本法所称X，是指…; X，是指…).
 */
export function dictionaryTerms(sources: LawSource[]): Map<string, "title" | "defined"> {
  const terms = new Map<string, "title" | "defined">();
  for (const source of sources) {
    if (source.level === "case") continue;
    const short = shortTitle(source.parsed.title).replace(/[（(].*$/u, "");
    if (isDictionaryTerm(short) && short.length <= 16) terms.set(short, "title");
    for (const article of source.parsed.articles) {
      for (const match of article.body.matchAll(/(?:本法|本条例|本规定|本解释|本办法)(?:所称|所说|中的)的?“?([\p{Script=Han}]{2,12})”?，?(?:是指|包括|指)/gu)) {
        if (!terms.has(match[1])) terms.set(match[1], "defined");
      }
    }
  }
  return terms;
}

const hashOf = (source: LawSource) =>
  createHash("sha256")
    .update(`${SEGMENTER_VERSION}\n${FORMAT_VERSION}\n${source.level}\n${source.category}\n${source.regionCode ?? ""}\n${source.publishedOn ?? ""}\n${source.effectiveOn ?? ""}\n${source.isExpired}\n`)
    .update(source.raw)
    .digest("hex");

/** The versions of one law share this: the title without the date and the 中华人民共和国 prefix, and the part. */
export const versionGroupOf = (title: string, part: string | null) => `${shortTitle(title)}${part ? `·${part}` : ""}`;

export type ImportCounts = Pick<ImportReport, "created" | "updated" | "unchanged" | "articles" | "terms">;

export type StoreOptions = { now: Date; onProgress?: ImportProgress };

/** What a run knows across its batches: the laws already stored (by source key) and the version groups touched. */
type RunState = { existing: Map<string, { id: string; hash: string; group: string }>; groups: Set<string>; done: number; total: number };

/**
 * Stores laws in one transaction: a new source key is created, a changed one
 * replaced (its articles re-segmented), an unchanged one left alone. Then each
 * version group's current version is recomputed: the newest one not marked
 * expired. `importLaws` does the same in batches, for large imports.
 */
export async function storeLaws(tx: Tx, sources: LawSource[], options: StoreOptions): Promise<ImportCounts> {
  const terms = await loadDictionary(tx, sources, options.now);
  const state: RunState = { existing: await storedHashes(tx), groups: new Set(), done: 0, total: sources.length };
  const { groups, ...counts } = await storeBatch(tx, sources, state, options);
  await markCurrentVersions(tx, [...groups]);
  if (counts.created || counts.updated) await refreshSearchTerms(tx);
  return { ...counts, terms };
}

/** Laws per transaction in `importLaws`: small enough that no transaction holds the database for long. */
export const IMPORT_BATCH_SIZE = 100;

/**
 * The import as the CLI and the first start run it: the dictionary first, then
 * the laws in transactions of `batchSize`, each leaving the version groups it
 * touched consistent; the last one also recomputes every touched group (a group's
 * versions can fall in different batches), recounts the search terms and records
 * the audit entry. A run stopped half-way keeps the batches it committed; running
 * it again finishes it (unchanged laws are skipped by their content hash).
 */
export async function importLaws(
  db: Db,
  actor: Actor,
  sources: LawSource[],
  options: StoreOptions & { batchSize?: number; detail?: Record<string, unknown> },
): Promise<ImportCounts> {
  const batchSize = Math.max(1, options.batchSize ?? IMPORT_BATCH_SIZE);
  const terms = await db.transaction((tx) => loadDictionary(tx, sources, options.now));
  const state: RunState = { existing: await storedHashes(db), groups: new Set(), done: 0, total: sources.length };
  const counts = { created: 0, updated: 0, unchanged: 0, articles: 0 };
  for (let start = 0; start < sources.length; start += batchSize) {
    const batch = sources.slice(start, start + batchSize);
    const isLast = start + batchSize >= sources.length;
    await db.transaction(async (tx) => {
      const stored = await storeBatch(tx, batch, state, options);
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += stored[key];
      if (!isLast) {
        // What this commit leaves is consistent on its own.
        await markCurrentVersions(tx, [...stored.groups]);
        return;
      }
      // The last batch's commit finishes the import: no committed state has all the laws but not these.
      await markCurrentVersions(tx, [...state.groups]);
      if (counts.created || counts.updated) {
        // Once per import, over every article (not per batch: it recounts the whole table).
        await refreshSearchTerms(tx);
        await recordAudit(tx, {
          actor,
          action: "law.import",
          entityType: "platform",
          at: options.now,
          detail: { ...options.detail, laws: sources.length, ...counts, terms },
        });
      }
    });
  }
  return { ...counts, terms };
}

/**
 * Adds the terms these laws bring (titles, defined terms) to legal_terms and
 * loads every term the database knows into the segmenter, before anything is
 * segmented. Returns how many terms the laws brought.
 */
async function loadDictionary(tx: Tx, sources: LawSource[], now: Date): Promise<number> {
  const terms = dictionaryTerms(sources);
  if (terms.size) {
    const list = [...terms];
    await tx.execute(sql`
      insert into legal_terms (term, source, created_at)
      select t, s, ${now} from unnest(${sql.param(list.map(([t]) => t))}::text[], ${sql.param(list.map(([, s]) => s))}::text[]) as x(t, s)
      on conflict (term) do nothing`);
  }
  const known = await tx.execute<{ term: string }>(sql`select term from legal_terms`);
  addLegalTerms(known.rows.map((r) => r.term));
  return terms.size;
}

async function storedHashes(tx: Tx): Promise<RunState["existing"]> {
  const existing: RunState["existing"] = new Map();
  const rows = await tx.execute<{ id: string; source_key: string; content_hash: string; version_group: string }>(
    sql`select id, source_key, content_hash, version_group from laws`,
  );
  for (const row of rows.rows) existing.set(row.source_key, { id: row.id, hash: row.content_hash, group: row.version_group });
  return existing;
}

async function storeBatch(
  tx: Tx,
  sources: LawSource[],
  state: RunState,
  options: StoreOptions,
): Promise<Omit<ImportCounts, "terms"> & { groups: Set<string> }> {
  const { existing } = state;
  // The version groups this batch touched (also collected in state.groups for the run's last recompute).
  const groups = new Set<string>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let articles = 0;
  for (const source of sources) {
    const hash = hashOf(source);
    const previous = existing.get(source.sourceKey);
    const { parsed } = source;
    const group = versionGroupOf(parsed.title, parsed.part);
    groups.add(group);
    if (previous?.hash === hash) {
      unchanged++;
      options.onProgress?.(++state.done, state.total, source.origin);
      continue;
    }
    const toc: TocEntry[] = parsed.headings.map((h) => ({
      level: h.level,
      title: h.title,
      anchor: h.firstArticle < parsed.articles.length ? anchorOf(parsed.articles[h.firstArticle].articleNo, h.firstArticle + 1) : "",
    }));
    const titleTokens = indexText(`${parsed.title} ${parsed.part ?? ""}`);
    const values = {
      title: parsed.title,
      short: shortTitle(parsed.title),
      part: parsed.part,
      level: source.level,
      category: source.category,
      region: source.regionCode,
      published: source.publishedOn,
      effective: source.effectiveOn,
      history: JSON.stringify(parsed.history),
      toc: JSON.stringify(toc),
      count: parsed.articles.length,
    };
    let lawId: string;
    if (previous) {
      await tx.execute(sql`
        update laws set title = ${values.title}, short_title = ${values.short}, part = ${values.part}, version_group = ${group},
          level = ${values.level}, category = ${values.category}, region_code = ${values.region},
          published_on = ${values.published}, effective_on = ${values.effective}, is_expired = ${source.isExpired},
          history = ${values.history}::jsonb, toc = ${values.toc}::jsonb, article_count = ${values.count},
          content_hash = ${hash}, title_tokens = to_tsvector('simple', ${titleTokens}), updated_at = ${options.now}
        where id = ${previous.id}`);
      await tx.execute(sql`delete from law_articles where law_id = ${previous.id}`);
      // A retitled law leaves its old group, whose current version is then recomputed too.
      groups.add(previous.group);
      existing.set(source.sourceKey, { id: previous.id, hash, group });
      lawId = previous.id;
      updated++;
    } else {
      const inserted = await tx.execute<{ id: string }>(sql`
        insert into laws (source_key, title, short_title, part, version_group, level, category, region_code, published_on, effective_on,
                          is_expired, is_current, history, toc, article_count, content_hash, title_tokens, imported_at, updated_at)
        values (${source.sourceKey}, ${values.title}, ${values.short}, ${values.part}, ${group}, ${values.level}, ${values.category},
                ${values.region}, ${values.published}, ${values.effective}, ${source.isExpired}, ${!source.isExpired}, ${values.history}::jsonb,
                ${values.toc}::jsonb, ${values.count}, ${hash}, to_tsvector('simple', ${titleTokens}), ${options.now}, ${options.now})
        returning id`);
      lawId = inserted.rows[0].id;
      existing.set(source.sourceKey, { id: lawId, hash, group });
      created++;
    }
    const ordinals = parsed.articles.map((_, k) => k + 1);
    const numbers = parsed.articles.map((a) => a.articleNo);
    const headings = parsed.articles.map((a) => a.headings.join(" / "));
    const bodies = parsed.articles.map((a) => a.body);
    // The law's title is not repeated in each article's tokens: a title query is a law-level match.
    const tokens = parsed.articles.map((a) => indexText(`${a.headings.slice(-1).join(" ")} ${a.body}`));
    await tx.execute(sql`
      insert into law_articles (law_id, ordinal, article_no, heading_path, body, tokens, law_title, level, category, region_code, is_current)
      select ${lawId}, o, n, h, b, to_tsvector('simple', t), ${values.title}, ${values.level}, ${values.category}, ${values.region}, ${!source.isExpired}
      from unnest(${sql.param(ordinals)}::int[], ${sql.param(numbers)}::text[], ${sql.param(headings)}::text[], ${sql.param(bodies)}::text[], ${sql.param(tokens)}::text[]) as x(o, n, h, b, t)`);
    articles += parsed.articles.length;
    options.onProgress?.(++state.done, state.total, source.origin);
  }
  for (const group of groups) state.groups.add(group);
  return { created, updated, unchanged, articles, groups };
}

/**
 * In each version group the newest version not marked expired is current; every
 * older one is not (公司法 2018 once 2023's text exists, whatever the index says).
 */
export async function markCurrentVersions(tx: Tx, groups: string[]): Promise<void> {
  if (!groups.length) return;
  await tx.execute(sql`
    update laws set is_current = (not laws.is_expired and ranked.n = 1)
    from (
      select id, row_number() over (partition by version_group order by is_expired, published_on desc nulls last, imported_at desc) as n
      from laws where version_group = any(${sql.param(groups)}::text[])
    ) as ranked
    where ranked.id = laws.id`);
  await tx.execute(sql`
    update law_articles a set is_current = l.is_current
    from laws l where l.id = a.law_id and l.version_group = any(${sql.param(groups)}::text[]) and a.is_current <> l.is_current`);
}

/**
 * Recounts how many articles hold each lexeme (search_terms), which the search
 * uses to weigh rare words above common ones. About a second per 80,000 articles.
 */
export async function refreshSearchTerms(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from search_terms`);
  await tx.execute(sql`insert into search_terms (term, df) select word, ndoc from ts_stat('select tokens from law_articles')`);
  // The empty term holds the number of articles (N in the weight's formula).
  await tx.execute(sql`insert into search_terms (term, df) select '', count(*) from law_articles`);
  // Fresh statistics for the planner, and the GIN index's pending list merged: a
  // bulk insert leaves it for later, and every search would scan it meanwhile.
  await tx.execute(sql`analyze laws`);
  await tx.execute(sql`analyze law_articles`);
  await tx.execute(sql`select gin_clean_pending_list('law_articles_tokens'::regclass)`);
}
