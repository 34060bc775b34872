import { pgTable, text, uuid, boolean, integer, bigserial, jsonb, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { TicketStatus } from "./tickets.state.ts";
import type { StoredCounterparty } from "./counterparty.ts";

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
  /** The phone sealed in `phoneEnc` (counterparty.ts). */
  counterparty: jsonb("counterparty").$type<StoredCounterparty | null>(),
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
  /** When the citizen's rating was recorded (0012); null while unrated. */
  ratedAt: timestamp("rated_at", { withTimezone: true }),
  createdBy: uuid("created_by"),
  createdByKind: text("created_by_kind").notNull(),
  idempotencyKey: text("idempotency_key"),
  /** SHA-256 of the request first sent with the Idempotency-Key (0012): a retry must match it. */
  idempotencyFingerprint: text("idempotency_fingerprint"),
  upstreamClientId: uuid("upstream_client_id"),
  upstreamRef: text("upstream_ref"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  /** The audit chain's head (0013): the last event's seq and hash, advanced with every event, so events deleted from the end show. */
  chainSeq: integer("chain_seq").notNull().default(0),
  chainHash: text("chain_hash").notNull().default("0000000000000000000000000000000000000000000000000000000000000000"),
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
  /** The audit key the HMAC was made with (0013); null only on a legacy row not yet re-chained. */
  keyId: text("key_id"),
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
