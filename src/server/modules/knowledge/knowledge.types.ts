import { Type, type Static } from "@sinclair/typebox";
import { LAW_LEVELS } from "./knowledge.tables.ts";

const Level = Type.Union(LAW_LEVELS.map((l) => Type.Literal(l)));
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** GET /api/laws/search */
export const LawSearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500, description: "The question or words, in everyday language" }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 0 })),
  types: Type.Optional(Type.String({ pattern: "^(article|case|faq)(,(article|case|faq))*$", description: "Comma-separated: article, case, faq (default all)" })),
  level: Type.Optional(Level),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  currentOnly: Type.Optional(Type.Boolean({ default: true, description: "Leave out expired versions" })),
  regionCode: Type.Optional(Type.String({ pattern: "^\\d{6}(\\d{3}(\\d{3})?)?$", description: "The visitor's region: other provinces' local regulations are left out" })),
});
export type LawSearchQuery = Static<typeof LawSearchQuerySchema>;

const SnippetPart = Type.Object({ text: Type.String(), isMatch: Type.Boolean() });

export const SearchResultSchema = Type.Object({
  type: Type.Union([Type.Literal("article"), Type.Literal("case"), Type.Literal("faq")]),
  lawId: Nullable(Type.String()),
  lawTitle: Type.String({ description: "The law's full title (中华人民共和国民法典); empty for FAQ entries" }),
  articleNo: Type.String({ description: "As the law writes it (第五十四条)" }),
  anchor: Type.String({ description: "The fragment of the article in the law reader" }),
  text: Type.String(),
  snippet: Type.Array(SnippetPart),
  score: Type.Number(),
  level: Type.Union([Level, Type.Null()]),
  category: Nullable(Type.String()),
  isCurrent: Type.Boolean(),
  publishedOn: Nullable(Type.String()),
  headingPath: Type.String(),
  entryId: Nullable(Type.String()),
  title: Nullable(Type.String()),
});

export const LawSearchResponseSchema = Type.Object({
  results: Type.Array(SearchResultSchema),
  laws: Type.Array(
    Type.Object({ id: Type.String(), title: Type.String(), part: Nullable(Type.String()), level: Level, isCurrent: Type.Boolean(), publishedOn: Nullable(Type.String()) }),
  ),
  total: Type.Integer(),
  tookMs: Type.Integer(),
  terms: Type.Array(Type.String()),
  rewrites: Type.Array(Type.Object({ everyday: Type.Array(Type.String()), legal: Type.String() })),
});

/** GET /api/laws */
export const LawListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  level: Type.Optional(Level),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  currentOnly: Type.Optional(Type.Boolean({ default: true })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const LawSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  shortTitle: Type.String(),
  part: Nullable(Type.String()),
  level: Level,
  category: Type.String(),
  regionCode: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  isCurrent: Type.Boolean(),
  articleCount: Type.Integer(),
});
export const LawListSchema = Type.Object({ items: Type.Array(LawSummarySchema), total: Type.Integer() });

export const LawDetailSchema = Type.Composite([
  LawSummarySchema,
  Type.Object({
    effectiveOn: Nullable(Type.String()),
    history: Type.Array(Type.String()),
    toc: Type.Array(Type.Object({ level: Type.Integer(), title: Type.String(), anchor: Type.String() })),
    articles: Type.Array(Type.Object({ articleNo: Type.String(), anchor: Type.String(), headingPath: Type.String(), text: Type.String() })),
    versions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), part: Nullable(Type.String()), publishedOn: Nullable(Type.String()), isCurrent: Type.Boolean() })),
  }),
]);

/** GET /api/laws/cite */
export const CiteQuerySchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200, description: "Full or short title: 中华人民共和国民法典, 民法典" }),
  articleNo: Type.String({ minLength: 1, maxLength: 30, description: "第五十四条 or 第54条" }),
});
export const CitedArticleSchema = Type.Object({
  lawId: Type.String(),
  lawTitle: Type.String(),
  articleNo: Type.String(),
  anchor: Type.String(),
  text: Type.String(),
  isCurrent: Type.Boolean(),
});
