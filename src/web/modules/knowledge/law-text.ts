import type { LawArticle, ResultType, TocEntry } from './laws-api';

/** 第五十四条, 第十条之一: an article that is cited by its number (law-anchors.ts on the server). */
const ARTICLE_NUMBER = /^第[^条\s]+条(?:之[^\s]+)?$/u;

export type CitationSource = { lawTitle: string; articleNo?: string | null };

/**
 * How a Chinese legal text cites an article: 《中华人民共和国民法典》第五十四条. A part that is
 * not a numbered article (a case's 基本案情, an amendment's item 一、) follows in brackets.
 */
export function citationOf({ lawTitle, articleNo }: CitationSource): string {
  const no = articleNo?.trim() ?? '';
  if (!no || no === '全文') return `《${lawTitle}》`;
  return ARTICLE_NUMBER.test(no) ? `《${lawTitle}》${no}` : `《${lawTitle}》（${no}）`;
}

/** The citation followed by the article's words, quoted: what "insert with text" and "copy" give. */
export function citationWithText(source: CitationSource & { text: string }): string {
  const text = source.text.trim();
  return text ? `${citationOf(source)}规定：“${text}”` : citationOf(source);
}

/**
 * `insertion` put into `value` in place of the selection [start, end) — at the caret when they
 * are equal — with a line break before it when it would otherwise run on from earlier text.
 * Returns the new value and where the caret goes (after the insertion).
 */
export function insertText(value: string, start: number, end: number, insertion: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  const before = value.slice(0, from);
  const joined = before && !/\s$/.test(before) && /^《/.test(insertion) && /[。！？]$/.test(before) ? `\n${insertion}` : insertion;
  return { value: before + joined + value.slice(to), caret: from + joined.length };
}

/** A block of the reader: a heading of the table of contents, or an article. */
export type ReaderBlock =
  | { kind: 'heading'; level: number; title: string; id: string }
  | { kind: 'article'; article: LawArticle };

/** The id of the reader's heading for the table of contents' `index`th entry (its link's target). */
export const headingId = (index: number) => `toc-${index + 1}`;

/**
 * The law's text in reading order: each heading of the table of contents just before the first
 * article under it (the entry's anchor); a heading over no article (an empty 节) at the end.
 */
export function readerBlocks(toc: readonly TocEntry[], articles: readonly LawArticle[]): ReaderBlock[] {
  const headingsAt = new Map<string, ReaderBlock[]>();
  const trailing: ReaderBlock[] = [];
  const anchors = new Set(articles.map((a) => a.anchor));
  toc.forEach((entry, index) => {
    const block: ReaderBlock = { kind: 'heading', level: entry.level, title: entry.title, id: headingId(index) };
    if (entry.anchor && anchors.has(entry.anchor)) {
      const list = headingsAt.get(entry.anchor) ?? [];
      list.push(block);
      headingsAt.set(entry.anchor, list);
    } else {
      trailing.push(block);
    }
  });
  const blocks: ReaderBlock[] = [];
  for (const article of articles) {
    blocks.push(...(headingsAt.get(article.anchor) ?? []));
    headingsAt.delete(article.anchor);
    blocks.push({ kind: 'article', article });
  }
  return [...blocks, ...trailing];
}

/** The search page's state, kept in its address so a result list can be shared and reloaded. */
export type SearchState = {
  q: string;
  level?: string;
  /** Empty: every type. */
  types: ResultType[];
  /** The server's default; `?all=1` turns it off (expired and amended versions too). */
  currentOnly: boolean;
};

const TYPES: readonly ResultType[] = ['article', 'case', 'faq'];

export function searchStateOf(params: URLSearchParams): SearchState {
  const types = (params.get('types') ?? '')
    .split(',')
    .filter((t): t is ResultType => (TYPES as readonly string[]).includes(t));
  return {
    q: (params.get('q') ?? '').trim(),
    level: params.get('level') || undefined,
    types: [...new Set(types)],
    currentOnly: params.get('all') !== '1',
  };
}

export function searchParamsOf(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.level) params.set('level', state.level);
  if (state.types.length > 0 && state.types.length < TYPES.length) params.set('types', state.types.join(','));
  if (!state.currentOnly) params.set('all', '1');
  return params;
}

/** The fragment of an address as the anchor it names (#第五十四条 arrives percent-encoded). */
export function anchorOfHash(hash: string): string | undefined {
  if (!hash || hash === '#') return undefined;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}
