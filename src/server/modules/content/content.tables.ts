import { pgTable, text, uuid, integer, timestamp } from "drizzle-orm/pg-core";
import type { ArticleCategory, ArticleKind, ArticleStatus } from "./content-rules.ts";

/** 普法文章与公告 (migration 0019). */
export const articles = pgTable("articles", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<ArticleKind>().notNull(),
  category: text("category").$type<ArticleCategory>().notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  body: text("body").notNull(),
  status: text("status").$type<ArticleStatus>().notNull().default("draft"),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  authorId: uuid("author_id"),
  coverKey: text("cover_key"),
  coverMediaType: text("cover_media_type").$type<"image/jpeg" | "image/png">(),
  coverSize: integer("cover_size"),
  coverSha256: text("cover_sha256"),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type ArticleRow = typeof articles.$inferSelect;
