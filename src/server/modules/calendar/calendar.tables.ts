import { pgTable, text, jsonb, timestamp } from "drizzle-orm/pg-core";
import type { HolidayYear } from "./working-calendar.ts";

/** Working-day calendar: one row per year, the State Council's arrangement (migration 0002). */
export const holidayYears = pgTable("holiday_years", {
  year: text("year").primaryKey(),
  data: jsonb("data").$type<HolidayYear>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
