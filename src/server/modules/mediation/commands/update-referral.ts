import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { mediationCases, mediationReferrals } from "../mediation.tables.ts";
import { referralPolicy } from "../mediation.policy.ts";
import { allowedReferralStatuses, moveReferral, type ReferralStatus } from "../referral.state.ts";
import type { ReferralStatusUpdateInput } from "../mediation.types.ts";

const byOf = (actor: Actor) => ({ id: isStaff(actor) ? actor.id : null, name: isStaff(actor) ? actor.displayName : actor.kind === "system" ? actor.username : null });

async function lockReferral(tx: Tx, id: string) {
  const [row] = await tx.select().from(mediationReferrals).where(eq(mediationReferrals.id, id)).for("update").limit(1);
  if (!row) throw notFound("Mediation referral");
  const [c] = await tx.select({ ticketId: mediationCases.ticketId, mediatorIds: mediationCases.mediatorIds }).from(mediationCases).where(eq(mediationCases.id, row.caseId)).limit(1);
  return { row, ticketId: c.ticketId, record: { regionPath: row.regionPath, mediatorIds: c.mediatorIds } };
}

async function write(tx: Tx, actor: Actor, id: string, ticketId: string, regionPath: string, moved: { status: ReferralStatus; history: unknown[] }, from: ReferralStatus, note: string | null, partnerReference: string | null | undefined, now: Date) {
  await tx
    .update(mediationReferrals)
    .set({ status: moved.status, history: moved.history as never, updatedAt: now, ...(partnerReference ? { partnerReference } : {}) })
    .where(eq(mediationReferrals.id, id));
  const detail = { referralId: id, from, to: moved.status, note, ...(partnerReference ? { partnerReference } : {}) };
  await recordTicketEvent(tx, ticketId, actor, "mediation_referral.updated", detail, now);
  await recordAudit(tx, { actor, action: "mediation_referral.update", entityType: "mediation_referral", entityId: id, at: now, regionPath, detail });
}

/** Records what the partner answered, or what became of a referral (sent → received → accepted/returned → concluded). */
export async function updateReferralStatus(tx: Tx, actor: Actor, id: string, input: ReferralStatusUpdateInput, now: Date): Promise<void> {
  const { row, ticketId, record } = await lockReferral(tx, id);
  referralPolicy.authorize(actor, "update", record);
  const moved = moveReferral(row, input.status, byOf(actor), input.note?.trim() ?? null, now);
  await write(tx, actor, id, ticketId, row.regionPath, moved, row.status, input.note?.trim() ?? null, input.partnerReference?.trim(), now);
}

/**
 * An incoming referral follows its case: accepted when the committee takes it, returned
 * when it declines, concluded at the outcome — the referring court or office sees where
 * it stands. A referral already past that point is left as it is.
 */
export async function followCaseInReferral(tx: Tx, actor: Actor, id: string, to: ReferralStatus, note: string, now: Date): Promise<void> {
  const { row, ticketId } = await lockReferral(tx, id);
  if (!allowedReferralStatuses(row.status).includes(to)) return;
  const moved = moveReferral(row, to, byOf(actor), note, now);
  await write(tx, actor, id, ticketId, row.regionPath, moved, row.status, note, undefined, now);
}
