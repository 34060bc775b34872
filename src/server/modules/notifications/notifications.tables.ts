import { pgTable, text, uuid, integer, jsonb, timestamp } from "drizzle-orm/pg-core";

/**
 * Outbox: every message a citizen should get; sent, and retried, after commit
 * (migration 0002; delivered_via 0004; region_path 0006). `recipient` is sealed by
 * the protector. `ticket_id` says which ticket a message is about (null for
 * messages about no ticket, e.g. a sign-in code); `region_path` is the matter's
 * region, so the outbox is read within a staff member's scope. A sender claims a
 * row (`claimed_by`, until `claimed_until`; migration 0010) before it sends it, so
 * no two processes send the same message.
 */
export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id"),
  regionPath: text("region_path"),
  channel: text("channel").$type<"sms" | "wechat" | "in_app" | "dev">().notNull(),
  recipient: text("recipient").notNull(),
  template: text("template").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  state: text("state").$type<"pending" | "sent" | "failed">().notNull(),
  attempts: integer("attempts").notNull(),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
  lastError: text("last_error"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  deliveredVia: text("delivered_via"),
  claimedBy: text("claimed_by"),
  claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
