import { pgTable, text, uuid, timestamp } from "drizzle-orm/pg-core";

export const sessions = pgTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  principalKind: text("principal_kind").$type<"staff" | "citizen">().notNull(),
  principalId: uuid("principal_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  ip: text("ip"),
  userAgent: text("user_agent"),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
