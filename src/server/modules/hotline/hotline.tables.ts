import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { CallEventType, CallOutcome } from "./hotline-call.ts";

/** A phone system that posts call events (0035). `secret` is stored sealed by the protector. */
export const hotlineSources = pgTable("hotline_sources", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  apiKey: text("api_key").notNull(),
  secret: text("secret").notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  isDisabled: boolean("is_disabled").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type HotlineSourceRow = typeof hotlineSources.$inferSelect;

export const hotlineNonces = pgTable("hotline_nonces", {
  signature: text("signature").primaryKey(),
  sourceId: uuid("source_id").notNull(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
});

/** What an event carries besides its id, call, type and time (the caller's number sealed). */
export type StoredEventPayload = { callerEnc?: string | null; seat?: string | null; target?: string | null; recordingUrl?: string | null };

export const hotlineEvents = pgTable("hotline_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  sourceId: uuid("source_id").notNull(),
  eventId: text("event_id").notNull(),
  callId: text("call_id").notNull(),
  type: text("type").$type<CallEventType>().notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  payload: jsonb("payload").$type<StoredEventPayload>().notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
});

export const hotlineCalls = pgTable("hotline_calls", {
  id: uuid("id").primaryKey().defaultRandom(),
  sourceId: uuid("source_id").notNull(),
  callId: text("call_id").notNull(),
  regionPath: text("region_path").notNull(),
  callerEnc: text("caller_enc"),
  callerHash: text("caller_hash"),
  arrivedAt: timestamp("arrived_at", { withTimezone: true }),
  ringAt: timestamp("ring_at", { withTimezone: true }),
  answeredAt: timestamp("answered_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  seat: text("seat"),
  operatorId: uuid("operator_id"),
  outcome: text("outcome").$type<CallOutcome>(),
  waitSeconds: integer("wait_seconds"),
  talkSeconds: integer("talk_seconds"),
  transferTarget: text("transfer_target"),
  recordingUrl: text("recording_url"),
  eventCount: integer("event_count").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type HotlineCallRow = typeof hotlineCalls.$inferSelect;

export const hotlineSeats = pgTable("hotline_seats", {
  id: uuid("id").primaryKey().defaultRandom(),
  sourceId: uuid("source_id").notNull(),
  extension: text("extension").notNull(),
  name: text("name").notNull(),
  operatorId: uuid("operator_id"),
  regionPath: text("region_path").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type HotlineSeatRow = typeof hotlineSeats.$inferSelect;

export const OPERATOR_STATES = ["ready", "busy", "after_call_work", "break"] as const;
export type OperatorState = (typeof OPERATOR_STATES)[number];

export const hotlineOperatorStates = pgTable("hotline_operator_states", {
  operatorId: uuid("operator_id").primaryKey(),
  state: text("state").$type<OperatorState>().notNull(),
  callId: text("call_id"),
  since: timestamp("since", { withTimezone: true }).notNull(),
});

// ——— The operator desk's actions (0037, docs/hotline-desk.md). ———

export const hotlineCallNotes = pgTable("hotline_call_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  seq: bigserial("seq", { mode: "number" }).notNull(),
  callRef: uuid("call_ref").notNull(),
  authorId: uuid("author_id").notNull(),
  text: text("text").notNull(),
  idempotencyKey: text("idempotency_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type HotlineCallNoteRow = typeof hotlineCallNotes.$inferSelect;

export const CALL_TICKET_KINDS = ["intake", "consultation"] as const;
export type CallTicketKind = (typeof CALL_TICKET_KINDS)[number];

export const hotlineCallTickets = pgTable("hotline_call_tickets", {
  callRef: uuid("call_ref").notNull(),
  ticketId: uuid("ticket_id").notNull(),
  kind: text("kind").$type<CallTicketKind>().notNull(),
  summary: text("summary"),
  citations: jsonb("citations").$type<{ lawTitle: string; articleNo: string }[]>().notNull(),
  idempotencyKey: text("idempotency_key").notNull(),
  createdBy: uuid("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type HotlineCallTicketRow = typeof hotlineCallTickets.$inferSelect;

export const hotlineTransferRequests = pgTable("hotline_transfer_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  callRef: uuid("call_ref").notNull(),
  seatId: uuid("seat_id").notNull(),
  extension: text("extension").notNull(),
  requestedBy: uuid("requested_by").notNull(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
});
export type HotlineTransferRequestRow = typeof hotlineTransferRequests.$inferSelect;
// ——— Part 3: the duty roster (0038, docs/hotline-roster.md) ———

/** A shift: who is on duty, in which role, at a hotline seat or at a venue, from when to when. */
export const hotlineShifts = pgTable("hotline_shifts", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  role: text("role").$type<"operator" | "duty_lawyer">().notNull(),
  seatId: uuid("seat_id"),
  venueId: uuid("venue_id"),
  regionPath: text("region_path").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type HotlineShiftRow = typeof hotlineShifts.$inferSelect;

/** How many people a region's 12348 line needs on shift at every moment, per role. */
export const hotlineCoverageRules = pgTable("hotline_coverage_rules", {
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  role: text("role").$type<"operator" | "duty_lawyer">().notNull(),
  minCount: integer("min_count").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Gaps already warned of (once each). */
export const hotlineGapWarnings = pgTable("hotline_gap_warnings", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  regionCode: text("region_code").notNull(),
  role: text("role").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  warnedAt: timestamp("warned_at", { withTimezone: true }).notNull(),
});
// ——— Callbacks (回拨), follow-up surveys and quality (质检) (0039, docs/hotline-callbacks.md) ———

/** A callback task: of a call (`callRef`: hotline_calls.id), of a ticket's follow-up, or of a negative rating. */
export const hotlineCallbacks = pgTable("hotline_callbacks", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<import("./hotline-callbacks.rules.ts").CallbackKind>().notNull(),
  regionPath: text("region_path").notNull(),
  callRef: uuid("call_ref"),
  ticketId: uuid("ticket_id"),
  followUpId: uuid("follow_up_id"),
  status: text("status").$type<import("./hotline-callbacks.rules.ts").CallbackStatus>().notNull(),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  claimedBy: uuid("claimed_by"),
  claimedAt: timestamp("claimed_at", { withTimezone: true }),
  attemptCount: integer("attempt_count").notNull(),
  closeReason: text("close_reason").$type<import("./hotline-callbacks.rules.ts").CloseReason>(),
  closedBy: uuid("closed_by"),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  /** The follow-up survey's answers, and the request that recorded them (a retry answers the same). */
  survey: jsonb("survey").$type<{ requestId: string; answers: Record<string, string | number | boolean> } | null>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type HotlineCallbackRow = typeof hotlineCallbacks.$inferSelect;

export const hotlineCallbackAttempts = pgTable("hotline_callback_attempts", {
  id: uuid("id").primaryKey().defaultRandom(),
  callbackId: uuid("callback_id").notNull(),
  requestId: uuid("request_id").notNull(),
  outcome: text("outcome").$type<import("./hotline-callbacks.rules.ts").AttemptOutcome>().notNull(),
  note: text("note"),
  ticketId: uuid("ticket_id"),
  operatorId: uuid("operator_id").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
});

export const hotlineQualityReviews = pgTable("hotline_quality_reviews", {
  id: uuid("id").primaryKey().defaultRandom(),
  callRef: uuid("call_ref").notNull(),
  regionPath: text("region_path").notNull(),
  operatorId: uuid("operator_id"),
  status: text("status").$type<"pending" | "scored">().notNull(),
  scores: jsonb("scores").$type<Record<string, number> | null>(),
  total: text("total"),
  comment: text("comment"),
  isFlagged: boolean("is_flagged").notNull(),
  reviewerId: uuid("reviewer_id"),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  requestId: uuid("request_id"),
  sampledAt: timestamp("sampled_at", { withTimezone: true }).notNull(),
});
export type HotlineQualityReviewRow = typeof hotlineQualityReviews.$inferSelect;

export const hotlineCallbackSettings = pgTable("hotline_callback_settings", {
  regionCode: text("region_code").primaryKey(),
  regionPath: text("region_path").notNull(),
  settings: jsonb("settings").$type<import("./hotline-callbacks.rules.ts").CallbackSettings>().notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
