import { pgTable, text, uuid, jsonb, timestamp, date, numeric, unique } from "drizzle-orm/pg-core";
import type { ExtraMatter } from "./eligibility-rules.ts";

/**
 * A province's legal aid hardship standard from a date on (migration 0026;
 * 法律援助法 第三十四条), with the matters the province added. Rows are only added.
 */
export const legalAidStandards = pgTable(
  "legal_aid_standards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provinceCode: text("province_code").notNull(),
    provincePath: text("province_path").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    incomeLinePerMember: numeric("income_line_per_member", { precision: 12, scale: 2 }).notNull(),
    extraMatters: jsonb("extra_matters").$type<ExtraMatter[]>().notNull(),
    basis: text("basis").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique().on(t.provinceCode, t.effectiveFrom)],
);
export type LegalAidStandardRow = typeof legalAidStandards.$inferSelect;
