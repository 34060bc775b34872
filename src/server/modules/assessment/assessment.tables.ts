import { pgTable, text, uuid, jsonb, numeric, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { Indicator } from "./indicators.ts";
import type { BulletinContent } from "./assessment.types.ts";
import type { BulletinState } from "./bulletin.state.ts";

/** One indicator set per region (migration 0042); children use the nearest ancestor's. */
export const assessmentIndicatorSets = pgTable("assessment_indicator_sets", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  indicators: jsonb("indicators").$type<Indicator[]>().notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** 第三方评估 scores per venue and period (migration 0042). */
export const assessmentExternalScores = pgTable(
  "assessment_external_scores",
  {
    venueId: uuid("venue_id").notNull(),
    period: text("period").notNull(),
    regionPath: text("region_path").notNull(),
    score: numeric("score", { precision: 5, scale: 2, mode: "number" }).notNull(),
    evaluator: text("evaluator").notNull(),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.period] })],
);

/** 通报 (migration 0042). */
export const assessmentBulletins = pgTable("assessment_bulletins", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  period: text("period").notNull(),
  title: text("title").notNull(),
  state: text("state").$type<BulletinState>().notNull(),
  content: jsonb("content").$type<BulletinContent>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  reviewedBy: uuid("reviewed_by"),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  publishedBy: uuid("published_by"),
  publishedAt: timestamp("published_at", { withTimezone: true }),
});
