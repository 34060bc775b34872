// Search bench: the article search over the full imported corpus, judged by the
// real questions of ../shared/data/stard-train.jsonl (ordinary people's
// questions, each with the articles that answer it).
//
//   npm run bench -- search [--fresh] [--questions N] [--folds 5]
//
// The corpus (../shared/data/lawrefbook) is imported once and reused: embedded,
// into a data directory under $TMPDIR named by the corpus and the importer's
// version; with DATABASE_URL, into a database on that server named the same way
// (kept for the next run). --fresh imports again.
//
// For each question: recall@10 and @100 (the share of its relevant articles in
// the first 10 / 100 results), MRR@10 and nDCG@10 (binary relevance), and the
// search's own time (p50/p95 over all questions, measured around searchKnowledge
// on a warm database). The same metrics for a plain baseline in the same run:
// BM25 over character bigrams, in memory, no segmentation, no wording table.
//
// Honesty: what the search learns from these questions (search-learning.ts: a
// law prior and word expansions, shipped in learned-ranking.json by --learn) is
// measured out of fold: the questions are cut into 5 contiguous folds (STARD
// lists a topic's questions together, so a fold's topics are mostly new to the
// others), and each fold is searched with what was learned from the other four.
// The headline figures are those. `inSample` is the same with what was learned
// from every question (what ships), `withoutLearning` with nothing learned. The
// ranking's constants (DEFAULT_TUNING) are a choice too: `crossValidated` picks,
// for each fold, the grid's candidate best on the other folds and judges it on
// the fold alone. The wording table is reference data written from how people
// phrase things, not fitted to these questions; `withoutWordings` shows what it
// adds.
//
// Progress on stderr; the last stdout line is JSON.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../src/server/platform/db/index.ts";
import { prepareDatabase } from "../src/server/wiring.ts";
import { bindAuditKey } from "../src/server/platform/audit-chain.ts";
import { expireCacheVersions } from "../src/server/platform/cache.ts";
import { generateKey } from "../src/server/platform/keys.ts";
import { lawRefBookFiles, readLawRefBook, storeLaws } from "../src/server/modules/knowledge/commands/import-laws.ts";
import { DEFAULT_TUNING, searchKnowledge, type Tuning } from "../src/server/modules/knowledge/queries/search-knowledge.ts";
import { lexeme, segment, SEGMENTER_VERSION } from "../src/server/modules/knowledge/segmenter.ts";
import { DEFAULT_LEARNING, learnRanking, type LearningOptions, type TrainingPair } from "../src/server/modules/knowledge/search-learning.ts";
import { LEARNED_RANKING_FILE } from "../src/server/modules/knowledge/learned-ranking.ts";
import type { Tx } from "../src/server/platform/db/index.ts";
import { logger, numberArg, percentile, round } from "./_bench-database.ts";

const log = logger("search");
const SHARED = join(import.meta.dirname, "..", "..", "shared", "data");
const CORPUS = join(SHARED, "lawrefbook");
const QUESTIONS_FILE = join(SHARED, "stard-train.jsonl");
const FOLDS = numberArg("folds", 5);
const MAX_QUESTIONS = numberArg("questions", 0);
const AIM = { recallAt10: 0.55, recallAt100: 0.8, p95Ms: 50 };

type Question = { question: string; relevant: Set<string> };
const keyOf = (title: string, articleNo: string) => `${title}|${articleNo}`;

function loadQuestions(): Question[] {
  const byQuestion = new Map<string, Set<string>>();
  for (const line of readFileSync(QUESTIONS_FILE, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { question: string; law_title: string; article_no: string };
    const set = byQuestion.get(row.question) ?? new Set<string>();
    set.add(keyOf(row.law_title, row.article_no));
    byQuestion.set(row.question, set);
  }
  const questions = [...byQuestion].map(([question, relevant]) => ({ question, relevant }));
  return MAX_QUESTIONS ? questions.slice(0, MAX_QUESTIONS) : questions;
}

/** Names the import by the corpus's files and sizes, the importer's version and the migrations. */
function importTag(): string {
  const hash = createHash("sha256").update(`segmenter ${SEGMENTER_VERSION}\n`);
  for (const file of lawRefBookFiles(CORPUS)) hash.update(`${file} ${statSync(file).size}\n`);
  hash.update(readFileSync(new URL("../src/server/modules/knowledge/commands/import-laws.ts", import.meta.url)));
  hash.update(readFileSync(new URL("../src/server/modules/knowledge/segmenter.ts", import.meta.url)));
  hash.update(readFileSync(new URL("../src/server/modules/knowledge/legal-dictionary.txt", import.meta.url)));
  return hash.digest("hex").slice(0, 12);
}

async function openCorpusDatabase(tag: string, fresh: boolean): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL?.trim() || null;
  let database: Database;
  if (serverUrl) {
    const name = `santai_bench_search_${tag}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      if (fresh) await admin.query(`drop database if exists ${name} with (force)`);
      const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (!exists.rowCount) await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 2 });
  } else {
    const dataDir = join(tmpdir(), `santai-bench-search-${tag}`);
    if (fresh && existsSync(dataDir)) (await import("node:fs")).rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    database = await openDatabase({ databaseUrl: null, dataDir });
  }
  bindAuditKey(database, generateKey());
  await prepareDatabase(database);
  const { rows } = await database.pool.query<{ n: number }>("select count(*)::int as n from laws where source_key like 'lawrefbook:%'");
  if (rows[0].n === 0) {
    log(`importing ${CORPUS} …`);
    const started = Date.now();
    const read = await readLawRefBook(CORPUS);
    let last = 0;
    const report = await database.db.transaction((tx) =>
      storeLaws(tx, read.sources, {
        now: new Date(),
        onProgress: (done, total) => {
          if (done - last >= total / 10) {
            last = done;
            log(`  ${done}/${total}`);
          }
        },
      }),
    );
    log(`imported ${report.created} laws, ${report.articles} articles in ${((Date.now() - started) / 1000).toFixed(1)} s (${read.failed.length} failed)`);
  } else log(`reusing the import (${rows[0].n} laws)`);
  return database;
}

type Metrics = { recallAt10: number; recallAt100: number; mrrAt10: number; ndcgAt10: number };

function judge(ranked: string[], relevant: Set<string>): Metrics {
  const seen = new Set<string>();
  const unique = ranked.filter((k) => (seen.has(k) ? false : (seen.add(k), true)));
  const hits = (k: number) => unique.slice(0, k).filter((key) => relevant.has(key)).length;
  const first = unique.slice(0, 10).findIndex((key) => relevant.has(key));
  let dcg = 0;
  unique.slice(0, 10).forEach((key, i) => {
    if (relevant.has(key)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return {
    recallAt10: hits(10) / relevant.size,
    recallAt100: hits(100) / relevant.size,
    mrrAt10: first >= 0 ? 1 / (first + 1) : 0,
    ndcgAt10: ideal ? dcg / ideal : 0,
  };
}

const mean = (rows: Metrics[]): Metrics => {
  const sum = (f: keyof Metrics) => round(rows.reduce((s, r) => s + r[f], 0) / Math.max(rows.length, 1), 4);
  return { recallAt10: sum("recallAt10"), recallAt100: sum("recallAt100"), mrrAt10: sum("mrrAt10"), ndcgAt10: sum("ndcgAt10") };
};

/** BM25 over character bigrams of the articles' text, in memory: the plain baseline. */
async function bigramBaseline(database: Database, questions: Question[]): Promise<Metrics> {
  const { rows } = await database.pool.query<{ title: string; article_no: string; body: string }>(
    "select l.title, a.article_no, a.body from law_articles a join laws l on l.id = a.law_id where l.is_current and l.level <> 'case'",
  );
  const bigrams = (text: string) => {
    const out: string[] = [];
    const chars = [...text.replace(/[\s\p{P}]/gu, "")];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  };
  const postings = new Map<string, number[]>();
  const lengths = new Float64Array(rows.length);
  rows.forEach((row, doc) => {
    const grams = bigrams(row.body);
    lengths[doc] = grams.length;
    const tf = new Map<string, number>();
    for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
    for (const [g, n] of tf) {
      let list = postings.get(g);
      if (!list) postings.set(g, (list = []));
      list.push(doc, n);
    }
  });
  const avg = lengths.reduce((s, n) => s + n, 0) / rows.length;
  const k1 = 1.2;
  const b = 0.75;
  const all: Metrics[] = [];
  for (const q of questions) {
    const scores = new Map<number, number>();
    for (const g of new Set(bigrams(q.question))) {
      const list = postings.get(g);
      if (!list) continue;
      const df = list.length / 2;
      const idf = Math.log(1 + (rows.length - df + 0.5) / (df + 0.5));
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i];
        const tf = list[i + 1];
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / avg)));
      }
    }
    const top = [...scores].sort((x, y) => y[1] - x[1]).slice(0, 100).map(([doc]) => keyOf(rows[doc].title, rows[doc].article_no));
    all.push(judge(top, q.relevant));
  }
  return mean(all);
}

/** The candidate tunings the cross-validation chooses among (DEFAULT_TUNING first). */
const ALL_GRID: { name: string; tuning: Partial<Tuning>; learning?: Partial<LearningOptions> }[] = [
  { name: "default", tuning: {} },
  { name: "no-length-normalization", tuning: { normalization: 0 } },
  { name: "no-phrase-bonus", tuning: { phraseBonus: 0 } },
  { name: "flat-level-prior", tuning: { levelPrior: Object.fromEntries(Object.keys(DEFAULT_TUNING.levelPrior).map((k) => [k, 1])) as Tuning["levelPrior"] } },
  { name: "retrieval-budget-12000", tuning: { retrievalBudget: 12000 } },
  { name: "expansions", tuning: { expansionWeight: 0.5 } },
  { name: "normalization-16", tuning: { normalization: 16 } },
  { name: "normalization-2", tuning: { normalization: 2 } },
  { name: "statutes-less-first", tuning: { levelPrior: { ...DEFAULT_TUNING.levelPrior, judicial_interpretation: 0.95, administrative_regulation: 0.9, local_regulation: 0.8, departmental_rule: 0.85 } } },
  { name: "retrieval-budget-4000", tuning: { retrievalBudget: 4000 } },
  { name: "statutes-firmly-first", tuning: { levelPrior: { ...DEFAULT_TUNING.levelPrior, judicial_interpretation: 0.8, administrative_regulation: 0.7, local_regulation: 0.4, departmental_rule: 0.6 } } },
  { name: "strong-law-prior", tuning: {}, learning: { maxLawPrior: 2.2 } },
  { name: "stronger-law-prior", tuning: {}, learning: { maxLawPrior: 3 } },
  { name: "article-prior", tuning: {}, learning: { articlePriorStep: 0.3 } },
  { name: "strong-article-prior", tuning: {}, learning: { articlePriorStep: 0.8 } },
  { name: "no-neighbours", tuning: { neighbourWeight: 0 } },
  { name: "strong-neighbours", tuning: { neighbourWeight: 0.8 } },
  { name: "no-amendment-prior", tuning: { amendmentPrior: 1 } },
  { name: "retrieval-budget-8000", tuning: { retrievalBudget: 8000 } },
  { name: "band-width-2", tuning: { bandWidth: 2 } },
  { name: "band-width-3", tuning: { bandWidth: 3 } },
];

// --grid a,b picks candidates (default first always); --quick leaves out the in-sample and without-X passes.
const gridArg = process.argv.find((a) => a.startsWith("--grid="))?.slice(7);
const GRID = gridArg ? ALL_GRID.filter((g, i) => i === 0 || gridArg.split(",").includes(g.name)) : ALL_GRID;
const QUICK = process.argv.includes("--quick");

/** The (question, answering article) pairs for learning, the articles' text segmented like the index. */
async function trainingPairs(database: Database, questions: Question[]): Promise<TrainingPair[][]> {
  const { rows } = await database.pool.query<{ title: string; article_no: string; body: string }>(
    "select l.title, a.article_no, a.body from law_articles a join laws l on l.id = a.law_id where l.is_current",
  );
  const bodies = new Map(rows.map((r) => [keyOf(r.title, r.article_no), r.body]));
  const tokens = new Map<string, string[]>();
  return questions.map((q) => {
    const questionTokens = segment(q.question).map(lexeme).filter(Boolean);
    return [...q.relevant].flatMap((key) => {
      const body = bodies.get(key);
      if (body === undefined) return [];
      let articleTokens = tokens.get(key);
      if (!articleTokens) tokens.set(key, (articleTokens = segment(body).map(lexeme).filter(Boolean)));
      const [lawTitle, articleNo] = key.split("|");
      return [{ questionTokens, lawTitle, articleNo, articleTokens }];
    });
  });
}

/** Contiguous folds: STARD lists questions on one topic together, so a fold holds topics the others do not. */
const foldOf = (index: number, count: number) => Math.floor((index * FOLDS) / count);

async function main() {
  if (!existsSync(CORPUS) || !existsSync(QUESTIONS_FILE)) {
    log(`skipped: ${SHARED} is absent (the bench needs the real corpus and questions)`);
    console.log(JSON.stringify({ bench: "search", skipped: true, reason: `${SHARED} absent` }));
    return;
  }
  const questions = loadQuestions();
  const database = await openCorpusDatabase(importTag(), process.argv.includes("--fresh"));
  try {
    // Warm the segmenter and the caches.
    await searchKnowledge(database.db, { q: "劳动合同", limit: 10, types: ["article"] });
    const pairs = await trainingPairs(database, questions);
    if (process.argv.includes("--learn")) {
      const learned = learnRanking(pairs.flat());
      // Only what the search uses by default: the expansions and the article prior lose out of fold (see the grid).
      const file = {
        source: "STARD training questions (oneal2000/STARD, MIT licence), learned by `npm run bench -- search --learn`",
        lawPrior: learned.lawPrior,
        ...(DEFAULT_TUNING.expansionWeight > 0 ? { expansions: learned.expansions } : {}),
      };
      writeFileSync(LEARNED_RANKING_FILE, `${JSON.stringify(file, null, 1)}\n`);
      log(`wrote ${LEARNED_RANKING_FILE.pathname}: ${Object.keys(learned.lawPrior).length} law priors, ${Object.keys(file.expansions ?? {}).length} expanded words`);
    }
    // Learned on the other folds, for each fold.
    const learnOutOfFold = (learning: Partial<LearningOptions> = {}) =>
      Array.from({ length: FOLDS }, (_, fold) => learnRanking(pairs.filter((_, i) => foldOf(i, questions.length) !== fold).flat(), { ...DEFAULT_LEARNING, ...learning }));
    const outOfFold = learnOutOfFold();

    const run = async (tx: Tx, tuningFor: (index: number) => Partial<Tuning>, elapsed?: number[]) => {
      const rows: Metrics[] = [];
      for (const [i, q] of questions.entries()) {
        const started = performance.now();
        const response = await searchKnowledge(tx, { q: q.question, limit: 100, types: ["article"], tuning: tuningFor(i) });
        elapsed?.push(performance.now() - started);
        rows.push(judge(response.results.map((r) => keyOf(r.lawTitle, r.articleNo)), q.relevant));
      }
      return rows;
    };
    const perTuning: Metrics[][] = [];
    let times: number[] = [];
    for (const [index, candidate] of GRID.entries()) {
      log(`${candidate.name}: ${questions.length} questions, learning out of fold …`);
      const elapsed: number[] = [];
      const learned = candidate.learning ? learnOutOfFold(candidate.learning) : outOfFold;
      const rows = await run(database.db, (i) => ({ ...candidate.tuning, learned: learned[foldOf(i, questions.length)] }), elapsed);
      perTuning.push(rows);
      if (index === 0) times = elapsed;
      log(`  ${JSON.stringify(mean(rows))} p95 ${round(percentile(elapsed, 95), 1)} ms`);
    }
    log("without anything learned …");
    const withoutLearning = QUICK ? null : mean(await run(database.db, () => ({ learned: null })));
    log("learned from every question (in sample: what ships) …");
    const learnedAll = learnRanking(pairs.flat());
    const inSample = QUICK ? null : mean(await run(database.db, () => ({ learned: learnedAll })));
    // What the wording table adds: the same default search with it switched off.
    let withoutWordings: Metrics | null = null;
    if (!QUICK) await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update query_wordings set is_active = false`);
        // The search reads the wordings through the process's cache: this transaction's change must be seen.
        expireCacheVersions(tx);
        withoutWordings = mean(await run(tx, (i) => ({ learned: outOfFold[foldOf(i, questions.length)] })));
        throw new RollBack();
      })
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error;
      });
    // k-fold choice of the ranking's constants: for each fold, the candidate best on the others, judged on the fold.
    const folds: Metrics[] = [];
    const chosen: string[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const train = (i: number) => foldOf(i, questions.length) !== fold;
      let best = 0;
      let bestScore = -1;
      perTuning.forEach((rows, t) => {
        const score = mean(rows.filter((_, i) => train(i))).recallAt10;
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      });
      chosen.push(GRID[best].name);
      folds.push(...perTuning[best].filter((_, i) => !train(i)));
    }
    log("baseline: BM25 over character bigrams …");
    const baseline = QUICK ? null : await bigramBaseline(database, questions);
    const result = {
      bench: "search",
      database: database.kind,
      questions: questions.length,
      ...mean(perTuning[0]),
      p50Ms: round(percentile(times, 50), 1),
      p95Ms: round(percentile(times, 95), 1),
      crossValidated: { folds: FOLDS, chosen, ...mean(folds) },
      inSample,
      withoutLearning,
      withoutWordings,
      grid: Object.fromEntries(GRID.map((g, i) => [g.name, mean(perTuning[i])])),
      baseline: { method: "bm25-char-bigram", ...baseline },
      aim: AIM,
    };
    console.log(JSON.stringify(result));
  } finally {
    await database.close();
  }
}

class RollBack extends Error {}

await main();
