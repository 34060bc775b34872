import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

/**
 * Chinese word segmentation for law search: jieba's own dictionary plus the legal
 * dictionary (legal-dictionary.txt, built from the corpus: law titles and the terms
 * the laws define, and the legal_terms table's additions). Documents and queries go
 * through the same `segment`, so a word the index holds is a word a query can
 * produce. Bump SEGMENTER_VERSION when the rules or the shipped dictionary change:
 * the importer then re-segments every law on its next run (content_hash includes it).
 */
export const SEGMENTER_VERSION = 2;

const require = createRequire(import.meta.url);
const DICTIONARY_FILE = new URL("./legal-dictionary.txt", import.meta.url);

/**
 * Words that carry no meaning for search (function words, question words). They are
 * dropped from documents and queries alike; a query made only of them finds nothing.
 */
export const STOPWORDS = new Set(
  (
    "的 地 得 了 着 过 是 在 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 如果 因为 所以 就 也 都 还 又 再 " +
    "吗 呢 吧 啊 呀 嘛 么 哦 哪 哪些 哪个 什么 怎么 怎么办 怎样 怎么样 如何 为什么 为何 是否 能否 可否 " +
    "我 你 他 她 它 我们 你们 他们 她们 自己 这 那 这个 那个 这些 那些 这样 那样 该 其 之 " +
    "个 一 一个 有 没有 没 不 会 能 可以 可 要 想 请问 请 问 问题 时候 情况 现在 已经 " +
    "对 对于 把 被 给 让 向 从 到 为 以 于 由 将 所 等 等等 " +
    "谁 不会 会不会 能不能 可不可以 是不是 有没有 还是 多少 多久 几 算 咋 咋办 啥 呗 么样 "
  )
    .trim()
    .split(/\s+/),
);

let instance: Jieba | null = null;
const extraTerms = new Set<string>();

/** The shared tokenizer; jieba's dictionary loads once (about 0.2 s), on first use. */
function jieba(): Jieba {
  if (instance) return instance;
  const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };
  const created = Jieba.withDict(dict);
  created.loadDict(readFileSync(DICTIONARY_FILE));
  if (extraTerms.size) created.loadDict(Buffer.from(dictionaryLines([...extraTerms])));
  instance = created;
  return created;
}

/** Lines of a jieba user dictionary: a high frequency, so a legal term is kept whole. */
export function dictionaryLines(terms: Iterable<string>): string {
  let out = "";
  for (const term of terms) if (isDictionaryTerm(term)) out += `${term} 200000 n\n`;
  return out;
}

/** A term the dictionary can hold: 2–30 characters, no spaces. */
export function isDictionaryTerm(term: string): boolean {
  return term.length >= 2 && term.length <= 30 && !/\s/.test(term);
}

/**
 * Adds terms (from legal_terms) to the dictionary. Segmenting the same text can
 * give other tokens afterwards, so the importer adds terms before it segments.
 */
export function addLegalTerms(terms: Iterable<string>): void {
  const fresh = [...terms].filter((term) => isDictionaryTerm(term) && !extraTerms.has(term));
  for (const term of fresh) extraTerms.add(term);
  if (instance && fresh.length) instance.loadDict(Buffer.from(dictionaryLines(fresh)));
}

const WORD = /[\p{L}\p{N}]/u;

/** Full-width letters and digits to half-width, lower case. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * The search tokens of a text: jieba's search mode (a long word and the words inside
 * it, 劳动合同法 → 劳动 合同 合同法 劳动合同法), without punctuation and stopwords.
 */
export function segment(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of jieba().cutForSearch(normalizeText(text), true)) {
    const token = raw.trim();
    if (!token || !WORD.test(token) || STOPWORDS.has(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/**
 * The text PostgreSQL indexes: the tokens separated by spaces, for
 * to_tsvector('simple', …), which then only splits on the spaces. Tokens are
 * stripped of characters the 'simple' parser would split on, so one jieba word
 * stays one lexeme.
 */
export function indexText(text: string): string {
  return segment(text).map(lexeme).filter(Boolean).join(" ");
}

/** A token as one tsvector lexeme: letters, digits and marks only. */
export function lexeme(token: string): string {
  return token.replace(/[^\p{L}\p{N}\p{M}]/gu, "");
}
