import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { aidLawyerEvents, aidLawyers } from "../aid-lawyers.tables.ts";
import { aidLawyerPolicy } from "../aid-lawyers.policy.ts";
import type { AidLawyerStatus } from "../aid-lawyers.rules.ts";
import type { SetAidLawyerStatusInput } from "../aid-lawyers.types.ts";

/** suspend: approved → suspended; reinstate: suspended → approved; remove: from either → removed. */
const MOVES: Record<SetAidLawyerStatusInput["action"], { from: AidLawyerStatus[]; to: AidLawyerStatus }> = {
  suspend: { from: ["approved"], to: "suspended" },
  reinstate: { from: ["suspended"], to: "approved" },
  remove: { from: ["approved", "suspended"], to: "removed" },
};

/**
 * Suspension (暂停指派), reinstatement and removal (移出律师库) of a pool lawyer, always
 * with the reason, on the entry's history and in the audit log. Cases already
 * assigned stay with the lawyer: moving them is the center's decision case by case.
 */
export async function setAidLawyerStatus(tx: Tx, actor: Actor, id: string, input: SetAidLawyerStatusInput, now: Date): Promise<void> {
  const [row] = await tx.select().from(aidLawyers).where(eq(aidLawyers.id, id)).for("update").limit(1);
  if (!row) throw notFound("Aid lawyer");
  aidLawyerPolicy.authorize(actor, "manage", row);
  const move = MOVES[input.action];
  if (!move.from.includes(row.status)) throw new AppError("INVALID_TRANSITION", `A ${row.status} lawyer cannot be ${input.action === "remove" ? "removed" : `${input.action}ed`}`);
  await tx.update(aidLawyers).set({ status: move.to, statusReason: input.reason, updatedAt: now }).where(eq(aidLawyers.id, id));
  const detail = { from: row.status, to: move.to, accountId: row.accountId, reason: input.reason };
  await tx.insert(aidLawyerEvents).values({ aidLawyerId: id, type: input.action, reason: input.reason, detail, actorId: actor.id, at: now });
  const action = input.action === "suspend" ? "aid_lawyer.suspend" : input.action === "reinstate" ? "aid_lawyer.reinstate" : "aid_lawyer.remove";
  await recordAudit(tx, { actor, action, entityType: "aid_lawyer", entityId: id, at: now, regionPath: row.centerRegionPath, detail });
}
