import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { getTicketRow } from "../../tickets/queries/get-ticket.ts";
import { ticketAttachments, type TicketAttachmentRow } from "../attachments.tables.ts";
import type { AttachmentView } from "../attachments.types.ts";

/** A ticket's attachments, oldest first (the caller has authorized reading the ticket). */
export async function findAttachments(tx: Tx, ticketId: string): Promise<TicketAttachmentRow[]> {
  return tx.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticketId)).orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.id));
}

/** One attachment with what the ticket's read policy needs. */
export async function getAttachment(tx: Tx, id: string) {
  const [attachment] = await tx.select().from(ticketAttachments).where(eq(ticketAttachments.id, id)).limit(1);
  if (!attachment) return null;
  const ticket = await getTicketRow(tx, attachment.ticketId);
  return ticket ? { attachment, ticket } : null;
}

export function presentAttachment(row: TicketAttachmentRow): AttachmentView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
