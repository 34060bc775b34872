import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { getTicketRow } from "../../tickets/queries/get-ticket.ts";
import { generatedDocuments } from "../documents.tables.ts";
import { documentPolicy } from "../documents.policy.ts";
import type { RevokeDocumentInput } from "../documents.types.ts";

/**
 * 作废: a generated document no longer stands (issued in error, superseded). The
 * register keeps it, marked revoked with when, why and by whom; the public verify
 * route says so; the file stays on the ticket. Once only: a revoked document is
 * not revoked again (409). Audited in the same transaction.
 */
export async function revokeDocument(tx: Tx, actor: Actor, ticketId: string, documentId: string, input: RevokeDocumentInput, now: Date): Promise<void> {
  const ticket = await getTicketRow(tx, ticketId);
  if (!ticket) throw notFound("Ticket");
  documentPolicy.authorize(actor, "revoke", ticket);
  const [document] = await tx
    .select()
    .from(generatedDocuments)
    .where(and(eq(generatedDocuments.id, documentId), eq(generatedDocuments.ticketId, ticket.id)))
    .for("update")
    .limit(1);
  if (!document) throw notFound("Document");
  if (document.revokedAt) {
    throw new AppError("CONFLICT", "This document was already revoked", { field: "documentId", extra: { revokedAt: document.revokedAt.toISOString() } });
  }
  const reason = input.reason.trim();
  const [revoked] = await tx
    .update(generatedDocuments)
    .set({ revokedAt: now, revokedBy: actor.kind === "staff" ? actor.id : null, revocationReason: reason })
    .where(and(eq(generatedDocuments.id, document.id), isNull(generatedDocuments.revokedAt)))
    .returning({ id: generatedDocuments.id });
  if (!revoked) throw new AppError("CONFLICT", "This document was already revoked", { field: "documentId" });
  await recordAudit(tx, {
    actor,
    action: "document.revoke",
    entityType: "ticket",
    entityId: ticket.id,
    at: now,
    regionPath: ticket.regionPath,
    detail: { documentId: document.id, kind: document.kind, format: document.format, sha256: document.sha256, reason },
  });
}
