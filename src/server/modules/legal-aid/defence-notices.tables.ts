import { pgTable, text, uuid, timestamp, date } from "drizzle-orm/pg-core";
import type { CaseStage, DefenceGround, DefenceNoticeStatus, DutyShift, DutyStationKind, NotifyingBody } from "./assigned-defence.rules.ts";

/** 通知辩护 (0032): a court's, procuratorate's or police notice to a center. Only the assigned defence files read or write it. */
export const defenceNotices = pgTable("defence_notices", {
  id: uuid("id").primaryKey().defaultRandom(),
  body: text("body").$type<NotifyingBody>().notNull(),
  /** The notifying body's name, e.g. 青川区人民法院. */
  bodyName: text("body_name").notNull(),
  /** The notice's document number (文号). */
  documentNo: text("document_no").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  ground: text("ground").$type<DefenceGround>().notNull(),
  caseStage: text("case_stage").$type<CaseStage>().notNull(),
  /** The suspect's or defendant's name, sealed (personal data). */
  personNameEnc: text("person_name_enc").notNull(),
  /** 涉嫌罪名, as the notice gives it. */
  charge: text("charge"),
  centerRegionCode: text("center_region_code").notNull(),
  centerRegionPath: text("center_region_path").notNull(),
  status: text("status").$type<DefenceNoticeStatus>().notNull(),
  /** Art. 36: 3 working days from receipt. */
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  lawyerId: uuid("lawyer_id"),
  assignedAt: timestamp("assigned_at", { withTimezone: true }),
  assignedBy: uuid("assigned_by"),
  bodyInformedAt: timestamp("body_informed_at", { withTimezone: true }),
  bodyInformedBy: uuid("body_informed_by"),
  /** When the scheduler found the limit run out (once). */
  overdueAt: timestamp("overdue_at", { withTimezone: true }),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type DefenceNoticeRow = typeof defenceNotices.$inferSelect;

/** 值班律师排班 (0032): a pool lawyer on duty at a workstation on a day. */
export const dutyLawyerShifts = pgTable("duty_lawyer_shifts", {
  id: uuid("id").primaryKey().defaultRandom(),
  aidLawyerId: uuid("aid_lawyer_id").notNull(),
  lawyerId: uuid("lawyer_id").notNull(),
  centerRegionCode: text("center_region_code").notNull(),
  centerRegionPath: text("center_region_path").notNull(),
  stationKind: text("station_kind").$type<DutyStationKind>().notNull(),
  stationName: text("station_name").notNull(),
  dutyDate: date("duty_date", { mode: "string" }).notNull(),
  shift: text("shift").$type<DutyShift>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type DutyShiftRow = typeof dutyLawyerShifts.$inferSelect;
