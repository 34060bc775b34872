import { pgTable, text, uuid, boolean, integer, smallint, bigserial, jsonb, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { TicketStatus } from "./tickets.state.ts";

export const tickets = pgTable("tickets", {
  id: uuid("id").primaryKey().defaultRandom(),
  number: text("number").notNull(),
  channel: text("channel").notNull(),
  serviceType: text("service_type").notNull(),
  category: text("category").notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  applicantName: text("applicant_name").notNull(),
  applicantPhoneEnc: text("applicant_phone_enc"),
  applicantPhoneHash: text("applicant_phone_hash"),
  applicantIdEnc: text("applicant_id_enc"),
  applicantIdHash: text("applicant_id_hash"),
  applicantGender: text("applicant_gender"),
  applicantAgeGroup: text("applicant_age_group"),
  specialGroups: text("special_groups").array().notNull(),
  isPriority: boolean("is_priority").notNull(),
  counterparty: jsonb("counterparty").$type<{ name?: string; phone?: string; note?: string } | null>(),
  description: text("description").notNull(),
  preferredContact: text("preferred_contact"),
  language: text("language").notNull(),
  materialsProvided: text("materials_provided").array().notNull(),
  status: text("status").$type<TicketStatus>().notNull(),
  unitRegionCode: text("unit_region_code"),
  unitRegionPath: text("unit_region_path"),
  assigneeId: uuid("assignee_id"),
  firstResponderId: uuid("first_responder_id"),
  bounceCount: integer("bounce_count").notNull(),
  isFlaggedToLead: boolean("is_flagged_to_lead").notNull(),
  suspendedFrom: text("suspended_from").$type<TicketStatus | null>(),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  mergedIntoId: uuid("merged_into_id"),
  nextDueAt: timestamp("next_due_at", { withTimezone: true }),
  dueState: text("due_state").$type<"ok" | "due_soon" | "overdue">().notNull(),
  isSupervised: boolean("is_supervised").notNull(),
  createdBy: uuid("created_by"),
  createdByKind: text("created_by_kind").notNull(),
  idempotencyKey: text("idempotency_key"),
  upstreamClientId: uuid("upstream_client_id"),
  upstreamRef: text("upstream_ref"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type TicketRow = typeof tickets.$inferSelect;

export const ticketEvents = pgTable("ticket_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: uuid("ticket_id").notNull(),
  seq: integer("seq").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  actorKind: text("actor_kind").notNull(),
  actorId: uuid("actor_id"),
  actorName: text("actor_name"),
  type: text("type").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});
export type TicketEventRow = typeof ticketEvents.$inferSelect;

export const ticketDeadlines = pgTable("ticket_deadlines", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  step: text("step").notNull(),
  amount: integer("amount").notNull(),
  unit: text("unit").$type<"hours" | "working_days">().notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  pausedAt: timestamp("paused_at", { withTimezone: true }),
  state: text("state").$type<"running" | "paused" | "met" | "cancelled">().notNull(),
  dueSoonAt: timestamp("due_soon_at", { withTimezone: true }),
  overdueAt: timestamp("overdue_at", { withTimezone: true }),
  metAt: timestamp("met_at", { withTimezone: true }),
});
export type TicketDeadlineRow = typeof ticketDeadlines.$inferSelect;

export const ticketNumberCounters = pgTable("ticket_number_counters", {
  prefix: text("prefix").primaryKey(),
  last: integer("last").notNull(),
});

export const materialChecklists = pgTable("material_checklists", {
  serviceType: text("service_type").primaryKey(),
  items: jsonb("items").$type<{ key: string; name: string; isRequired: boolean }[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const serviceSettings = pgTable("service_settings", {
  serviceType: text("service_type").primaryKey(),
  isAutoDispatch: boolean("is_auto_dispatch").notNull(),
  deadlines: jsonb("deadlines").$type<{ step: string; amount: number; unit: "hours" | "working_days" }[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const holidayYears = pgTable("holiday_years", {
  year: text("year").primaryKey(),
  data: jsonb("data").$type<import("../calendar/working-calendar.ts").HolidayYear>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const ticketLinks = pgTable(
  "ticket_links",
  {
    ticketId: uuid("ticket_id").notNull(),
    relatedId: uuid("related_id").notNull(),
    kind: text("kind").$type<"related" | "became" | "duplicate">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.relatedId] })],
);

export const supervisionOrders = pgTable("supervision_orders", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  issuedBy: uuid("issued_by"),
  isAutomatic: boolean("is_automatic").notNull(),
  reason: text("reason").notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  response: text("response"),
  respondedBy: uuid("responded_by"),
  respondedAt: timestamp("responded_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const followUps = pgTable("follow_ups", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  method: text("method").$type<"phone" | "message">().notNull(),
  reason: text("reason").$type<"after_resolution" | "low_rating" | "unrated">().notNull(),
  isMandatory: boolean("is_mandatory").notNull(),
  role: text("role").notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  outcome: text("outcome"),
  isSatisfied: boolean("is_satisfied"),
  doneBy: uuid("done_by"),
  doneAt: timestamp("done_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const ticketRatings = pgTable("ticket_ratings", {
  ticketId: uuid("ticket_id").primaryKey(),
  attitude: smallint("attitude").notNull(),
  speed: smallint("speed").notNull(),
  policy: smallint("policy").notNull(),
  expertise: smallint("expertise").notNull(),
  comment: text("comment"),
  ratedByKind: text("rated_by_kind").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id"),
  channel: text("channel").$type<"sms" | "wechat" | "in_app" | "dev">().notNull(),
  recipient: text("recipient").notNull(),
  template: text("template").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  state: text("state").$type<"pending" | "sent" | "failed">().notNull(),
  attempts: integer("attempts").notNull(),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
  lastError: text("last_error"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const platformSecrets = pgTable("platform_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const schedulerLeases = pgTable("scheduler_leases", {
  job: text("job").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
