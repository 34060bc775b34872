import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { aidLawyerEvents, aidLawyers } from "../aid-lawyers.tables.ts";
import { aidLawyerPolicy } from "../aid-lawyers.policy.ts";
import type { UpdateAidLawyerInput } from "../aid-lawyers.types.ts";
import { beijingToday } from "../queries/find-aid-lawyer-pool.ts";

/** The fields, practice start or licence of a pool entry changed; audited with what was before. */
export async function updateAidLawyer(tx: Tx, actor: Actor, id: string, input: UpdateAidLawyerInput, now: Date): Promise<void> {
  const [row] = await tx.select().from(aidLawyers).where(eq(aidLawyers.id, id)).for("update").limit(1);
  if (!row) throw notFound("Aid lawyer");
  aidLawyerPolicy.authorize(actor, "manage", row);
  if (row.status === "removed") throw new AppError("INVALID_TRANSITION", "A removed lawyer is approved again, not changed", { field: "id" });
  if (input.practiceSince && input.practiceSince > beijingToday(now)) throw new AppError("VALIDATION_FAILED", "practiceSince is in the future", { field: "practiceSince" });
  const change = {
    ...(input.fields ? { fields: input.fields } : {}),
    ...(input.practiceSince ? { practiceSince: input.practiceSince } : {}),
    ...(input.licenseNo !== undefined ? { licenseNo: input.licenseNo } : {}),
  };
  const before = Object.fromEntries(Object.keys(change).map((k) => [k, row[k as keyof typeof change]]));
  await tx.update(aidLawyers).set({ ...change, updatedAt: now }).where(eq(aidLawyers.id, id));
  const detail = { before, after: change };
  await tx.insert(aidLawyerEvents).values({ aidLawyerId: id, type: "update", reason: null, detail, actorId: actor.id, at: now });
  await recordAudit(tx, { actor, action: "aid_lawyer.update", entityType: "aid_lawyer", entityId: id, at: now, regionPath: row.centerRegionPath, detail });
}
