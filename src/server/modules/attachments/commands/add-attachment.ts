import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { ticketPolicy } from "../../tickets/tickets.policy.ts";
import { ticketAttachments } from "../attachments.tables.ts";
import type { AttachmentStore } from "../attachment-store.ts";
import { ATTACHMENT_MEDIA_TYPES, cleanFileName, GENERATED_MEDIA_TYPES, sniffMediaType, type GeneratedMediaType } from "../media-type.ts";

export type AddAttachmentInput = { ticketId: string; fileName: string; bytes: Buffer; declaredType: string };

/**
 * Attaches a file to a ticket (a material the applicant brought): checks the
 * file is really a JPEG, PNG or PDF (and the ticket neither archived nor merged), stores the bytes, records its SHA-256 and
 * an `attachment.added` event. The bytes are written before the row; if the
 * transaction fails here they are removed again.
 */
export async function addAttachment(tx: Tx, actor: Actor, input: AddAttachmentInput, now: Date, deps: { store: AttachmentStore }): Promise<string> {
  const ticket = await lockOpenTicket(tx, actor, input.ticketId);
  const fileName = cleanFileName(input.fileName);
  if (!fileName) throw new AppError("VALIDATION_FAILED", "fileName must name a file", { field: "fileName" });
  if (input.bytes.length === 0) throw new AppError("VALIDATION_FAILED", "The file is empty", { field: "body" });
  const mediaType = sniffMediaType(input.bytes);
  if (!mediaType) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The file (sent as ${input.declaredType}) is not a ${ATTACHMENT_MEDIA_TYPES.join(", ")}: its content does not match any of them`, {
      field: "body",
      extra: { declaredType: input.declaredType, accepted: ATTACHMENT_MEDIA_TYPES },
    });
  }
  return storeAttachment(tx, actor, ticket, { fileName, mediaType, bytes: input.bytes }, now, deps);
}

/** The ticket locked, once the actor may add materials to it and it is still open. */
async function lockOpenTicket(tx: Tx, actor: Actor, ticketId: string) {
  const ticket = await lockTicket(tx, ticketId);
  ticketPolicy.authorize(actor, "updateMaterials", ticket);
  // As for the checklist (updateTicketMaterials): a closed record takes no more materials.
  if (ticket.status === "archived" || ticket.status === "merged") {
    throw new AppError("INVALID_TRANSITION", `A ${ticket.status} ticket is read-only`, { field: "id" });
  }
  return ticket;
}

export type GeneratedFileInput = { ticketId: string; fileName: string; bytes: Buffer; mediaType: GeneratedMediaType };

/**
 * Keeps a file the server generated (a document: PDF or DOCX) on the ticket,
 * under the same rule and with the same event as an upload. The caller made the
 * bytes, so their type is taken as given (a DOCX is never accepted as an upload).
 */
export async function attachGeneratedFile(tx: Tx, actor: Actor, input: GeneratedFileInput, now: Date, deps: { store: AttachmentStore }): Promise<{ id: string; sha256: string; size: number }> {
  const ticket = await lockOpenTicket(tx, actor, input.ticketId);
  const fileName = cleanFileName(input.fileName);
  if (!fileName || input.bytes.length === 0 || !GENERATED_MEDIA_TYPES.includes(input.mediaType)) throw new Error(`attachGeneratedFile: bad file ${JSON.stringify(input.fileName)}`);
  const id = await storeAttachment(tx, actor, ticket, { fileName, mediaType: input.mediaType, bytes: input.bytes }, now, deps);
  return { id, sha256: createHash("sha256").update(input.bytes).digest("hex"), size: input.bytes.length };
}

async function storeAttachment(
  tx: Tx,
  actor: Actor,
  ticket: { id: string },
  input: { fileName: string; mediaType: string; bytes: Buffer },
  now: Date,
  deps: { store: AttachmentStore },
): Promise<string> {
  const { fileName, mediaType } = input;
  const id = randomUUID();
  const storageKey = `${ticket.id}/${id}`;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  await deps.store.put(storageKey, input.bytes);
  try {
    await tx.insert(ticketAttachments).values({
      id,
      ticketId: ticket.id,
      fileName,
      mediaType,
      size: input.bytes.length,
      sha256,
      storageKey,
      createdBy: actor.kind === "staff" ? actor.id : null,
      createdAt: now,
    });
    await recordTicketEvent(tx, ticket.id, actor, "attachment.added", { attachmentId: id, fileName, mediaType, size: input.bytes.length, sha256 }, now);
  } catch (error) {
    await deps.store.delete(storageKey).catch(() => undefined);
    throw error;
  }
  return id;
}
