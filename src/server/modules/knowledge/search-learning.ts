/**
 * What the search learns from questions people asked and the articles that
 * answered them (STARD's training questions; bench/search.ts): no database, no
 * model — counts.
 *
 * - A law prior: laws that answer many everyday questions (民法典, 劳动合同法) are
 *   preferred over laws of the same match that rarely do. The multiplier grows
 *   with the log of how often a law answered, and is 1 for laws never seen.
 * - Word expansions: a question word that keeps appearing with an article word
 *   the question does not use (借钱 → 借款, 辞退 → 解除) adds that word to the
 *   query, at a weight by how reliably it did.
 *
 * Both are judged by k-fold cross-validation in the bench (learned on four fifths
 * of the questions, measured on the fifth), so the figure reported is what they
 * do for questions they have not seen.
 */
export type TrainingPair = { questionTokens: string[]; lawTitle: string; articleTokens: string[] };

export type Expansion = { term: string; weight: number };

export type LearnedRanking = {
  /** Multiplier of a law's articles' scores, by the law's full title. */
  lawPrior: Record<string, number>;
  /** Words a question word adds to the query. */
  expansions: Record<string, Expansion[]>;
};

export type LearningOptions = {
  /** The most a law's prior can reach (for the law that answered most). */
  maxLawPrior: number;
  /** A pair must be seen this often to expand. */
  minPairCount: number;
  /** …and in this share of the questions holding the word. */
  minConfidence: number;
  /** Expansions kept per word. */
  perWord: number;
};

export const DEFAULT_LEARNING: LearningOptions = { maxLawPrior: 1.6, minPairCount: 2, minConfidence: 0.25, perWord: 4 };

export function learnRanking(pairs: TrainingPair[], options: LearningOptions = DEFAULT_LEARNING): LearnedRanking {
  // Law prior: by distinct questions a law answered.
  const lawQuestions = new Map<string, Set<string>>();
  for (const pair of pairs) {
    const key = pair.questionTokens.join(" ");
    const set = lawQuestions.get(pair.lawTitle) ?? new Set<string>();
    set.add(key);
    lawQuestions.set(pair.lawTitle, set);
  }
  const most = Math.max(1, ...[...lawQuestions.values()].map((s) => s.size));
  const lawPrior: Record<string, number> = {};
  for (const [title, questions] of lawQuestions) {
    lawPrior[title] = round(1 + ((options.maxLawPrior - 1) * Math.log1p(questions.size)) / Math.log1p(most));
  }

  // Expansions: P(article word | question word), over (question, article) pairs.
  const wordCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();
  for (const pair of pairs) {
    const question = new Set(pair.questionTokens);
    const article = new Set(pair.articleTokens);
    for (const word of question) {
      wordCount.set(word, (wordCount.get(word) ?? 0) + 1);
      let row = pairCount.get(word);
      if (!row) pairCount.set(word, (row = new Map()));
      for (const term of article) if (!question.has(term)) row.set(term, (row.get(term) ?? 0) + 1);
    }
  }
  // An article word present in most articles (条, 规定 …) says nothing: discount by its own frequency.
  const termCount = new Map<string, number>();
  for (const pair of pairs) for (const term of new Set(pair.articleTokens)) termCount.set(term, (termCount.get(term) ?? 0) + 1);
  const expansions: Record<string, Expansion[]> = {};
  for (const [word, row] of pairCount) {
    const seen = wordCount.get(word) ?? 0;
    if (seen < options.minPairCount) continue;
    const candidates: Expansion[] = [];
    for (const [term, count] of row) {
      if (count < options.minPairCount) continue;
      const confidence = count / seen;
      const background = (termCount.get(term) ?? 0) / pairs.length;
      // Lift over how often the term is in any answering article.
      const lift = confidence - background;
      if (confidence < options.minConfidence || lift <= 0.1) continue;
      candidates.push({ term, weight: round(lift) });
    }
    candidates.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
    if (candidates.length) expansions[word] = candidates.slice(0, options.perWord);
  }
  return { lawPrior, expansions };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
