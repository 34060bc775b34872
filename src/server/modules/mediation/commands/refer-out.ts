import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { mediationCases, mediationReferrals } from "../mediation.tables.ts";
import { mediationCaseAbilities, mediationCasePolicy } from "../mediation.policy.ts";
import { MEDIATION_RULES } from "../mediation.rules.ts";
import type { ReferOutInput } from "../mediation.types.ts";
import { recordOfCase } from "./act-on-mediation-case.ts";

/**
 * A mediation that failed or that a party ended is sent on to a court, an arbitration
 * body or another authority (Art. 26: 仲裁、行政、司法等途径): an outgoing referral,
 * status `sent`, on the case's ticket trail and in the audit log.
 */
export async function referOut(tx: Tx, actor: Actor, caseId: string, input: ReferOutInput, now: Date): Promise<string> {
  const [found] = await tx.select({ ticketId: mediationCases.ticketId }).from(mediationCases).where(eq(mediationCases.id, caseId)).limit(1);
  if (!found) throw notFound("Mediation case");
  const ticket = await lockTicket(tx, found.ticketId);
  const [row] = await tx.select().from(mediationCases).where(eq(mediationCases.id, caseId)).for("update").limit(1);
  mediationCasePolicy.authorize(actor, "refer_out", recordOfCase(row));
  if (!mediationCaseAbilities(actor, recordOfCase(row), row.state, now).refer_out) {
    throw new AppError("INVALID_TRANSITION", `A ${row.status} mediation case is not referred on; it is referred once mediation failed or was ended`);
  }
  const id = randomUUID();
  const by = isStaff(actor) ? { id: actor.id, name: actor.displayName } : { id: null, name: null };
  await tx.insert(mediationReferrals).values({
    id,
    direction: "outgoing",
    partnerKind: input.partnerKind,
    partnerName: input.partnerName.trim(),
    partnerReference: input.partnerReference?.trim() ?? null,
    caseId,
    regionCode: row.regionCode,
    regionPath: row.regionPath,
    status: "sent",
    reason: input.reason.trim(),
    receiptNumber: null,
    receiptAt: null,
    history: [{ status: "sent", at: now.toISOString(), by: by.id, byName: by.name, note: null }],
    createdBy: by.id,
    createdAt: now,
    updatedAt: now,
  });
  const detail = { referralId: id, caseId, partnerKind: input.partnerKind, partnerName: input.partnerName.trim(), reason: input.reason.trim(), rules: [MEDIATION_RULES.failure_guidance].map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })) };
  await recordTicketEvent(tx, row.ticketId, actor, "mediation_referral.sent", detail, now, { seq: ticket.chainSeq, hash: ticket.chainHash });
  await recordAudit(tx, { actor, action: "mediation_referral.send", entityType: "mediation_referral", entityId: id, at: now, regionPath: row.regionPath, detail: { number: ticket.number, ...detail } });
  return id;
}
