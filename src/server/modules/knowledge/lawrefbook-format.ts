/**
 * The LawRefBook Markdown format (../shared/data/README.md, 法律法规模版.md), read
 * without a database: `# 标题` (民法典's parts have a second `#` naming the 编),
 * dated history lines, `<!-- INFO END -->`, `##`/`###` headings for 编/章/节, and
 * articles that start a paragraph with 第X条 (or 第X条之一). Amending decisions and
 * some interpretations number their items 一、 or 1. instead; published cases are
 * split at their `##` sections (基本案情, 裁判结果 …).
 */

/**
 * Bump when the parser reads a file differently: the importer's content hash
 * includes it, so the next import re-parses every law instead of skipping it as unchanged.
 */
export const FORMAT_VERSION = 2;

export type ParsedArticle = {
  /** As the text writes it: 第五十四条, 第一百二十条之一, 一、, 1., or a case's section title. */
  articleNo: string;
  /** The headings above it, outermost first. */
  headings: string[];
  body: string;
};

export type ParsedHeading = { level: number; title: string; firstArticle: number };

export type ParsedLaw = {
  title: string;
  /** 民法典's 编 (总则, 合同编 …): each is a file of its own. */
  part: string | null;
  history: string[];
  headings: ParsedHeading[];
  articles: ParsedArticle[];
  /**
   * articles: 第X条; items: 一、/1.; sections: a case's (or a standard's) `##` parts;
   * whole: a short reply (批复) with no numbered part, indexed as one passage (全文).
   */
  numbering: Numbering;
};

export type Numbering = "articles" | "items" | "sections" | "whole";

export class LawFormatError extends Error {}

const CN_DIGIT = "零〇一二三四五六七八九十百千两";
const ARTICLE_START = new RegExp(`^(第[${CN_DIGIT}0-9]+条(?:之[${CN_DIGIT}]+)?)(?:[\\s\\u3000]+|(?=[^\\s\\u3000，。、：]))`, "u");
const CN_ITEM_START = new RegExp(`^([${CN_DIGIT}]+)、`, "u");
const ARABIC_ITEM_START = /^(\d{1,3})[.．、](?!\d)/u;

/** 一百二十三 → 123 (also 〇/零, 两, and Arabic digits); null when it is not a numeral. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of text) {
    if (ch in digits) {
      current = digits[ch];
      seen = true;
    } else if (ch in units) {
      total += (current || 1) * units[ch];
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

/**
 * The number of an article for lookups ("第54条" in a query): 第五十四条 → 54,
 * 第一百二十条之一 → 120.1; null for items and sections.
 */
export function articleNumber(articleNo: string): number | null {
  const match = /^第([^条]+)条(?:之(.+))?$/u.exec(articleNo);
  if (!match) return null;
  const main = chineseNumber(match[1]);
  if (main === null) return null;
  const sub = match[2] ? chineseNumber(match[2]) : null;
  return sub ? main + sub / 10 : main;
}

/** 第54条 / 第五十四条 → 第五十四条 (the law's own writing). */
export function toChineseArticleNo(n: number): string {
  const digits = "零一二三四五六七八九";
  const parts: string[] = [];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  if (thousands) parts.push(digits[thousands] + "千");
  if (hundreds) parts.push(digits[hundreds] + "百");
  else if (thousands && (tens || ones)) parts.push("零");
  if (tens) parts.push((tens === 1 && !thousands && !hundreds ? "" : digits[tens]) + "十");
  else if (hundreds && ones) parts.push("零");
  if (ones) parts.push(digits[ones]);
  return `第${parts.join("") || "零"}条`;
}

/** The date in a LawRefBook file name: 公司法(2023-12-29).md → 2023-12-29. */
export function fileNameDate(fileName: string): string | null {
  const match = /\((\d{4}-\d{2}-\d{2})\)\.md$/u.exec(fileName);
  return match ? match[1] : null;
}

/** The name in a file name without date and extension. */
export function fileNameTitle(fileName: string): string {
  return fileName.replace(/\.md$/u, "").replace(/\(\d{4}-\d{2}-\d{2}\)$/u, "").trim();
}

// Zero-width spaces and joiners: some files (公司法 2023, 民事诉讼法 2023) hold lines of nothing
// but U+200B, which trim() keeps and which would otherwise end up as empty lines in article bodies.
const stripComments = (line: string) => line.replace(/<!--.*?-->/gu, "").replace(/[\u200B-\u200D\u2060\uFEFF]/gu, "").trim();
const normalizeSpaces = (text: string) => text.replace(/[\s\u3000]+/gu, " ").trim();

/**
 * Parses one file. Throws LawFormatError with the reason when there is no title or
 * no article, item or section to index.
 */
export function parseLawRefBook(source: string, options: { isCase?: boolean } = {}): ParsedLaw {
  const first = parseAs(source, options.isCase ? "sections" : null);
  if (first.articles.length) return first;
  // Nothing numbered: a text with `##` parts is split at them, a short one is one passage.
  const fallback = parseAs(source, first.headings.length ? "sections" : "whole");
  if (fallback.articles.length) return fallback;
  throw new LawFormatError("no text after the title and history lines");
}

function parseAs(source: string, forced: Numbering | null): ParsedLaw {
  let text = source.replace(/^\uFEFF/u, "").replace(/\r\n?/gu, "\n");
  // Front matter (bookHidden and the like).
  if (text.startsWith("---\n")) {
    const end = text.indexOf("\n---", 4);
    if (end > 0) text = text.slice(text.indexOf("\n", end + 1) + 1);
  }
  const lines = text.split("\n");
  let index = 0;
  const titles: string[] = [];
  const history: string[] = [];
  const infoEnd = lines.findIndex((line) => line.includes("<!-- INFO END -->"));
  // The head: `#` titles and history lines, up to INFO END (or the first heading/article without one).
  for (; index < lines.length; index++) {
    const raw = lines[index];
    if (infoEnd >= 0 && index === infoEnd) {
      index++;
      break;
    }
    const line = stripComments(raw);
    if (!line) continue;
    if (/^#\s/u.test(line) && titles.length < 2 && (infoEnd >= 0 || history.length === 0)) {
      titles.push(normalizeSpaces(line.replace(/^#\s+/u, "")));
      continue;
    }
    if (infoEnd < 0 && (/^#{2,}\s/u.test(line) || ARTICLE_START.test(line) || titles.length > 0)) break;
    history.push(normalizeSpaces(line));
  }
  if (!titles.length) throw new LawFormatError("no `# title` line");

  type Paragraph = { kind: "heading"; level: number; title: string } | { kind: "text"; text: string };
  const paragraphs: Paragraph[] = [];
  for (; index < lines.length; index++) {
    const line = stripComments(lines[index]);
    if (!line) continue;
    const heading = /^(#{1,6})\s+(.*)$/u.exec(line);
    if (heading) {
      const title = normalizeSpaces(heading[2]);
      if (title) paragraphs.push({ kind: "heading", level: heading[1].length - 1, title });
      continue;
    }
    paragraphs.push({ kind: "text", text: line.replace(/^[\s\u3000]+/u, "") });
  }

  const numbering: Numbering = forced
    ? forced
    : paragraphs.some((p) => p.kind === "text" && ARTICLE_START.test(p.text)) && !startsWithItems(paragraphs)
      ? "articles"
      : "items";
  const headings: ParsedHeading[] = [];
  const articles: ParsedArticle[] = [];
  const stack: { level: number; title: string }[] = [];
  let current: ParsedArticle | null = null;
  let preamble: string[] = [];
  const startOf = (p: string): { no: string; rest: string } | null => {
    if (numbering === "articles") {
      const match = ARTICLE_START.exec(p);
      return match ? { no: match[1], rest: p.slice(match[0].length).trim() } : null;
    }
    if (numbering === "items") {
      const match = CN_ITEM_START.exec(p) ?? ARABIC_ITEM_START.exec(p);
      return match ? { no: match[0].trim(), rest: p.slice(match[0].length).trim() } : null;
    }
    return null;
  };
  for (const p of paragraphs) {
    if (p.kind === "heading") {
      while (stack.length && stack[stack.length - 1].level >= p.level) stack.pop();
      stack.push({ level: p.level, title: p.title });
      if (numbering === "sections") {
        current = { articleNo: p.title, headings: [], body: "" };
        articles.push(current);
      } else {
        headings.push({ level: p.level, title: p.title, firstArticle: articles.length });
        current = null;
      }
      continue;
    }
    const start = startOf(p.text);
    if (start) {
      current = { articleNo: start.no, headings: stack.map((h) => h.title), body: start.rest };
      articles.push(current);
    } else if (current) {
      current.body = current.body ? `${current.body}\n${p.text}` : p.text;
    } else if (numbering === "sections" && !articles.length) {
      preamble.push(p.text);
    } else if (!articles.length) {
      preamble.push(p.text);
    } else {
      // Text after a heading and before the next article (a 节's note): kept with the heading's article-less part.
      preamble.push(p.text);
    }
  }
  if (numbering === "whole" && preamble.length) {
    articles.push({ articleNo: "全文", headings: [], body: preamble.join("\n") });
    preamble = [];
  }
  if (numbering === "sections" && preamble.length) {
    articles.unshift({ articleNo: "案情", headings: [], body: preamble.join("\n") });
    for (const h of headings) h.firstArticle++;
    preamble = [];
  }
  const indexed = articles.filter((a) => a.body.trim().length > 0);
  return {
    title: titles[0],
    part: titles.length > 1 ? titles[1] : null,
    history,
    headings,
    articles: indexed,
    numbering,
  };
}

/** An amending decision's items (一、将第X条修改为……) come before any 第X条 paragraph it quotes. */
function startsWithItems(paragraphs: ({ kind: "heading" } | { kind: "text"; text: string })[]): boolean {
  for (const p of paragraphs) {
    if (p.kind !== "text") continue;
    if (ARTICLE_START.test(p.text)) return false;
    if (CN_ITEM_START.test(p.text)) return true;
  }
  return false;
}

/** 中华人民共和国民法典 → 民法典; other titles as they are. */
export function shortTitle(title: string): string {
  return title.replace(/^中华人民共和国/u, "") || title;
}
