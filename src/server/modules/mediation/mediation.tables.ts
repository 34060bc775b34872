import { boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { CommitteeKind, PartnerKind } from "./mediation.rules.ts";
import type { MediationCaseState, MediationCaseStatus } from "./mediation-case.state.ts";
import type { ReferralDirection, ReferralHistoryEntry, ReferralStatus } from "./referral.state.ts";
import type { ScreeningItem, ScreeningPeriodKind } from "./screening.rules.ts";

/** 人民调解委员会 (0029). Only the mediation module's files read or write these tables. */
export const mediationCommittees = pgTable("mediation_committees", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  kind: text("kind").$type<CommitteeKind>().notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  industry: text("industry"),
  isActive: boolean("is_active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type MediationCommitteeRow = typeof mediationCommittees.$inferSelect;

/** 聘任的人民调解员 (0033, Art. 13): mediators a committee appointed by name, beyond its region's. */
export const mediationCommitteeMembers = pgTable("mediation_committee_members", {
  committeeId: uuid("committee_id").notNull(),
  accountId: uuid("account_id").notNull(),
  addedBy: uuid("added_by"),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
});

/** 人民调解案件: one per mediation ticket. */
export const mediationCases = pgTable("mediation_cases", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  committeeId: uuid("committee_id").notNull(),
  status: text("status").$type<MediationCaseStatus>().notNull(),
  /** The committee's region: the case's scope. */
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  mediatorIds: uuid("mediator_ids").array().notNull(),
  state: jsonb("state").$type<MediationCaseState>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type MediationCaseRow = typeof mediationCases.$inferSelect;

/** 诉调、公调、访调对接: referrals in and out. */
export const mediationReferrals = pgTable("mediation_referrals", {
  id: uuid("id").primaryKey().defaultRandom(),
  direction: text("direction").$type<ReferralDirection>().notNull(),
  partnerKind: text("partner_kind").$type<PartnerKind>().notNull(),
  partnerName: text("partner_name").notNull(),
  partnerReference: text("partner_reference"),
  caseId: uuid("case_id").notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  status: text("status").$type<ReferralStatus>().notNull(),
  reason: text("reason").notNull(),
  receiptNumber: text("receipt_number"),
  receiptAt: timestamp("receipt_at", { withTimezone: true }),
  history: jsonb("history").$type<ReferralHistoryEntry[]>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type MediationReferralRow = typeof mediationReferrals.$inferSelect;

/** How often a bureau's villages and townships report their screenings. */
export const screeningSchedules = pgTable("screening_schedules", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  periodKind: text("period_kind").$type<ScreeningPeriodKind>().notNull(),
  dueDay: smallint("due_day").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** 矛盾纠纷排查: one report per region and period. */
export const disputeScreenings = pgTable("dispute_screenings", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  period: text("period").notNull(),
  isNothingFound: boolean("is_nothing_found").notNull(),
  items: jsonb("items").$type<ScreeningItem[]>().notNull(),
  disputeCount: integer("dispute_count").notNull(),
  highRiskCount: integer("high_risk_count").notNull(),
  reportedBy: uuid("reported_by"),
  reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type DisputeScreeningRow = typeof disputeScreenings.$inferSelect;
