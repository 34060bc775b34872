import { pgTable, text, uuid, bigserial, bigint, jsonb, smallint, timestamp } from "drizzle-orm/pg-core";

export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  actorKind: text("actor_kind").notNull(),
  actorId: uuid("actor_id"),
  actorUsername: text("actor_username"),
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id"),
  ip: text("ip"),
  regionPath: text("region_path"),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
  /** The place in the one global chain (0013); null only on a legacy row not yet re-chained. */
  seq: bigint("seq", { mode: "number" }),
  /** The audit key the HMAC was made with. */
  keyId: text("key_id"),
  prevHash: text("prev_hash"),
  hash: text("hash"),
});
export type AuditLogRow = typeof auditLog.$inferSelect;

/** The audit log chain's head: one row (id 1), locked by each append. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: smallint("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});
