import type { Tx } from "../../../platform/db/index.ts";
import type { LlmConfig } from "../../../platform/config.ts";
import { getServiceGuide } from "../../content/queries/find-service-guides.ts";
import { searchKnowledge, type SearchResult } from "../../knowledge/queries/search-knowledge.ts";
import { classifyQuestion, type Classification } from "../classify-question.ts";
import { requestDraft, type Draft } from "../llm-draft.ts";
import { nextStepsFor, prefillOf, type NextStep, type Prefill } from "../next-steps.ts";

/** How many of each the answer shows. */
export const ANSWER_LIMITS = { articles: 8, faq: 3, cases: 3 } as const;

export type AnswerArticle = { lawId: string; lawTitle: string; articleNo: string; anchor: string; text: string; headingPath: string };
export type AnswerFaq = { id: string; title: string; text: string };
/** A published case of the corpus (a law of level `case`: lawId and anchor) or a staff-written case explainer (id). */
export type AnswerCase = { id?: string; lawId?: string; title: string; text: string; anchor?: string };

export type Answer = {
  category: Classification["category"];
  serviceType: Classification["serviceType"];
  confidence: Classification["confidence"];
  isUncertain: boolean;
  alternatives: Classification["alternatives"];
  articles: AnswerArticle[];
  faq: AnswerFaq[];
  cases: AnswerCase[];
  nextSteps: NextStep[];
  draft: Draft | null;
  prefill: Prefill;
};

const search = async (tx: Tx, q: string, type: "article" | "faq" | "case", limit: number, regionCode?: string): Promise<SearchResult[]> =>
  (await searchKnowledge(tx, { q, limit, offset: 0, types: [type], currentOnly: true, regionCode: regionCode ?? null })).results;

/**
 * The assistant's answer to a question in plain words: the articles, FAQ and
 * cases the knowledge search finds for it; its dispute category and service type
 * (the question's words, with the retrieved articles voting on the category);
 * the next steps from that service's guide at the person's region; the request
 * form filled in with it. Reads only; the same answer serves the portal
 * (POST /api/assistant/ask) and staff beside a ticket (its description). The
 * draft is added afterwards by `withDraft`, outside any transaction: a model may
 * take seconds, and a connection must not wait for it.
 */
export async function answerQuestion(tx: Tx, input: { question: string; regionCode?: string }): Promise<Answer> {
  const question = input.question.trim();
  // One after another: inside a transaction the searches share one connection.
  const articleHits = await search(tx, question, "article", ANSWER_LIMITS.articles, input.regionCode);
  const faqHits = await search(tx, question, "faq", ANSWER_LIMITS.faq, input.regionCode);
  const caseHits = await search(tx, question, "case", ANSWER_LIMITS.cases, input.regionCode);
  const articles: AnswerArticle[] = articleHits.map((hit) => ({
    lawId: hit.lawId ?? "",
    lawTitle: hit.lawTitle,
    articleNo: hit.articleNo,
    anchor: hit.anchor,
    text: hit.text,
    headingPath: hit.headingPath,
  }));
  const classification = classifyQuestion(question, articles);
  const guide = classification.serviceType ? await getServiceGuide(tx, classification.serviceType, input.regionCode) : null;
  const prefill = prefillOf(question, classification.serviceType, classification.category);
  return {
    category: classification.category,
    serviceType: classification.serviceType,
    confidence: classification.confidence,
    isUncertain: classification.isUncertain,
    alternatives: classification.alternatives,
    articles,
    faq: faqHits.filter((hit) => hit.entryId).map((hit) => ({ id: hit.entryId!, title: hit.title ?? "", text: hit.text })),
    cases: caseHits.map((hit) =>
      hit.entryId ? { id: hit.entryId, title: hit.title ?? "", text: hit.text } : { lawId: hit.lawId ?? "", title: hit.lawTitle, text: hit.text, anchor: hit.anchor },
    ),
    nextSteps: nextStepsFor(classification.serviceType, guide, prefill),
    draft: null,
    prefill,
  };
}

/** The answer with a draft from the configured model (none configured, too slow, or not grounded: draft stays null). */
export async function withDraft(answer: Answer, question: string, llm: LlmConfig | null): Promise<Answer> {
  if (!llm) return answer;
  return { ...answer, draft: (await requestDraft(llm, question.trim(), answer.articles)).draft };
}
