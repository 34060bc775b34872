import { pgTable, text, boolean, jsonb, timestamp } from "drizzle-orm/pg-core";
import type { ChecklistItem, DeadlineRule } from "./service-catalogue.ts";

/** 一次性告知: the materials each service type requires, told once at intake (migration 0002). */
export const materialChecklists = pgTable("material_checklists", {
  serviceType: text("service_type").primaryKey(),
  items: jsonb("items").$type<ChecklistItem[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Per service type: deadlines per step and whether dispatch runs by itself (migration 0002). */
export const serviceSettings = pgTable("service_settings", {
  serviceType: text("service_type").primaryKey(),
  isAutoDispatch: boolean("is_auto_dispatch").notNull(),
  deadlines: jsonb("deadlines").$type<DeadlineRule[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
