import { pgTable, text, uuid, integer, timestamp } from "drizzle-orm/pg-core";

/** Files attached to a ticket (table from 0002); the bytes live in an AttachmentStore under `storage_key`. */
export const ticketAttachments = pgTable("ticket_attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  fileName: text("file_name").notNull(),
  mediaType: text("media_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  storageKey: text("storage_key").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type TicketAttachmentRow = typeof ticketAttachments.$inferSelect;
