import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import type { Actor } from "../../policies/actor.ts";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { AttachmentSchema, UploadQuerySchema } from "./attachments.types.ts";
import { attachmentRoot, diskAttachmentStore, type AttachmentStore } from "./attachment-store.ts";
import { MAX_ATTACHMENT_BYTES, UPLOAD_CONTENT_TYPES } from "./media-type.ts";
import { addAttachment } from "./commands/add-attachment.ts";
import { findAttachments, getAttachment, presentAttachment } from "./queries/find-attachments.ts";

const staff = { access: "staff" } as const;
/** Uploads from the portal: a citizen adds at most this many files an hour (429 with Retry-After). */
export const PORTAL_UPLOADS_PER_HOUR = 20;
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

  /** The raw bytes of an upload, checked by content and attached to the ticket (whoever the policy lets add materials). */
  const upload = async (
    request: { body: unknown; headers: Record<string, string | string[] | undefined>; params: { id: string }; query: { fileName: string }; actor: Actor | null },
    reply: FastifyReply,
  ) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new AppError("VALIDATION_FAILED", "Send the file's bytes as the body", { field: "body" });
    const declaredType = String(request.headers["content-type"] ?? "").split(";")[0].trim();
    const view = await database.db.transaction(async (tx) => {
      const id = await addAttachment(tx, request.actor!, { ticketId: request.params.id, fileName: request.query.fileName, bytes: body, declaredType }, clock.now(), { store });
      const row = await getAttachment(tx, id);
      return presentAttachment(row!.attachment);
    });
    return reply.status(201).send(view);
  };
  const download = async (reply: FastifyReply, attachment: { id: string; storageKey: string; mediaType: string; fileName: string }) => {
    const bytes = await store.get(attachment.storageKey);
    if (!bytes) throw new Error(`attachment ${attachment.id}: no bytes under its storage key`);
    return reply
      .type(attachment.mediaType)
      .header("content-disposition", contentDisposition(attachment.mediaType, attachment.fileName))
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "sandbox")
      .header("cache-control", "private, no-store")
      .send(bytes);
  };

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
    handler: (request, reply) => upload(request, reply),
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
      return download(reply, row.attachment);
    },
  });

  // The portal: a citizen adds files to their own request and fetches back what they added — nothing of the unit's.
  app.post("/api/portal/requests/:id/attachments", {
    config: { access: "citizen", rateLimit: rateLimit({ name: "portal-uploads", max: PORTAL_UPLOADS_PER_HOUR, windowMs: 3_600_000, key: (request) => `citizen:${request.actor?.id ?? "-"}` }) },
    bodyLimit: MAX_ATTACHMENT_BYTES,
    schema: {
      tags: ["portal"],
      summary: `Add a file to my request (JPEG, PNG or PDF, at most 10 MiB; ${PORTAL_UPLOADS_PER_HOUR} an hour): the raw bytes as the body, the name in ?fileName=`,
      params: IdParams,
      querystring: UploadQuerySchema,
      response: { 201: AttachmentSchema },
    },
    handler: async (request, reply) => {
      const ticket = await getTicketRow(database.db, request.params.id);
      if (!ticket || !ticketPolicy.can(request.actor!, "read", ticket)) throw notFound("Request");
      return upload(request, reply);
    },
  });

  app.get("/api/portal/attachments/:id", {
    config: { access: "citizen" },
    schema: { tags: ["portal"], summary: "Download a file I added to my request", params: IdParams },
    handler: async (request, reply) => {
      const row = await getAttachment(database.db, request.params.id);
      if (!row || row.attachment.createdBy !== null || !ticketPolicy.can(request.actor!, "read", row.ticket)) throw notFound("Attachment");
      return download(reply, row.attachment);
    },
  });
};
