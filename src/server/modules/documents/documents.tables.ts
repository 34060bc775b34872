import { pgTable, text, uuid, integer, timestamp } from "drizzle-orm/pg-core";

/** The editable text of each document kind (0027); shipped defaults put in once. */
export const documentTemplates = pgTable("document_templates", {
  kind: text("kind").primaryKey(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  version: integer("version").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type DocumentTemplateRow = typeof documentTemplates.$inferSelect;

/** Every generated document (0027): the file is the ticket attachment `attachmentId`. */
export const generatedDocuments = pgTable("generated_documents", {
  id: uuid("id").primaryKey(),
  ticketId: uuid("ticket_id").notNull(),
  kind: text("kind").notNull(),
  format: text("format").notNull(),
  attachmentId: uuid("attachment_id").notNull(),
  verificationCode: text("verification_code").notNull(),
  sha256: text("sha256").notNull(),
  size: integer("size").notNull(),
  ticketNumber: text("ticket_number").notNull(),
  issuingUnit: text("issuing_unit").notNull(),
  applicantMasked: text("applicant_masked").notNull(),
  templateVersion: integer("template_version").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  /** 作废 (0034): set together, once; the verify route then says revoked, when and why. */
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedBy: uuid("revoked_by"),
  revocationReason: text("revocation_reason"),
});
export type GeneratedDocumentRow = typeof generatedDocuments.$inferSelect;
