import { bigint, date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The daily checkpoints of the audit trail (0013): append-only, chained, keyed. */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  day: date("day", { mode: "string" }).primaryKey(),
  cutoff: timestamp("cutoff", { withTimezone: true }).notNull(),
  madeAt: timestamp("made_at", { withTimezone: true }).notNull(),
  ticketCount: integer("ticket_count").notNull(),
  ticketsDigest: text("tickets_digest").notNull(),
  auditSeq: bigint("audit_seq", { mode: "number" }).notNull(),
  auditHash: text("audit_hash").notNull(),
  keyId: text("key_id").notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;
