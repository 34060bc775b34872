import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { formatBeijingDateTime } from "../../../platform/beijing-time.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findAttachments } from "../../attachments/queries/find-attachments.ts";
import { generatedDocuments, type GeneratedDocumentRow } from "../documents.tables.ts";
import { KIND_SPECS, type DocumentFormat, type DocumentKind } from "../document-kinds.ts";
import type { GeneratedDocumentView, VerificationView } from "../documents.types.ts";
import { groupVerificationCode, normalizeVerificationCode } from "../verification-code.ts";

/** A ticket's documents, oldest first, with their files' names (the caller has authorized reading the ticket). */
export async function findTicketDocuments(tx: Tx, ticketId: string): Promise<GeneratedDocumentView[]> {
  const rows = await tx.select().from(generatedDocuments).where(eq(generatedDocuments.ticketId, ticketId)).orderBy(asc(generatedDocuments.createdAt), asc(generatedDocuments.id));
  if (rows.length === 0) return [];
  const files = new Map((await findAttachments(tx, ticketId)).map((a) => [a.id, a]));
  const names = await findStaffNames(tx, rows.flatMap((r) => [r.createdBy, r.revokedBy]));
  return rows.map((row) => presentDocument(row, files.get(row.attachmentId)?.fileName ?? `${row.kind}.${row.format}`, names));
}

export async function getTicketDocument(tx: Tx, ticketId: string, id: string): Promise<GeneratedDocumentView | null> {
  const [found] = (await findTicketDocuments(tx, ticketId)).filter((d) => d.id === id);
  return found ?? null;
}

function presentDocument(row: GeneratedDocumentRow, fileName: string, names: Map<string, string>): GeneratedDocumentView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind as DocumentKind,
    name: KIND_SPECS[row.kind as DocumentKind]?.name ?? row.kind,
    format: row.format as DocumentFormat,
    fileName,
    attachmentId: row.attachmentId,
    verificationCode: groupVerificationCode(row.verificationCode),
    sha256: row.sha256,
    size: row.size,
    createdBy: row.createdBy ? { id: row.createdBy, displayName: names.get(row.createdBy) ?? "?" } : null,
    createdAt: row.createdAt.toISOString(),
    revocation: row.revokedAt
      ? {
          at: row.revokedAt.toISOString(),
          reason: row.revocationReason ?? "",
          by: row.revokedBy ? { id: row.revokedBy, displayName: names.get(row.revokedBy) ?? "?" } : null,
        }
      : null,
  };
}

/**
 * What the public verify route says of a code, or null for a code that is not
 * one or is unknown: the document's kind, ticket number, issuing unit, time and
 * hash, and the applicant's name masked — nothing else of the ticket; and whether
 * it was revoked, when and why.
 */
export async function verifyDocument(tx: Tx, typed: string): Promise<VerificationView | null> {
  const code = normalizeVerificationCode(typed);
  if (!code) return null;
  const [row] = await tx.select().from(generatedDocuments).where(and(eq(generatedDocuments.verificationCode, code))).limit(1);
  if (!row) return null;
  return {
    code: groupVerificationCode(row.verificationCode),
    kind: row.kind as DocumentKind,
    name: KIND_SPECS[row.kind as DocumentKind]?.name ?? row.kind,
    format: row.format as DocumentFormat,
    ticketNumber: row.ticketNumber,
    issuingUnit: row.issuingUnit,
    issuedAt: row.createdAt.toISOString(),
    issuedAtBeijing: formatBeijingDateTime(row.createdAt),
    applicant: row.applicantMasked,
    sha256: row.sha256,
    size: row.size,
    // A revoked document is still found, so whoever holds a copy learns that it no longer stands and why.
    isRevoked: row.revokedAt !== null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedAtBeijing: row.revokedAt ? formatBeijingDateTime(row.revokedAt) : null,
    revocationReason: row.revocationReason,
  };
}
