import type { LlmConfig } from "../../platform/config.ts";
import { redactPersonalData } from "../../platform/logging.ts";

/** An article the search retrieved, as the draft may cite it. */
export type GroundingArticle = { lawTitle: string; articleNo: string; text: string };
export type Citation = { lawTitle: string; articleNo: string };

/** A short answer a model drafted from the retrieved articles only; staff read it before it goes anywhere. */
export type Draft = { text: string; citations: Citation[]; isMachineDrafted: true };

/** Articles the prompt carries (the best ranked), and how much of each. */
export const PROMPT_ARTICLES = 6;
const ARTICLE_CHARS = 600;
const DRAFT_MAX_CHARS = 1200;

const SYSTEM_PROMPT = [
  "你是公共法律服务平台（12348）的咨询助手，为群众起草简短的答复，由工作人员审核后发出。",
  "只能依据用户消息中列出的法律条文作答，不得引用未列出的法律、条文、案例或司法解释。",
  "每个依据条文的句子，在句末用《法律全称》第X条的形式注明依据，例如《中华人民共和国民法典》第五十四条。",
  "用通俗的中文，三百字以内，不编造事实；列出的条文不足以回答的，直接说明需要进一步咨询，并建议拨打12348。",
].join("\n");

/** The chat messages of a draft: the rules, then the question and the numbered articles it may rest on. */
export function draftMessages(question: string, articles: GroundingArticle[]): { role: "system" | "user"; content: string }[] {
  const listed = articles
    .slice(0, PROMPT_ARTICLES)
    .map((a, i) => `[${i + 1}] 《${a.lawTitle}》${a.articleNo}：${a.text.length > ARTICLE_CHARS ? `${a.text.slice(0, ARTICLE_CHARS)}…` : a.text}`)
    .join("\n");
  // Phone and ID numbers are not needed to answer and do not leave the platform.
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: `问题：${redactPersonalData(question)}\n\n可以依据的条文：\n${listed}` },
  ];
}

const NUMERAL = "[〇零一二三四五六七八九十百千]+";
const ARTICLE_NO = `第${NUMERAL}条(?:之${NUMERAL})?`;
/** 《title》第X条, and further articles of the same law after it: 《民法典》第五十四条、第五十六条. */
const CITATION = new RegExp(`《([^《》]{1,80})》\\s*(${ARTICLE_NO}(?:\\s*[、，,和及与或]\\s*${ARTICLE_NO})*)`, "g");
const ARTICLE_NO_GLOBAL = new RegExp(ARTICLE_NO, "g");
/** A numbered reference to the prompt's list: [2]. */
const LIST_REFERENCE = /\[(\d{1,2})\]/g;

/** Titles compare without 中华人民共和国 and spaces: a model writes 《民法典》 for 《中华人民共和国民法典》. */
const titleKey = (title: string) => title.replace(/\s/g, "").replace(/^中华人民共和国/, "");

/**
 * Keeps only what the retrieved articles support. Every citation in the model's
 * answer is looked up among the articles given to it; a sentence citing anything
 * else (another law, another article, a list number out of range) is dropped whole,
 * since its claim rests on something nobody retrieved. Numbered references ([2])
 * become the article's citation. Returns null when no cited sentence survives:
 * an answer that cites nothing retrieved is not grounded.
 */
export function groundDraft(answer: string, articles: GroundingArticle[]): Draft | null {
  const given = articles.slice(0, PROMPT_ARTICLES);
  const byKey = new Map(given.map((a) => [`${titleKey(a.lawTitle)}|${a.articleNo}`, a]));
  const citations: Citation[] = [];
  const kept: string[] = [];
  let isCiting = false;
  for (const raw of answer.replace(/\r/g, "").match(/[^。！？!?\n]+[。！？!?]*\n?|\n/g) ?? []) {
    let sentence = raw;
    let isGrounded = true;
    const cited: Citation[] = [];
    sentence = sentence.replace(LIST_REFERENCE, (_, n: string) => {
      const article = given[Number(n) - 1];
      if (!article) {
        isGrounded = false;
        return "";
      }
      cited.push({ lawTitle: article.lawTitle, articleNo: article.articleNo });
      return `《${article.lawTitle}》${article.articleNo}`;
    });
    for (const match of raw.matchAll(CITATION)) {
      for (const articleNo of match[2].match(ARTICLE_NO_GLOBAL) ?? []) {
        const article = byKey.get(`${titleKey(match[1])}|${articleNo}`);
        if (article) cited.push({ lawTitle: article.lawTitle, articleNo: article.articleNo });
        else isGrounded = false;
      }
    }
    if (!isGrounded) continue;
    kept.push(sentence);
    if (cited.length) isCiting = true;
    for (const c of cited) if (!citations.some((x) => x.lawTitle === c.lawTitle && x.articleNo === c.articleNo)) citations.push(c);
  }
  const text = kept.join("").trim().slice(0, DRAFT_MAX_CHARS);
  if (!text || !isCiting) return null;
  return { text, citations, isMachineDrafted: true };
}

export type DraftOutcome = { draft: Draft } | { draft: null; reason: "no_articles" | "timeout" | "failed" | "ungrounded" };

/**
 * Asks the configured model for a draft answer to `question` from `articles`
 * (POST {url}/chat/completions, the OpenAI chat format). Within the configured
 * time or not at all: past `timeoutMs` the request is abandoned and the answer
 * comes without a draft. Never throws: the assistant works without a model.
 */
export async function requestDraft(settings: LlmConfig, question: string, articles: GroundingArticle[]): Promise<DraftOutcome> {
  if (!articles.length) return { draft: null, reason: "no_articles" };
  let content: unknown;
  try {
    const response = await fetch(`${settings.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({ model: settings.model, messages: draftMessages(question, articles), temperature: 0.2, max_tokens: 800, stream: false }),
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: "error",
    });
    if (!response.ok) return { draft: null, reason: "failed" };
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    content = body.choices?.[0]?.message?.content;
  } catch (error) {
    const name = (error as Error).name;
    return { draft: null, reason: name === "TimeoutError" || name === "AbortError" ? "timeout" : "failed" };
  }
  if (typeof content !== "string") return { draft: null, reason: "failed" };
  const draft = groundDraft(content, articles);
  return draft ? { draft } : { draft: null, reason: "ungrounded" };
}
