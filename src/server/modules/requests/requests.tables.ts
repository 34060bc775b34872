import { bigserial, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The thread between a portal applicant and the staff on their request (migration 0022). */
export const ticketMessages = pgTable("ticket_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  authorKind: text("author_kind").$type<"citizen" | "staff">().notNull(),
  authorId: uuid("author_id").notNull(),
  authorName: text("author_name"),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  /** The order of writing (0023): two messages may share a timestamp. */
  seq: bigserial("seq", { mode: "number" }).notNull(),
});
export type TicketMessageRow = typeof ticketMessages.$inferSelect;
