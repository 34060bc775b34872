import { boolean, customType, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A tsvector column: written with sql`to_tsvector('simple', …)`, read as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const LAW_LEVELS = [
  "constitution", "law", "administrative_regulation", "judicial_interpretation",
  "departmental_rule", "local_regulation", "case", "other",
] as const;
export type LawLevel = (typeof LAW_LEVELS)[number];

export type TocEntry = { level: number; title: string; anchor: string };
export type Citation = { lawTitle: string; articleNo: string };

/** One version of a law, regulation, interpretation or published case (migration 0024). */
export const laws = pgTable("laws", {
  id: uuid("id").primaryKey().defaultRandom(),
  sourceKey: text("source_key").notNull(),
  title: text("title").notNull(),
  shortTitle: text("short_title").notNull(),
  part: text("part"),
  versionGroup: text("version_group").notNull(),
  level: text("level").$type<LawLevel>().notNull(),
  category: text("category").notNull(),
  regionCode: text("region_code"),
  publishedOn: date("published_on"),
  effectiveOn: date("effective_on"),
  isExpired: boolean("is_expired").notNull(),
  isCurrent: boolean("is_current").notNull(),
  history: jsonb("history").$type<string[]>().notNull(),
  toc: jsonb("toc").$type<TocEntry[]>().notNull(),
  articleCount: integer("article_count").notNull(),
  contentHash: text("content_hash").notNull(),
  titleTokens: tsvector("title_tokens").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type LawRow = typeof laws.$inferSelect;

/** One article (or numbered item, or a case's section) of a law. */
export const lawArticles = pgTable("law_articles", {
  id: uuid("id").primaryKey().defaultRandom(),
  lawId: uuid("law_id").notNull(),
  ordinal: integer("ordinal").notNull(),
  articleNo: text("article_no").notNull(),
  headingPath: text("heading_path").notNull(),
  body: text("body").notNull(),
  tokens: tsvector("tokens").notNull(),
  lawTitle: text("law_title").notNull(),
  level: text("level").$type<LawLevel>().notNull(),
  category: text("category").notNull(),
  regionCode: text("region_code"),
  isCurrent: boolean("is_current").notNull(),
});
export type LawArticleRow = typeof lawArticles.$inferSelect;

/** The legal dictionary's own terms, loaded by the segmenter beside jieba's. */
export const legalTerms = pgTable("legal_terms", {
  term: text("term").primaryKey(),
  source: text("source").$type<"title" | "defined" | "staff">().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Everyday wording → the legal term a search adds (老板不发工资 → 拖欠劳动报酬). */
export const queryWordings = pgTable("query_wordings", {
  id: uuid("id").primaryKey().defaultRandom(),
  everyday: text("everyday").array().notNull(),
  legal: text("legal").notNull(),
  isActive: boolean("is_active").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type QueryWordingRow = typeof queryWordings.$inferSelect;

export type KnowledgeKind = "faq" | "case_explainer";
export type KnowledgeStatus = "draft" | "published" | "withdrawn";

/** FAQ entries and case explainers (以案释法) written by staff. */
export const knowledgeEntries = pgTable("knowledge_entries", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<KnowledgeKind>().notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  category: text("category"),
  citations: jsonb("citations").$type<Citation[]>().notNull(),
  status: text("status").$type<KnowledgeStatus>().notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  authorId: uuid("author_id"),
  tokens: tsvector("tokens").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type KnowledgeEntryRow = typeof knowledgeEntries.$inferSelect;

/** The keys of the shipped starter wordings already put in place once (migration 0025). */
export const queryWordingsShipped = pgTable("query_wordings_shipped", {
  key: text("key").primaryKey(),
  shippedAt: timestamp("shipped_at", { withTimezone: true }).notNull(),
});
