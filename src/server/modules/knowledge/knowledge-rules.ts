/**
 * FAQ entries, case explainers (以案释法) and the everyday-to-legal wording table:
 * the vocabulary, the publishing machine, and how a typed citation or an everyday
 * word is read. Pure and dependency-free: the web app imports this file too, so the
 * editor's citation picker reads "民法典 第54条" exactly as the server does.
 */

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

const DIGITS = "零一二三四五六七八九";

/**
 * An article number as the laws write it: 54 → 五十四, 110 → 一百一十, 1084 →
 * 一千零八十四 (10–19 alone are 十, 十一 …; inside a larger number 一十).
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`${n} is not an article number`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ""}`;
  const units: [number, string][] = [[1000, "千"], [100, "百"], [10, "十"], [1, ""]];
  let out = "";
  let isZeroPending = false;
  for (const [size, name] of units) {
    const digit = Math.floor(n / size) % 10;
    if (digit === 0) {
      if (out) isZeroPending = true;
      continue;
    }
    if (isZeroPending) out += "零";
    isZeroPending = false;
    out += DIGITS[digit] + name;
  }
  return out;
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 五十四 → 54, 一千零八十四 → 1084, 十一 → 11; null when it is not such a number. */
export function parseChineseNumber(text: string): number | null {
  if (!text || !/^[零〇一二两三四五六七八九十百千]+$/u.test(text)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[ch];
    } else {
      total += (digit ?? 1) * CHINESE_UNITS[ch];
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/**
 * An article number as typed (第54条, 54, 五十四, 第五十四条, 第十条之一, 第 54 条) in the
 * laws' own form (第五十四条). Anything else (an item label 一、, a case's section) is
 * returned trimmed, as written: it is matched as it stands.
 */
export function normalizeArticleNo(typed: string): string {
  const text = typed.normalize("NFKC").replace(/\s+/gu, "");
  const match = /^第?([0-9]+|[零〇一二两三四五六七八九十百千]+)条?(之[0-9一二三四五六七八九十]+)?$/u.exec(text);
  if (!match) return text;
  const value = /^[0-9]+$/.test(match[1]) ? Number(match[1]) : parseChineseNumber(match[1]);
  if (value === null || value < 1 || value > 9999) return text;
  // 之1 → 之一 as well.
  const suffix = match[2] ? `之${/^之[0-9]+$/.test(match[2]) ? chineseNumber(Number(match[2].slice(1))) : match[2].slice(1)}` : "";
  return `第${chineseNumber(value)}条${suffix}`;
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
