import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { attachmentRoot, diskAttachmentStore, type AttachmentStore } from "../attachments/attachment-store.ts";
import { canGenerateNow, documentPolicy, documentTemplatePolicy } from "./documents.policy.ts";
import { DOCUMENT_KINDS, isKindFor, KIND_SPECS } from "./document-kinds.ts";
import { DocumentTemplateSchema, GeneratedDocumentSchema, GenerateDocumentSchema, RevokeDocumentSchema, TicketDocumentsSchema, UpdateTemplateSchema, VerificationSchema } from "./documents.types.ts";
import { generateDocument } from "./commands/generate-document.ts";
import { revokeDocument } from "./commands/revoke-document.ts";
import { updateDocumentTemplate } from "./commands/update-document-template.ts";
import { findTicketDocuments, getTicketDocument, verifyDocument } from "./queries/find-documents.ts";
import { findTemplates, getTemplateView, presentField } from "./queries/find-templates.ts";

const staff = { access: "staff" } as const;
const tags = ["documents"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const DocumentParams = Type.Object({ id: Type.String({ format: "uuid" }), documentId: Type.String({ format: "uuid" }) });
const KindParams = Type.Object({ kind: Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k))) });
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: "^[0-9A-Za-z -]+$" }) });
/** Verifying is public: as many lookups an address may make as the law reader's reads, so codes cannot be walked. */
export const VERIFY_LIMIT = { max: 30, windowMs: 60_000 };

/** 文书: generate documents for a ticket, list them, verify one by its code; the templates. */
export const documentRoutes: FastifyPluginAsyncTypebox = async (app, options: { store?: AttachmentStore }) => {
  const { database, clock, config, protector } = app.ctx;
  const store = options.store ?? diskAttachmentStore(attachmentRoot(config), protector);

  app.get("/api/tickets/:id/documents", {
    config: staff,
    schema: {
      tags,
      summary: "The ticket's generated documents, and the kinds you may generate for it (with their fields)",
      params: IdParams,
      response: { 200: TicketDocumentsSchema },
    },
    handler: async (request) => {
      const ticket = await getTicketRow(database.db, request.params.id);
      if (!ticket) throw notFound("Ticket");
      documentPolicy.authorize(request.actor!, "read", ticket);
      const canGenerate = canGenerateNow(request.actor!, ticket);
      const kinds = canGenerate
        ? DOCUMENT_KINDS.filter((k) => isKindFor(k, ticket.serviceType)).map((k) => ({ kind: k, name: KIND_SPECS[k].name, fields: KIND_SPECS[k].fields.map(presentField) }))
        : [];
      const abilities = { generate: canGenerate, revoke: documentPolicy.can(request.actor!, "revoke", ticket) };
      return { items: await findTicketDocuments(database.db, ticket.id), kinds, abilities };
    },
  });

  app.post("/api/tickets/:id/documents", {
    config: staff,
    schema: {
      tags,
      summary: "Generate a document for the ticket (PDF or DOCX); it is kept on the ticket as an attachment, with a verification code",
      description:
        "Whoever may add materials to the ticket. `fields` are the kind's own values (GET …/documents → kinds); a missing required one is a 400 naming `fields.<key>`. PDF needs a Chinese font on the server: without one, 503 DOCUMENT_FONT_MISSING (DOCX still works).",
      params: IdParams,
      body: GenerateDocumentSchema,
      response: { 201: GeneratedDocumentSchema },
    },
    handler: async (request, reply) => {
      const id = await generateDocument(database.db, request.actor!, request.params.id, request.body, clock.now(), { protector, store, documentFont: config.documentFont, publicUrl: config.publicUrl });
      return reply.status(201).send((await getTicketDocument(database.db, request.params.id, id))!);
    },
  });

  app.post("/api/tickets/:id/documents/:documentId/revoke", {
    config: staff,
    schema: {
      tags,
      summary: "Revoke a generated document (作废) with a reason: a leader or admin where the matter is; the public verify route then says it was revoked, when and why",
      description: "400 naming `reason` when blank; 403 for other roles; 404 for a document not on this ticket; 409 when it is already revoked.",
      params: DocumentParams,
      body: RevokeDocumentSchema,
      response: { 200: GeneratedDocumentSchema },
    },
    handler: async (request) => {
      const { id, documentId } = request.params;
      await database.db.transaction((tx) => revokeDocument(tx, request.actor!, id, documentId, request.body, clock.now()));
      return (await getTicketDocument(database.db, id, documentId))!;
    },
  });

  app.get("/api/verify/:code", {
    config: { access: "public", rateLimit: rateLimit({ name: "document-verify", ...VERIFY_LIMIT }) },
    schema: {
      tags,
      summary: "Verify a generated document by its code (public): kind, ticket number, issuing unit, time and the file's SHA-256, and whether it was revoked (when, why); 404 for an unknown code",
      params: CodeParams,
      response: { 200: VerificationSchema },
    },
    handler: async (request, reply) => {
      const found = await verifyDocument(database.db, request.params.code);
      if (!found) throw notFound("Document");
      reply.header("cache-control", "no-store");
      return found;
    },
  });

  app.get("/api/document-templates", {
    config: staff,
    schema: { tags, summary: "The document templates in force, with their placeholders and fields", response: { 200: Type.Object({ items: Type.Array(DocumentTemplateSchema) }) } },
    handler: async (request) => {
      documentTemplatePolicy.authorize(request.actor!, "read", null);
      return { items: await findTemplates(database.db) };
    },
  });

  app.put("/api/document-templates/:kind", {
    config: staff,
    schema: {
      tags,
      summary: "Change a template's title and text (an admin at a root node); 400 naming title or body, with the line, for an unknown placeholder",
      params: KindParams,
      body: UpdateTemplateSchema,
      response: { 200: DocumentTemplateSchema },
    },
    handler: async (request) => {
      await database.db.transaction((tx) => updateDocumentTemplate(tx, request.actor!, request.params.kind, request.body, clock.now()));
      return getTemplateView(database.db, request.params.kind);
    },
  });

  app.delete("/api/document-templates/:kind", {
    config: staff,
    schema: { tags, summary: "Put the shipped text back (an admin at a root node)", params: KindParams, response: { 200: DocumentTemplateSchema } },
    handler: async (request) => {
      await database.db.transaction((tx) => updateDocumentTemplate(tx, request.actor!, request.params.kind, null, clock.now()));
      return getTemplateView(database.db, request.params.kind);
    },
  });
};
