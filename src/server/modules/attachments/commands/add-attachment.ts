import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { ticketPolicy } from "../../tickets/tickets.policy.ts";
import { ticketAttachments } from "../attachments.tables.ts";
import type { AttachmentStore } from "../attachment-store.ts";
import { ATTACHMENT_MEDIA_TYPES, cleanFileName, sniffMediaType } from "../media-type.ts";

export type AddAttachmentInput = { ticketId: string; fileName: string; bytes: Buffer; declaredType: string };

/**
 * Attaches a file to a ticket (a material the applicant brought): checks the
 * file is really a JPEG, PNG or PDF (and the ticket neither archived nor merged), stores the bytes, records its SHA-256 and
 * an `attachment.added` event. The bytes are written before the row; if the
 * transaction fails here they are removed again.
 */
export async function addAttachment(tx: Tx, actor: Actor, input: AddAttachmentInput, now: Date, deps: { store: AttachmentStore }): Promise<string> {
  const ticket = await lockTicket(tx, input.ticketId);
  ticketPolicy.authorize(actor, "updateMaterials", ticket);
  // As for the checklist (updateTicketMaterials): a closed record takes no more materials.
  if (ticket.status === "archived" || ticket.status === "merged") {
    throw new AppError("INVALID_TRANSITION", `A ${ticket.status} ticket is read-only`, { field: "id" });
  }
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
