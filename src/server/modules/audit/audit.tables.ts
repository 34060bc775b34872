import { pgTable, text, uuid, bigserial, jsonb, timestamp } from "drizzle-orm/pg-core";

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
});
