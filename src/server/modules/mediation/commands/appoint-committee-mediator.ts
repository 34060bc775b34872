import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { isWithinScope, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { mediationCommitteeMembers, mediationCommittees } from "../mediation.tables.ts";
import { committeePolicy } from "../mediation.policy.ts";
import { findMediators } from "../queries/find-mediators.ts";

/**
 * A committee appoints (聘任, Art. 13) a mediator by name: an active mediator account the
 * actor sees, not already one of the committee's mediators. Once appointed, the committee
 * may designate them or the parties choose them (Art. 19) like its region's own.
 */
export async function appointCommitteeMediator(tx: Tx, actor: Actor, committeeId: string, accountId: string, now: Date): Promise<void> {
  const [committee] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, committeeId)).for("update").limit(1);
  if (!committee) throw notFound("Mediation committee");
  committeePolicy.authorize(actor, "appoint", { regionPath: committee.regionPath });
  const account = (await findStaffByIds(tx, [accountId])).get(accountId);
  // An account outside the actor's scope is reported like one that does not exist.
  if (!account || !isWithinScope(actor, account.regionPath)) throw new AppError("VALIDATION_FAILED", "No such account", { field: "accountId" });
  if (account.isDisabled || !account.roles.includes("mediator")) throw new AppError("VALIDATION_FAILED", "Only an active account with the mediator role can be appointed", { field: "accountId" });
  if ((await findMediators(tx, committee)).some((m) => m.id === accountId)) throw new AppError("CONFLICT", "Already one of the committee's mediators", { field: "accountId" });
  await tx.insert(mediationCommitteeMembers).values({ committeeId, accountId, addedBy: actor.kind === "staff" ? actor.id : null, addedAt: now });
  await recordAudit(tx, { actor, action: "mediation_committee.appoint", entityType: "mediation_committee", entityId: committeeId, at: now, regionPath: committee.regionPath, detail: { accountId, name: account.displayName } });
}

/**
 * Ends an appointment. Only a mediator appointed by name can be taken off here; a mediator
 * by region stays one as long as their account is a mediator there (accounts page).
 */
export async function dismissCommitteeMediator(tx: Tx, actor: Actor, committeeId: string, accountId: string, now: Date): Promise<void> {
  const [committee] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, committeeId)).for("update").limit(1);
  if (!committee) throw notFound("Mediation committee");
  committeePolicy.authorize(actor, "appoint", { regionPath: committee.regionPath });
  const removed = await tx
    .delete(mediationCommitteeMembers)
    .where(and(eq(mediationCommitteeMembers.committeeId, committeeId), eq(mediationCommitteeMembers.accountId, accountId)))
    .returning({ accountId: mediationCommitteeMembers.accountId });
  if (removed.length === 0) {
    const isByRegion = (await findMediators(tx, committee)).some((m) => m.id === accountId && m.membership === "region");
    if (isByRegion) throw new AppError("CONFLICT", "A mediator of the committee's region: change the account's region or role instead", { field: "accountId" });
    throw notFound("Appointed mediator");
  }
  const name = (await findStaffByIds(tx, [accountId])).get(accountId)?.displayName ?? null;
  await recordAudit(tx, { actor, action: "mediation_committee.dismiss", entityType: "mediation_committee", entityId: committeeId, at: now, regionPath: committee.regionPath, detail: { accountId, name } });
}
