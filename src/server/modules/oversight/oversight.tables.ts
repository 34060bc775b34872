import { pgTable, primaryKey, uuid, text, boolean, smallint, timestamp } from "drizzle-orm/pg-core";

/** The supervisors an automatic 督办 order is put before (migration 0004). */
export const supervisionAddressees = pgTable(
  "supervision_addressees",
  {
    orderId: uuid("order_id").notNull(),
    accountId: uuid("account_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.accountId] })],
);

/** 督办: a supervisor's order on a ticket; the handler must respond (migration 0002). */
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

/** 回访 (migration 0002). */
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

/** 满意度评价: one rating per ticket (migration 0002). */
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
