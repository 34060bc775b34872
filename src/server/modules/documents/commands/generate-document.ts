import { randomUUID } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { formatBeijingDateTime } from "../../../platform/beijing-time.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { getTicketRow, presentTickets } from "../../tickets/queries/present-ticket.ts";
import { attachGeneratedFile } from "../../attachments/commands/add-attachment.ts";
import type { AttachmentStore } from "../../attachments/attachment-store.ts";
import { DOCX_MEDIA_TYPE } from "../../attachments/media-type.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import { handlingUnitName } from "../../services/handling-unit.ts";
import { generatedDocuments } from "../documents.tables.ts";
import { documentPolicy } from "../documents.policy.ts";
import { isKindFor, KIND_SPECS } from "../document-kinds.ts";
import type { GenerateDocumentInput } from "../documents.types.ts";
import { renderTemplate, resolveValues } from "../template-render.ts";
import { templateOf } from "../queries/find-templates.ts";
import { maskName, ticketValues } from "../ticket-values.ts";
import { groupVerificationCode, newVerificationCode, verificationUrl } from "../verification-code.ts";
import { findDocumentFont, fontMissing, renderPdf } from "../pdf-document.ts";
import { renderDocx } from "../docx-document.ts";

/** `publicUrl`: where the public reaches this deployment (config SANTAI_PUBLIC_URL), for the verify address printed on the document. */
export type GenerateDeps = { protector: Protector; store: AttachmentStore; documentFont: string | null; publicUrl: string };

/**
 * Generates a document for a ticket and keeps it there (文书): the template in
 * force, filled from the ticket as the actor may see it and the caller's fields,
 * stamped with the ticket number, a new verification code and the time; stored
 * as a ticket attachment, registered for the public verify route, audited.
 * The file is made before the transaction that stores it, so the ticket's lock
 * is not held while a PDF is laid out.
 */
export async function generateDocument(db: Tx, actor: Actor, ticketId: string, input: GenerateDocumentInput, now: Date, deps: GenerateDeps): Promise<string> {
  const row = await getTicketRow(db, ticketId);
  if (!row) throw notFound("Ticket");
  documentPolicy.authorize(actor, "generate", row);
  const spec = KIND_SPECS[input.kind];
  if (!isKindFor(input.kind, row.serviceType)) {
    throw new AppError("VALIDATION_FAILED", `${spec.name} is for ${spec.serviceTypes!.join(", ")} tickets; this one is ${row.serviceType}`, { field: "kind" });
  }
  const font = input.format === "pdf" ? findDocumentFont(deps.documentFont) : null;
  if (input.format === "pdf" && !font) throw fontMissing(deps.documentFont);

  const [view] = await presentTickets(db, actor, deps.protector, [row], { now });
  // 出具单位: the unit handling the ticket, else the body for this service where the matter is.
  const unitRegion = row.unitRegionCode ?? row.regionCode;
  const regionRef = (await findRegionRefsCached(db, [unitRegion])).get(unitRegion);
  const issuingUnit = view.unit?.name ?? (regionRef ? handlingUnitName(row.serviceType, regionRef) : view.region.name);
  const values = resolveValues(input.kind, ticketValues(view, { name: issuingUnit, regionName: regionRef?.name ?? view.region.name }, now), input.fields ?? {});
  const template = await templateOf(db, input.kind);
  const document = renderTemplate(input.kind, template, values);

  const code = newVerificationCode();
  const stamp = { ticketNo: row.number, code: groupVerificationCode(code), issuedAt: formatBeijingDateTime(now), issuingUnit, verifyUrl: verificationUrl(deps.publicUrl, code) };
  const bytes = font ? await renderPdf(document, stamp, font, now) : await renderDocx(document, stamp, now);
  const fileName = `${document.title.replace(/[\\/]/g, "或")}-${row.number}-${code.slice(0, 4)}.${input.format}`;

  return db.transaction(async (tx) => {
    const file = await attachGeneratedFile(
      tx,
      actor,
      { ticketId: row.id, fileName, bytes, mediaType: input.format === "pdf" ? "application/pdf" : DOCX_MEDIA_TYPE },
      now,
      { store: deps.store },
    );
    const id = randomUUID();
    await tx.insert(generatedDocuments).values({
      id,
      ticketId: row.id,
      kind: input.kind,
      format: input.format,
      attachmentId: file.id,
      verificationCode: code,
      sha256: file.sha256,
      size: file.size,
      ticketNumber: row.number,
      issuingUnit,
      applicantMasked: maskName(row.applicantName),
      templateVersion: template.version,
      createdBy: actor.kind === "staff" ? actor.id : null,
      createdAt: now,
    });
    await recordAudit(tx, {
      actor,
      action: "document.generate",
      entityType: "ticket",
      entityId: row.id,
      at: now,
      regionPath: row.regionPath,
      // The fields' names, not their values (they may hold personal data).
      detail: { documentId: id, kind: input.kind, format: input.format, attachmentId: file.id, sha256: file.sha256, templateVersion: template.version, fields: Object.keys(input.fields ?? {}) },
    });
    return id;
  });
}
