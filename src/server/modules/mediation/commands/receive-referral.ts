import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { mediationCommittees, mediationReferrals } from "../mediation.tables.ts";
import { referralPolicy } from "../mediation.policy.ts";
import { MEDIATION_RULES } from "../mediation.rules.ts";
import { receiptNumberOf } from "../referral.state.ts";
import type { ReceiveReferralInput } from "../mediation.types.ts";
import { openMediationCase } from "./open-mediation-case.ts";

/**
 * A dispute referred by a court, the police or a petition office (诉调、公调、访调对接;
 * Art. 18): a mediation ticket (channel `referral`), its case before the committee
 * named, and the referral with the partner's reference and a receipt (回执) given at
 * once — one transaction. Returns the referral's and the case's ids.
 */
export async function receiveReferral(tx: Tx, actor: Actor, input: ReceiveReferralInput, now: Date, protector: Protector): Promise<{ referralId: string; caseId: string; ticketId: string }> {
  const [committee] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, input.committeeId)).limit(1);
  if (!committee || !committee.isActive) throw new AppError("VALIDATION_FAILED", "No such committee in service", { field: "committeeId" });
  referralPolicy.authorize(actor, "receive", { regionPath: committee.regionPath, mediatorIds: [] });
  const { id: ticketId } = await createTicket(
    tx,
    actor,
    { channel: "referral", serviceType: "mediation", category: input.ticket.category, regionCode: input.ticket.regionCode, applicant: input.ticket.applicant, counterparty: input.ticket.counterparty, description: input.ticket.description },
    now,
    { protector },
  );
  const referralId = randomUUID();
  const caseId = await openMediationCase(tx, actor, { ticketId, committeeId: committee.id }, now, protector, { kind: "referral", referralId, partnerName: input.partnerName.trim() });
  const receiptNumber = receiptNumberOf(referralId, now);
  const by = isStaff(actor) ? { id: actor.id, name: actor.displayName } : { id: null, name: null };
  await tx.insert(mediationReferrals).values({
    id: referralId,
    direction: "incoming",
    partnerKind: input.partnerKind,
    partnerName: input.partnerName.trim(),
    partnerReference: input.partnerReference?.trim() ?? null,
    caseId,
    regionCode: committee.regionCode,
    regionPath: committee.regionPath,
    status: "received",
    reason: input.reason.trim(),
    receiptNumber,
    receiptAt: now,
    history: [{ status: "received", at: now.toISOString(), by: by.id, byName: by.name, note: `回执 ${receiptNumber}` }],
    createdBy: by.id,
    createdAt: now,
    updatedAt: now,
  });
  const detail = {
    referralId,
    caseId,
    partnerKind: input.partnerKind,
    partnerName: input.partnerName.trim(),
    partnerReference: input.partnerReference?.trim() ?? null,
    receiptNumber,
    rules: [MEDIATION_RULES.referral_in].map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
  };
  await recordTicketEvent(tx, ticketId, actor, "mediation_referral.received", detail, now);
  await recordAudit(tx, { actor, action: "mediation_referral.receive", entityType: "mediation_referral", entityId: referralId, at: now, regionPath: committee.regionPath, detail });
  return { referralId, caseId, ticketId };
}
