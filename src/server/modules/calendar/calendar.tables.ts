import { pgTable, text, jsonb, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { HolidayYear } from "./working-calendar.ts";

/** Working-day calendar: one row per year, the State Council's arrangement for the whole nation (migration 0002). */
export const holidayYears = pgTable("holiday_years", {
  year: text("year").primaryKey(),
  data: jsonb("data").$type<HolidayYear>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * A region node's own additions to a year (migration 0009): rest days and 调休
 * working days that apply to the node and every node below it.
 */
export const regionalHolidays = pgTable(
  "regional_holidays",
  {
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    year: text("year").notNull(),
    data: jsonb("data").$type<HolidayYear>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);
