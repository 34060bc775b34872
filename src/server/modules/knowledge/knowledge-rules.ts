/**
 * FAQ entries, case explainers (以案释法) and the everyday-to-legal wording table:
 * the vocabulary, the publishing machine, and how a typed citation or an everyday
 * word is read. Pure and dependency-free: the web app imports this file too, so the
 * editor's citation picker reads "民法典 第54条" exactly as the server does.
 */
import { chineseNumber, toChineseArticleNo } from "./lawrefbook-format.ts";

/** 常见问题 / 以案释法. */
export const KNOWLEDGE_KINDS = ["faq", "case_explainer"] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

/** 草稿 / 已发布 / 已撤回. */
export const KNOWLEDGE_STATUSES = ["draft", "published", "withdrawn"] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

export const KNOWLEDGE_ACTIONS = ["publish", "withdraw"] as const;
export type KnowledgeAction = (typeof KNOWLEDGE_ACTIONS)[number];

/**
 * The publishing machine, the same as articles': a draft or a withdrawn entry may
 * be published, a published one withdrawn. null: not allowed.
 */
export function knowledgeTransition(status: KnowledgeStatus, action: KnowledgeAction): KnowledgeStatus | null {
  if (action === "publish") return status === "published" ? null : "published";
  return status === "published" ? "withdrawn" : null;
}

/** The actions the machine allows from this status. */
export const allowedKnowledgeActions = (status: KnowledgeStatus): KnowledgeAction[] =>
  KNOWLEDGE_ACTIONS.filter((action) => knowledgeTransition(status, action) !== null);

export const MAX_ENTRY_BODY_LENGTH = 20_000;
export const MAX_CITATIONS = 20;

export type Citation = { lawTitle: string; articleNo: string };

/** A body is plain text: its paragraphs are its non-empty lines (rendered as text, never as HTML). */
export const paragraphsOf = (body: string): string[] =>
  body
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * An article number as typed (第54条, 54, 五十四, 第五十四条, 第十条之一, 第 54 条) in the
 * laws' own form (第五十四条). Anything else (an item label 一、, a case's section) is
 * returned trimmed, as written: it is matched as it stands.
 */
export function normalizeArticleNo(typed: string): string {
  const text = typed.normalize("NFKC").replace(/\s+/gu, "");
  const match = /^第?([0-9]+|[零〇一二两三四五六七八九十百千]+)条?(?:之([0-9]+|[一二三四五六七八九十]+))?$/u.exec(text);
  if (!match) return text;
  const value = chineseNumber(match[1]);
  if (value === null || value < 1 || value > 9999) return text;
  // 之1 → 之一 as well.
  const sub = match[2] === undefined ? null : /^[0-9]+$/.test(match[2]) ? Number(match[2]) : chineseNumber(match[2]);
  if (sub === 0) return text;
  return sub === null ? toChineseArticleNo(value) : `${toChineseArticleNo(value)}之${toChineseArticleNo(sub).slice(1, -1)}`;
}

/** A law's title as typed: without 《》 and spaces (《民法典》 → 民法典). */
export const normalizeLawTitle = (typed: string): string => typed.normalize("NFKC").replace(/[《》〈〉<>\s]/gu, "");

/**
 * Reads a citation typed in one line, "民法典 第五十四条", "《劳动合同法》第82条" or
 * "中华人民共和国民法典第一千零八十四条": the law's title, then the article number.
 * null when no article number can be found.
 */
export function parseCitationText(text: string): Citation | null {
  const compact = text.normalize("NFKC").trim();
  const match = /^(.*?)[\s,，、]*(第\s*[0-9零〇一二两三四五六七八九十百千]+\s*条(?:之[0-9一二三四五六七八九十]+)?)\s*$/u.exec(compact);
  if (!match) return null;
  const lawTitle = normalizeLawTitle(match[1]);
  if (!lawTitle) return null;
  return { lawTitle, articleNo: normalizeArticleNo(match[2]) };
}

/** How a citation reads in one line: 中华人民共和国民法典 第五十四条. */
export const citationText = (citation: Citation): string => `${citation.lawTitle} ${citation.articleNo}`;

/** 1–5 everyday words per wording, each one word (no spaces inside). */
export const MAX_EVERYDAY_WORDS = 5;
export const MAX_EVERYDAY_WORD_LENGTH = 20;
export const MAX_LEGAL_LENGTH = 50;

/** Full-width to half-width, lower case: how questions and wordings are compared. */
const comparable = (text: string) => text.normalize("NFKC").toLowerCase();

/**
 * Does a question use a wording? Every one of its everyday words must occur in the
 * question (as text, not as a segmented token: 不发工资 is found in 老板一直不发工资,
 * whatever jieba makes of it).
 */
export function isWordingUsed(question: string, everyday: readonly string[]): boolean {
  const text = comparable(question);
  return everyday.length > 0 && everyday.every((word) => text.includes(comparable(word)));
}

/** The wordings a question uses, in the order given. */
export function wordingsUsed<W extends { everyday: readonly string[] }>(question: string, wordings: readonly W[]): W[] {
  return wordings.filter((wording) => isWordingUsed(question, wording.everyday));
}
