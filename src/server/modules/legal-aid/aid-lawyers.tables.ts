import { pgTable, text, uuid, jsonb, timestamp, date, bigint } from "drizzle-orm/pg-core";
import type { AidLawyerField, AidLawyerStatus } from "./aid-lawyers.rules.ts";

/** 法律援助律师库 (0031): a lawyer a county's center approved. Only the pool's files read or write it. */
export const aidLawyers = pgTable("aid_lawyers", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  centerRegionCode: text("center_region_code").notNull(),
  centerRegionPath: text("center_region_path").notNull(),
  fields: text("fields").array().$type<AidLawyerField[]>().notNull(),
  practiceSince: date("practice_since", { mode: "string" }).notNull(),
  licenseNo: text("license_no"),
  status: text("status").$type<AidLawyerStatus>().notNull(),
  statusReason: text("status_reason"),
  approvedBy: uuid("approved_by"),
  approvedAt: timestamp("approved_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type AidLawyerRow = typeof aidLawyers.$inferSelect;

export const AID_LAWYER_EVENT_TYPES = ["approve", "update", "suspend", "reinstate", "remove"] as const;
export type AidLawyerEventType = (typeof AID_LAWYER_EVENT_TYPES)[number];

/** The pool entry's history. */
export const aidLawyerEvents = pgTable("aid_lawyer_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The order of the history (several changes can share one instant). */
  seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
  aidLawyerId: uuid("aid_lawyer_id").notNull(),
  type: text("type").$type<AidLawyerEventType>().notNull(),
  reason: text("reason"),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
  actorId: uuid("actor_id"),
  at: timestamp("at", { withTimezone: true }).notNull(),
});
