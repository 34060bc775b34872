import { pgTable, text, uuid, boolean, integer, bigserial, jsonb, timestamp } from "drizzle-orm/pg-core";

/** Platforms above that send tickets down (table from 0002). `secret` is stored sealed by the protector. */
export const upstreamClients = pgTable("upstream_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  apiKey: text("api_key").notNull(),
  secret: text("secret").notNull(),
  callbackUrl: text("callback_url"),
  regionCode: text("region_code").notNull(),
  /** The region's path (migration 0006): the scope of the matters it may send, without a join. */
  regionPath: text("region_path").notNull(),
  isDisabled: boolean("is_disabled").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type UpstreamClientRow = typeof upstreamClients.$inferSelect;

/** What an upstream client is told when one of its tickets changes status. */
export type UpstreamCallbackPayload = { externalRef: string; number: string; status: string; at: string };

/** Outbox of status callbacks (0005), delivered after commit by deliverUpstreamCallbacks, which claims rows first (0010). */
export const upstreamCallbacks = pgTable("upstream_callbacks", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  clientId: uuid("client_id").notNull(),
  ticketId: uuid("ticket_id").notNull(),
  payload: jsonb("payload").$type<UpstreamCallbackPayload>().notNull(),
  state: text("state").$type<"pending" | "sent" | "failed">().notNull(),
  attempts: integer("attempts").notNull(),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
  lastError: text("last_error"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  claimedBy: text("claimed_by"),
  claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
