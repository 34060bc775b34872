import { pgTable, text, smallint, timestamp } from "drizzle-orm/pg-core";

export const regions = pgTable("regions", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  level: text("level").$type<import("./region-rules.ts").RegionLevel>().notNull(),
  parentCode: text("parent_code"),
  path: text("path").notNull(),
  depth: smallint("depth").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type RegionRow = typeof regions.$inferSelect;
