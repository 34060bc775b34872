import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { aidLawyerEvents, aidLawyers } from "../aid-lawyers.tables.ts";
import { aidLawyerPolicy, canManagePoolOf } from "../aid-lawyers.policy.ts";
import type { ApproveAidLawyerInput } from "../aid-lawyers.types.ts";
import { beijingToday } from "../queries/find-aid-lawyer-pool.ts";

/**
 * A lawyer account approved into a center's pool (入库), with the fields and the day
 * they began practising; a lawyer once removed is approved again on the same entry,
 * so the history stays one. Audited; 409 when they are in the pool already.
 */
export async function approveAidLawyer(tx: Tx, actor: Actor, input: ApproveAidLawyerInput, now: Date): Promise<string> {
  const center = (await findRegionRefs(tx, [input.centerRegionCode])).get(input.centerRegionCode);
  if (!center) throw new AppError("VALIDATION_FAILED", "No such region", { field: "centerRegionCode" });
  if (!canManagePoolOf(actor, center.path)) {
    // Outside the actor's scope the center is as good as unknown.
    aidLawyerPolicy.authorize(actor, "manage", { centerRegionPath: center.path });
  }
  const account = (await findStaffByIds(tx, [input.accountId])).get(input.accountId);
  if (!account || account.isDisabled || !account.roles.includes("lawyer")) throw new AppError("VALIDATION_FAILED", "Only an active lawyer account can be approved into the pool", { field: "accountId" });
  if (input.practiceSince > beijingToday(now)) throw new AppError("VALIDATION_FAILED", "practiceSince is in the future", { field: "practiceSince" });

  const [existing] = await tx.select().from(aidLawyers).where(and(eq(aidLawyers.centerRegionCode, center.code), eq(aidLawyers.accountId, account.id))).for("update").limit(1);
  if (existing && existing.status !== "removed") throw new AppError("CONFLICT", `The lawyer is in this center's pool already (${existing.status})`, { field: "accountId" });
  const values = {
    fields: input.fields,
    practiceSince: input.practiceSince,
    licenseNo: input.licenseNo ?? null,
    status: "approved" as const,
    statusReason: input.reason ?? null,
    approvedBy: actor.id,
    approvedAt: now,
    updatedAt: now,
  };
  let id: string;
  if (existing) {
    await tx.update(aidLawyers).set(values).where(eq(aidLawyers.id, existing.id));
    id = existing.id;
  } else {
    [{ id }] = await tx
      .insert(aidLawyers)
      .values({ accountId: account.id, centerRegionCode: center.code, centerRegionPath: center.path, ...values })
      .returning({ id: aidLawyers.id });
  }
  const detail = { accountId: account.id, lawyer: account.displayName, center: center.code, fields: input.fields, practiceSince: input.practiceSince, licenseNo: input.licenseNo ?? null };
  await tx.insert(aidLawyerEvents).values({ aidLawyerId: id, type: "approve", reason: input.reason ?? null, detail, actorId: actor.id, at: now });
  await recordAudit(tx, { actor, action: "aid_lawyer.approve", entityType: "aid_lawyer", entityId: id, at: now, regionPath: center.path, detail: { ...detail, reason: input.reason ?? null } });
  return id;
}
