import { request } from '../../app/api';

// The public law search and reader (issue 9, /work/notes/issue9-contract.md): typed from the
// contract's shapes. Public routes, no sign-in: a 401 never sends anyone to the staff login.
const open = { isAuthProbe: true } as const;

/** 法律 … 案例: the level of a law, regulation, interpretation or published case. */
export const LAW_LEVELS = [
  'constitution',
  'law',
  'administrative_regulation',
  'judicial_interpretation',
  'departmental_rule',
  'local_regulation',
  'case',
  'other',
] as const;
export type LawLevel = (typeof LAW_LEVELS)[number];

/** What a search result is: an article of a law, a case (published or a staff explainer), an FAQ entry. */
export const RESULT_TYPES = ['article', 'case', 'faq'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** A piece of a snippet: the words matched are marked by the server, never sent as HTML. */
export type SnippetPart = { text: string; isMatch: boolean };

export type SearchResult = {
  type: ResultType;
  /** Articles and published cases: the law and the article's place in it (null for FAQ entries and case explainers). */
  lawId: string | null;
  /** The law's full title (中华人民共和国民法典); empty for FAQ entries. */
  lawTitle: string;
  /** As the law writes it (第五十四条). */
  articleNo: string;
  anchor: string;
  /** FAQ entries and case explainers. */
  entryId: string | null;
  title: string | null;
  text: string;
  snippet: SnippetPart[];
  score: number;
  level: LawLevel | null;
  category: string | null;
  isCurrent: boolean;
  publishedOn: string | null;
  /** 第二章 自然人 / 第四节 个体工商户和农村承包经营户 */
  headingPath: string;
};

/** `part`: the 编 of a code published in parts (民法典's 总则, 婚姻家庭编 …). */
export type LawRef = { id: string; title: string; part: string | null; level: LawLevel; isCurrent: boolean; publishedOn: string | null };

/** Everyday words in the question read as a legal term (老板不发工资 → 拖欠劳动报酬). */
export type Rewrite = { everyday: string[]; legal: string };

export type SearchAnswer = {
  results: SearchResult[];
  laws: LawRef[];
  total: number;
  tookMs: number;
  terms: string[];
  rewrites: Rewrite[];
};

export type SearchQuery = {
  q: string;
  limit?: number;
  offset?: number;
  /** Comma-separated in the query string. */
  types?: readonly ResultType[];
  level?: LawLevel;
  category?: string;
  /** The server's default is true. */
  currentOnly?: boolean;
  regionCode?: string;
};

export function searchLaws({ types, ...query }: SearchQuery, signal?: AbortSignal) {
  return request<SearchAnswer>('GET', '/laws/search', {
    ...open,
    signal,
    query: { ...query, types: types && types.length > 0 ? types.join(',') : undefined },
  });
}

export type LawListItem = {
  id: string;
  title: string;
  shortTitle: string;
  part: string | null;
  level: LawLevel;
  category: string;
  regionCode: string | null;
  publishedOn: string | null;
  isCurrent: boolean;
  articleCount: number;
};

export type LawListQuery = { q?: string; level?: LawLevel; category?: string; currentOnly?: boolean; offset?: number; limit?: number };

export const listLaws = (query: LawListQuery, signal?: AbortSignal) =>
  request<{ items: LawListItem[]; total: number }>('GET', '/laws', { ...open, signal, query });

/** 编, 章, 节 … as headings of levels 1, 2, 3 …; `anchor` is the id of the heading in the reader. */
export type TocEntry = { level: number; title: string; anchor: string };
export type LawArticle = { articleNo: string; anchor: string; headingPath: string; text: string };
export type LawVersion = { id: string; title: string; part: string | null; publishedOn: string | null; isCurrent: boolean };

export type Law = {
  id: string;
  title: string;
  shortTitle: string;
  part: string | null;
  level: LawLevel;
  category: string;
  regionCode: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  isCurrent: boolean;
  /** The dated lines under the title (2020年5月28日第十三届全国人民代表大会第三次会议通过 …). */
  history: string[];
  toc: TocEntry[];
  articles: LawArticle[];
  /** Every version of this law, this one included. */
  versions: LawVersion[];
};

export const getLaw = (id: string, signal?: AbortSignal) =>
  request<Law>('GET', `/laws/${encodeURIComponent(id)}`, { ...open, signal });

export type CitedArticle = { lawId: string; anchor: string; lawTitle: string; articleNo: string; text: string; isCurrent: boolean };

/** The current version's article a citation names (《title》articleNo); 404 when unknown. */
export const citeLaw = (title: string, articleNo: string, signal?: AbortSignal) =>
  request<CitedArticle>('GET', '/laws/cite', { ...open, signal, query: { title, articleNo } });

/** Where an article is read: the reader at its anchor (portal or workbench). */
export function readerHref(lawId: string, anchor?: string | null, base = '/laws'): string {
  return `${base}/${encodeURIComponent(lawId)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** A published FAQ entry or case explainer (以案释法) as the portal shows it: text paragraphs, never HTML. */
export type PublicEntry = {
  id: string;
  kind: 'faq' | 'case_explainer';
  title: string;
  paragraphs: string[];
  category: string | null;
  /** Each with the current law's id and the article's anchor where the law is imported. */
  citations: { lawTitle: string; articleNo: string; lawId: string | null; anchor: string | null }[];
  region: { code: string; name: string };
  publishedAt: string;
  updatedAt: string;
};

export const getPublicEntry = (id: string, signal?: AbortSignal) =>
  request<PublicEntry>('GET', `/public/knowledge/${encodeURIComponent(id)}`, { ...open, signal });

/** Where a FAQ entry or case explainer is read on the portal. */
export const entryHref = (id: string) => `/laws/entries/${encodeURIComponent(id)}`;
