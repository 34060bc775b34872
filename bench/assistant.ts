// Assistant bench: how often the consultation assistant files a real question under the category
// and service type a clerk would, on bench/data/assistant-labelled.jsonl (263 STARD questions,
// labelled by reading them before the rules were written; see bench/data/README.md).
//
// - The set is split in two (the `split` field): the rules were tuned on `tune` only; `holdout` is
//   the honest figure.
// - `question`: the classifier on the question's words alone (no database).
// - `withArticles`: as the assistant answers (POST /api/assistant/ask, its query answerQuestion):
//   the articles the knowledge search retrieves for the question vote too. `askP50Ms`/`askP95Ms`:
//   how long answerQuestion takes (three searches, the guide, the classification; no model). Needs the corpus, ../shared/data/lawrefbook, which
//   it imports into a fresh database (the embedded one in memory, or a new database on DATABASE_URL's
//   server); without it this part is skipped, with a message.
// - Each accuracy comes with the majority baseline (always answering the most frequent label of
//   that half), and a confusion summary: the most frequent (label → answer) mistakes.
// - `undecided` counts questions the classifier declined to place (category null); they count as
//   wrong.
//
// Progress on stderr; the last stdout line is JSON.
//
//   npm run bench -- assistant
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { classifyQuestion, type ArticleVote } from "../src/server/modules/assistant/classify-question.ts";
import { readLawRefBook, storeLaws } from "../src/server/modules/knowledge/commands/import-laws.ts";
import { answerQuestion } from "../src/server/modules/assistant/queries/answer-question.ts";
import { logger, onceCleanup, openBenchDatabase, percentile, round } from "./_bench-database.ts";

const log = logger("assistant");
const DATA = new URL("./data/assistant-labelled.jsonl", import.meta.url);

type Labelled = { question: string; category: string; serviceType: string; split: "tune" | "holdout" };
type Answer = { category: string | null; serviceType: string | null; isUncertain: boolean };

const labelled: Labelled[] = readFileSync(DATA, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));

function majority(values: string[]): { label: string; share: number } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [label, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { label, share: n / values.length };
}

function score(items: Labelled[], answers: Answer[]) {
  const mistakes = new Map<string, number>();
  let category = 0;
  let service = 0;
  let undecided = 0;
  let uncertain = 0;
  let uncertainRight = 0;
  items.forEach((item, i) => {
    const answer = answers[i];
    if (answer.category === null) undecided++;
    if (answer.isUncertain) uncertain++;
    if (answer.category === item.category) {
      category++;
      if (answer.isUncertain) uncertainRight++;
    } else {
      const key = `${item.category}→${answer.category ?? "∅"}`;
      mistakes.set(key, (mistakes.get(key) ?? 0) + 1);
    }
    if (answer.serviceType === item.serviceType) service++;
  });
  const certain = items.length - uncertain;
  return {
    questions: items.length,
    categoryAccuracy: round(category / items.length, 3),
    categoryBaseline: round(majority(items.map((x) => x.category)).share, 3),
    serviceTypeAccuracy: round(service / items.length, 3),
    serviceTypeBaseline: round(majority(items.map((x) => x.serviceType)).share, 3),
    undecided,
    // How well the uncertainty flag separates: accuracy where the answer claimed to be sure, and where not.
    certainAccuracy: certain ? round((category - uncertainRight) / certain, 3) : null,
    uncertainAccuracy: uncertain ? round(uncertainRight / uncertain, 3) : null,
    uncertain,
    confusion: [...mistakes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([pair, n]) => `${pair} ${n}`),
  };
}

function run(mode: string, answerOf: (item: Labelled) => Answer) {
  const answers = labelled.map(answerOf);
  const result = Object.fromEntries(
    (["tune", "holdout"] as const).map((split) => {
      const picked = labelled.map((item, i) => [item, answers[i]] as const).filter(([item]) => item.split === split);
      return [split, score(picked.map(([item]) => item), picked.map(([, a]) => a))];
    }),
  );
  log(`${mode}: category tune ${result.tune.categoryAccuracy} holdout ${result.holdout.categoryAccuracy}; service type tune ${result.tune.serviceTypeAccuracy} holdout ${result.holdout.serviceTypeAccuracy}`);
  return result;
}

const answerOf = (question: string, articles: ArticleVote[] = []): Answer => {
  const c = classifyQuestion(question, articles);
  return { category: c.category, serviceType: c.serviceType, isUncertain: c.isUncertain };
};

const CORPUS = resolve("../shared/data/lawrefbook");

/** The articles the assistant retrieves for each question over the imported corpus, and its timings; null without the corpus. */
async function retrievedArticles(): Promise<{ found: Map<string, ArticleVote[]>; askP50Ms: number; askP95Ms: number } | null> {
  if (!existsSync(CORPUS)) {
    log(`no corpus at ${CORPUS}: the part with retrieved articles is skipped`);
    return null;
  }
  const cleanup = onceCleanup(log);
  try {
    const database = await openBenchDatabase("assistant", 2);
    cleanup.add(() => database.close());
    const started = Date.now();
    const { sources } = await readLawRefBook(CORPUS);
    await database.db.transaction((tx) => storeLaws(tx, sources, { now: new Date() }));
    log(`imported ${sources.length} laws in ${round((Date.now() - started) / 1000)} s`);
    const found = new Map<string, ArticleVote[]>();
    const times: number[] = [];
    // One warm-up, so the first question does not carry the segmenter's and the pool's start.
    await answerQuestion(database.db, { question: labelled[0].question });
    for (const item of labelled) {
      const began = performance.now();
      const answer = await answerQuestion(database.db, { question: item.question });
      times.push(performance.now() - began);
      found.set(item.question, answer.articles);
    }
    return { found, askP50Ms: round(percentile(times, 50)), askP95Ms: round(percentile(times, 95)) };
  } finally {
    await cleanup.run();
  }
}

async function main() {
  log(`${labelled.length} labelled questions (${labelled.filter((x) => x.split === "tune").length} tune, ${labelled.filter((x) => x.split === "holdout").length} holdout)`);
  const question = run("question", (item) => answerOf(item.question));
  const retrieved = await retrievedArticles();
  const withArticles = retrieved
    ? { ...run("withArticles", (item) => answerOf(item.question, retrieved.found.get(item.question))), askP50Ms: retrieved.askP50Ms, askP95Ms: retrieved.askP95Ms }
    : null;
  process.stdout.write(`${JSON.stringify({ bench: "assistant", questions: labelled.length, question, withArticles })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
