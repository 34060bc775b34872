import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { AttachmentSchema, UploadQuerySchema } from "./attachments.types.ts";
import { attachmentRoot, diskAttachmentStore, type AttachmentStore } from "./attachment-store.ts";
import { MAX_ATTACHMENT_BYTES, UPLOAD_CONTENT_TYPES } from "./media-type.ts";
import { addAttachment } from "./commands/add-attachment.ts";
import { findAttachments, getAttachment, presentAttachment } from "./queries/find-attachments.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** `inline` for pictures (shown in the page), a download for PDFs (their scripts stay out of our origin). */
function contentDisposition(mediaType: string, fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${mediaType.startsWith("image/") ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Files on tickets: upload the raw bytes, list them, download one. */
export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app, options: { store?: AttachmentStore }) => {
  const { database, clock, config, protector } = app.ctx;
  const store = options.store ?? diskAttachmentStore(attachmentRoot(config), protector);

  // This scope reads bodies as raw bytes of the accepted types, and refuses any other
  // type by name before reading it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: "buffer", bodyLimit: MAX_ATTACHMENT_BYTES }, (_request, body, done) => done(null, body));
  app.addContentTypeParser("*", (request, _payload, done) => {
    const sent = request.headers["content-type"] ?? "(none)";
    done(new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type ${sent} is not accepted; send the file as ${UPLOAD_CONTENT_TYPES.join(", ")}`, { field: "content-type" }), undefined);
  });

  app.post("/api/tickets/:id/attachments", {
    config: staff,
    bodyLimit: MAX_ATTACHMENT_BYTES,
    schema: {
      tags: ["tickets"],
      summary: "Attach a file (JPEG, PNG or PDF, at most 10 MiB): the raw bytes as the body, the name in ?fileName=",
      params: IdParams,
      querystring: UploadQuerySchema,
      response: { 201: AttachmentSchema },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError("VALIDATION_FAILED", "Send the file's bytes as the body", { field: "body" });
      const declaredType = (request.headers["content-type"] ?? "").split(";")[0].trim();
      const view = await database.db.transaction(async (tx) => {
        const id = await addAttachment(tx, request.actor!, { ticketId: request.params.id, fileName: request.query.fileName, bytes: body, declaredType }, clock.now(), { store });
        const row = await getAttachment(tx, id);
        return presentAttachment(row!.attachment);
      });
      return reply.status(201).send(view);
    },
  });

  app.get("/api/tickets/:id/attachments", {
    config: staff,
    schema: { tags: ["tickets"], summary: "The ticket's attachments", params: IdParams, response: { 200: Type.Object({ items: Type.Array(AttachmentSchema) }) } },
    handler: async (request) => {
      const ticket = await getTicketRow(database.db, request.params.id);
      if (!ticket) throw notFound("Ticket");
      ticketPolicy.authorize(request.actor!, "read", ticket);
      return { items: (await findAttachments(database.db, ticket.id)).map(presentAttachment) };
    },
  });

  app.get("/api/attachments/:id", {
    config: staff,
    schema: { tags: ["tickets"], summary: "Download an attachment (whoever may read its ticket)", params: IdParams },
    handler: async (request, reply) => {
      const row = await getAttachment(database.db, request.params.id);
      // Outside the ticket's read scope the attachment does not exist.
      if (!row || !ticketPolicy.can(request.actor!, "read", row.ticket)) throw notFound("Attachment");
      const bytes = await store.get(row.attachment.storageKey);
      if (!bytes) throw new Error(`attachment ${row.attachment.id}: no bytes under its storage key`);
      return reply
        .type(row.attachment.mediaType)
        .header("content-disposition", contentDisposition(row.attachment.mediaType, row.attachment.fileName))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  });
};
