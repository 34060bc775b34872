import { pgTable, text, boolean, jsonb, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { ChecklistItem, DeadlineRule } from "./service-catalogue.ts";

/**
 * A region node's own settings for a service type (migration 0009): the material
 * checklist (一次性告知), the deadline rules per step and whether dispatch runs by
 * itself. A node without a row inherits from its nearest ancestor with one, and
 * finally from the shipped defaults (settings-inheritance.ts).
 */
export const serviceSettings = pgTable(
  "service_settings",
  {
    regionCode: text("region_code").notNull(),
    regionPath: text("region_path").notNull(),
    serviceType: text("service_type").notNull(),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull(),
    deadlines: jsonb("deadlines").$type<DeadlineRule[]>().notNull(),
    isAutoDispatch: boolean("is_auto_dispatch").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.serviceType] })],
);
export type ServiceSettingsRow = typeof serviceSettings.$inferSelect;
