import { readFileSync } from "node:fs";
import { LAW_LEVELS, type LawLevel } from "../knowledge.tables.ts";
import { LawFormatError, parseLawRefBook, type Numbering, type ParsedArticle, type ParsedHeading, type ParsedLaw } from "../lawrefbook-format.ts";
import { historyDate, type ImportProblem, type LawSource } from "./import-laws.ts";

/**
 * The JSONL import format (docs/laws.md, "JSONL"): one law per line, for sources
 * other than LawRefBook.
 *
 *   {"id":"…","title":"…","level":"law","category":"…","publishedOn":"YYYY-MM-DD",
 *    "effectiveOn":"YYYY-MM-DD","isExpired":false,"regionCode":null,"part":null,
 *    "history":["…"],"articles":[{"articleNo":"第一条","body":"…","headings":["第一章 总则"]}]}
 *
 * or, instead of `articles`, `"markdown":"…"` holding the text in the LawRefBook
 * format. `id` is the source's own identifier: the law is stored under
 * `jsonl:<id>`, so importing the file again updates it instead of adding a copy.
 */
export type LawJsonLine = {
  id: string;
  title: string;
  level: LawLevel;
  category?: string;
  part?: string | null;
  publishedOn?: string | null;
  effectiveOn?: string | null;
  isExpired?: boolean;
  regionCode?: string | null;
  history?: string[];
  articles?: { articleNo: string; body: string; headings?: string[] }[];
  markdown?: string;
};

const KNOWN_FIELDS = new Set([
  "id", "title", "level", "category", "part", "publishedOn", "effectiveOn", "isExpired", "regionCode", "history", "articles", "markdown",
]);

/** Why a line cannot be imported; the message names the field. */
class LineError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function text(line: Record<string, unknown>, name: string, options: { isRequired: boolean; max: number }, prefix = ""): string | null {
  const value = line[name];
  const field = `${prefix}${name}`;
  if (value === undefined || value === null) {
    if (options.isRequired) throw new LineError(`${field}: required`);
    return null;
  }
  if (typeof value !== "string") throw new LineError(`${field}: must be a string`);
  const trimmed = value.trim();
  if (!trimmed) {
    if (options.isRequired) throw new LineError(`${field}: must not be empty`);
    return null;
  }
  if (trimmed.length > options.max) throw new LineError(`${field}: longer than ${options.max} characters`);
  return trimmed;
}

function dateField(line: Record<string, unknown>, field: string): string | null {
  const value = text(line, field, { isRequired: false, max: 10 });
  if (value === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new LineError(`${field}: not a date YYYY-MM-DD: ${JSON.stringify(value)}`);
  return value;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new LineError(`${field}: must be a list of strings`);
  return value.map((item, k) => {
    if (typeof item !== "string") throw new LineError(`${field}[${k}]: must be a string`);
    return item.trim();
  }).filter(Boolean);
}

/** Heading entries for the table of contents, from each article's heading path. */
function headingsOf(articles: ParsedArticle[]): ParsedHeading[] {
  const headings: ParsedHeading[] = [];
  let path: string[] = [];
  articles.forEach((article, index) => {
    let same = 0;
    while (same < path.length && same < article.headings.length && path[same] === article.headings[same]) same++;
    for (let level = same; level < article.headings.length; level++) headings.push({ level: level + 1, title: article.headings[level], firstArticle: index });
    path = article.headings;
  });
  return headings;
}

function parseArticles(value: unknown, isCase: boolean, notes: string[]): { articles: ParsedArticle[]; numbering: Numbering } {
  if (!Array.isArray(value)) throw new LineError("articles: must be a list");
  const unknown = new Set<string>();
  if (!value.length) throw new LineError("articles: empty");
  const articles = value.map((item, k): ParsedArticle => {
    if (!isRecord(item)) throw new LineError(`articles[${k}]: must be an object`);
    const articleNo = text(item, "articleNo", { isRequired: true, max: 100 }, `articles[${k}].`);
    const body = typeof item.body === "string" ? item.body.replace(/\r\n?/gu, "\n").trim() : null;
    if (item.body === undefined || item.body === null) throw new LineError(`articles[${k}].body: required`);
    if (body === null) throw new LineError(`articles[${k}].body: must be a string`);
    if (!body) throw new LineError(`articles[${k}].body: must not be empty`);
    const headings = item.headings === undefined || item.headings === null ? [] : stringList(item.headings, `articles[${k}].headings`);
    for (const field of Object.keys(item)) if (!["articleNo", "body", "headings"].includes(field)) unknown.add(field);
    return { articleNo: articleNo!, headings, body };
  });
  if (unknown.size) notes.push(`ignored unknown article field(s): ${[...unknown].join(", ")}`);
  const numbering: Numbering = isCase ? "sections" : articles.some((a) => /^第[^条]+条/u.test(a.articleNo)) ? "articles" : "items";
  return { articles, numbering };
}

/** One line as a law source; throws LineError naming the field that is wrong. */
function parseLine(raw: string): { source: LawSource; notes: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new LineError(`not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new LineError("not a JSON object");
  const notes: string[] = [];
  const unknown = Object.keys(value).filter((field) => !KNOWN_FIELDS.has(field));
  if (unknown.length) notes.push(`ignored unknown field(s): ${unknown.join(", ")}`);
  const id = text(value, "id", { isRequired: true, max: 200 })!;
  const title = text(value, "title", { isRequired: true, max: 500 })!;
  const levelText = text(value, "level", { isRequired: true, max: 50 })!;
  if (!(LAW_LEVELS as readonly string[]).includes(levelText)) throw new LineError(`level: must be one of ${LAW_LEVELS.join(", ")}; got ${JSON.stringify(levelText)}`);
  const level = levelText as LawLevel;
  const category = text(value, "category", { isRequired: false, max: 100 }) ?? "其他";
  const part = text(value, "part", { isRequired: false, max: 100 });
  const publishedOn = dateField(value, "publishedOn");
  const effectiveOn = dateField(value, "effectiveOn");
  if (value.isExpired !== undefined && value.isExpired !== null && typeof value.isExpired !== "boolean") throw new LineError("isExpired: must be true or false");
  const isExpired = value.isExpired === true;
  const regionCode = text(value, "regionCode", { isRequired: false, max: 12 });
  if (regionCode !== null && !/^\d{2,12}$/u.test(regionCode)) throw new LineError(`regionCode: must be a region code (2 to 12 digits); got ${JSON.stringify(regionCode)}`);
  const history = value.history === undefined || value.history === null ? null : stringList(value.history, "history");
  const hasArticles = value.articles !== undefined && value.articles !== null;
  const hasMarkdown = value.markdown !== undefined && value.markdown !== null;
  if (hasArticles === hasMarkdown) throw new LineError(hasArticles ? "articles and markdown: give one of them, not both" : "articles: required (or markdown)");
  const isCase = level === "case";
  let parsed: ParsedLaw;
  if (hasArticles) {
    const { articles, numbering } = parseArticles(value.articles, isCase, notes);
    parsed = { title, part, history: history ?? [], headings: headingsOf(articles), articles, numbering };
  } else {
    if (typeof value.markdown !== "string") throw new LineError("markdown: must be a string");
    // A text without its own `# title` line gets the line's title.
    const markdown = /^#\s/mu.test(value.markdown) ? value.markdown : `# ${title}\n\n${value.markdown}`;
    let fromText: ParsedLaw;
    try {
      fromText = parseLawRefBook(markdown, { isCase });
    } catch (error) {
      if (error instanceof LawFormatError) throw new LineError(`markdown: ${error.message}`);
      throw error;
    }
    parsed = { ...fromText, title, part: part ?? fromText.part, history: history ?? fromText.history };
    if (parsed.numbering === "whole") notes.push("no numbered article: indexed as one passage (全文)");
    if (parsed.numbering === "sections" && !isCase) notes.push("no numbered article: indexed by its sections");
  }
  return {
    source: {
      sourceKey: `jsonl:${id}`,
      origin: "",
      parsed,
      level,
      category,
      regionCode,
      publishedOn: publishedOn ?? historyDate(parsed.history, /公布|通过|发布/u),
      effectiveOn: effectiveOn ?? historyDate(parsed.history, /施行/u),
      isExpired,
      raw,
    },
    notes,
  };
}

/**
 * Reads JSONL text into law sources (no database). A bad line is reported with
 * its number and the field that is wrong, and the other lines are still read.
 */
export function parseLawJsonl(content: string, name = "jsonl"): { sources: LawSource[]; failed: ImportProblem[]; notes: ImportProblem[]; files: number } {
  const sources: LawSource[] = [];
  const failed: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const lineOfId = new Map<string, number>();
  let lines = 0;
  content.replace(/^\uFEFF/u, "").split("\n").forEach((rawLine, index) => {
    const raw = rawLine.replace(/\r$/u, "");
    if (!raw.trim()) return;
    lines++;
    const origin = `${name}:${index + 1}`;
    try {
      const { source, notes: lineNotes } = parseLine(raw);
      const seen = lineOfId.get(source.sourceKey);
      if (seen !== undefined) throw new LineError(`id: ${JSON.stringify(source.sourceKey.slice("jsonl:".length))} is already on line ${seen}`);
      lineOfId.set(source.sourceKey, index + 1);
      sources.push({ ...source, origin });
      for (const reason of lineNotes) notes.push({ origin, reason });
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      failed.push({ origin, reason: error.message });
    }
  });
  return { sources, failed, notes, files: lines };
}

/** Reads a JSONL file (see LawJsonLine); problems are reported as `file:line`. */
export function readLawJsonl(file: string): { sources: LawSource[]; failed: ImportProblem[]; notes: ImportProblem[]; files: number } {
  return parseLawJsonl(readFileSync(file, "utf8"), file);
}
