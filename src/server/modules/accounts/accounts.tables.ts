import { pgTable, text, uuid, boolean, integer, timestamp } from "drizzle-orm/pg-core";
import type { Role } from "../../policies/actor.ts";

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  roles: text("roles").array().$type<Role[]>().notNull(),
  regionCode: text("region_code").notNull(),
  /** The region's materialized path (migration 0006): the account's data scope, without a join. */
  regionPath: text("region_path").notNull(),
  isDisabled: boolean("is_disabled").notNull().default(false),
  /** Dispute categories (纠纷类别) the person handles well; the dispatch suggestion prefers them. */
  skills: text("skills").array().notNull().default([]),
  /** Languages the person serves in (zh, bo, en). */
  languages: text("languages").array().notNull().default(["zh"]),
  failedLoginCount: integer("failed_login_count").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type AccountRow = typeof accounts.$inferSelect;
