import { Type, type Static } from "@sinclair/typebox";
import { RequiredText } from "../../platform/schema.ts";
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from "./document-kinds.ts";

const KindSchema = Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k)), { description: "which document" });
const FormatSchema = Type.Union(DOCUMENT_FORMATS.map((f) => Type.Literal(f)));

export const FieldSpecSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  isRequired: Type.Boolean(),
  hasFallback: Type.Boolean({ description: "taken from the ticket when not given" }),
  isMultiline: Type.Boolean(),
  maxLength: Type.Integer(),
  options: Type.Union([Type.Array(Type.Object({ value: Type.String(), label: Type.String() })), Type.Null()]),
});

export const GenerateDocumentSchema = Type.Object(
  {
    kind: KindSchema,
    format: FormatSchema,
    fields: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_.]{0,63}$" }), Type.String({ maxLength: 5000 }), {
        maxProperties: 30,
        description: "the kind's own values, e.g. {\"decision.outcome\":\"refuse\",\"decision.reasons\":\"…\"}; see GET /api/tickets/{id}/documents → kinds",
      }),
    ),
  },
  { additionalProperties: false },
);
export type GenerateDocumentInput = Static<typeof GenerateDocumentSchema>;

export const GeneratedDocumentSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticketId: Type.String({ format: "uuid" }),
  kind: KindSchema,
  name: Type.String({ description: "the kind's zh-CN name" }),
  format: FormatSchema,
  fileName: Type.String(),
  attachmentId: Type.String({ format: "uuid", description: "download with GET /api/attachments/{attachmentId}" }),
  verificationCode: Type.String({ description: "grouped, as printed: K7QM-3XTD-9PWB-2H4N" }),
  sha256: Type.String(),
  size: Type.Integer(),
  createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  revocation: Type.Union([
    Type.Object({
      at: Type.String({ format: "date-time" }),
      reason: Type.String(),
      by: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
    }),
    Type.Null(),
  ], { description: "作废: when, why and by whom the document was revoked; null while it stands" }),
});
export type GeneratedDocumentView = Static<typeof GeneratedDocumentSchema>;

export const TicketDocumentsSchema = Type.Object({
  items: Type.Array(GeneratedDocumentSchema),
  /** The kinds for this ticket's service type, with their fields; empty when the actor may not generate. */
  kinds: Type.Array(Type.Object({ kind: KindSchema, name: Type.String(), fields: Type.Array(FieldSpecSchema) })),
  abilities: Type.Object({ generate: Type.Boolean(), revoke: Type.Boolean({ description: "may revoke this ticket's documents (a leader or admin where the matter is)" }) }),
});

export const VerificationSchema = Type.Object({
  code: Type.String({ description: "grouped" }),
  kind: KindSchema,
  name: Type.String({ description: "the document's zh-CN name" }),
  format: FormatSchema,
  ticketNumber: Type.String(),
  issuingUnit: Type.String(),
  issuedAt: Type.String({ format: "date-time" }),
  issuedAtBeijing: Type.String({ description: "2026-12-02 09:41, Beijing time" }),
  applicant: Type.String({ description: "masked: 张*" }),
  sha256: Type.String({ description: "hex SHA-256 of the file as issued: hash the copy you hold and compare" }),
  size: Type.Integer({ description: "bytes" }),
  isRevoked: Type.Boolean({ description: "revoked (作废): the document no longer stands" }),
  revokedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  revokedAtBeijing: Type.Union([Type.String(), Type.Null()], { description: "2026-12-02 09:41, Beijing time" }),
  revocationReason: Type.Union([Type.String(), Type.Null()], { description: "why it was revoked, as the unit wrote it" }),
});
export type VerificationView = Static<typeof VerificationSchema>;

export const DocumentTemplateSchema = Type.Object({
  kind: KindSchema,
  name: Type.String(),
  serviceTypes: Type.Union([Type.Array(Type.String()), Type.Null()], { description: "null: any service type" }),
  title: Type.String(),
  body: Type.String(),
  version: Type.Integer({ description: "0: the shipped text, never stored" }),
  isShipped: Type.Boolean({ description: "the text is the shipped one" }),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  placeholders: Type.Array(Type.String()),
  fields: Type.Array(FieldSpecSchema),
  shipped: Type.Object({ title: Type.String(), body: Type.String() }),
});
export type DocumentTemplateView = Static<typeof DocumentTemplateSchema>;

export const UpdateTemplateSchema = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 100 }), body: Type.String({ minLength: 1, maxLength: 20000 }) },
  { additionalProperties: false },
);

/** POST /api/tickets/:id/documents/:documentId/revoke. */
export const RevokeDocumentSchema = Type.Object(
  { reason: RequiredText({ maxLength: 500, description: "why the document no longer stands; shown on the public verify page, so no personal data" }) },
  { additionalProperties: false },
);
export type RevokeDocumentInput = Static<typeof RevokeDocumentSchema>;
