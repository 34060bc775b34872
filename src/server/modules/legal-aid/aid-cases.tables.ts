import { pgTable, text, uuid, jsonb, timestamp } from "drizzle-orm/pg-core";
import type { AidCaseState, AidCaseStatus } from "./aid-case.state.ts";

/** 法律援助案件: one per legal aid ticket (0028). Only the legal aid case files read or write it. */
export const aidCases = pgTable("aid_cases", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  status: text("status").$type<AidCaseStatus>().notNull(),
  /** The ticket's matter region: the case's scope. */
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  /** The county whose legal aid center reviews and decides. */
  centerRegionCode: text("center_region_code").notNull(),
  centerRegionPath: text("center_region_path").notNull(),
  /** The township station that took the application and pre-checks it, when one did. */
  stationRegionCode: text("station_region_code"),
  lawyerId: uuid("lawyer_id"),
  state: jsonb("state").$type<AidCaseState>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type AidCaseRow = typeof aidCases.$inferSelect;
