import { bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AlertKind, Severity } from "./early-warning.detect.ts";
import type { AlertState } from "./early-warning.state.ts";

/** 预警: one cluster, handled like a task (migration 0041). */
export const earlyWarningAlerts = pgTable("early_warning_alerts", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<AlertKind>().notNull(),
  key: text("key").notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  category: text("category"),
  counterpartyName: text("counterparty_name"),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
  ticketCount: integer("ticket_count").notNull(),
  applicantCount: integer("applicant_count").notNull(),
  baseline: jsonb("baseline").$type<{ mean: number; stdev: number; z: number | null; p?: number } | null>(),
  severity: text("severity").$type<Severity>().notNull(),
  state: text("state").$type<AlertState>().notNull(),
  previousId: uuid("previous_id"),
  acknowledgedBy: uuid("acknowledged_by"),
  acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
  handlingBy: uuid("handling_by"),
  handlingAt: timestamp("handling_at", { withTimezone: true }),
  closedBy: uuid("closed_by"),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
});
export type AlertRow = typeof earlyWarningAlerts.$inferSelect;

export const earlyWarningAlertTickets = pgTable("early_warning_alert_tickets", {
  alertId: uuid("alert_id").notNull(),
  ticketId: uuid("ticket_id").notNull(),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
});

export const earlyWarningAlertRecipients = pgTable("early_warning_alert_recipients", {
  alertId: uuid("alert_id").notNull(),
  accountId: uuid("account_id"),
  committeeId: uuid("committee_id"),
  reason: text("reason").$type<"office" | "committee">().notNull(),
});

export const earlyWarningAlertNotes = pgTable("early_warning_alert_notes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  alertId: uuid("alert_id").notNull(),
  action: text("action").notNull(),
  fromState: text("from_state").notNull(),
  toState: text("to_state").notNull(),
  note: text("note"),
  actorId: uuid("actor_id"),
  actorName: text("actor_name"),
  at: timestamp("at", { withTimezone: true }).notNull(),
});
