import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { DEFENCE_RULES, poolNeedOf } from "../assigned-defence.rules.ts";
import { defenceNotices, type DefenceNoticeRow } from "../defence-notices.tables.ts";
import { defenceNoticePolicy } from "../defence-notices.policy.ts";
import { checkAidLawyerChoice } from "../queries/find-aid-lawyers.ts";
import { findCenterPool, hasCenterPool } from "../queries/find-aid-lawyer-pool.ts";

export const noticeRecordOf = (row: DefenceNoticeRow) => ({ centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });

export async function lockDefenceNotice(tx: Tx, id: string): Promise<DefenceNoticeRow> {
  const [row] = await tx.select().from(defenceNotices).where(eq(defenceNotices.id, id)).for("update").limit(1);
  if (!row) throw notFound("Defence notice");
  return row;
}

/**
 * The center assigns a lawyer of its pool to the notice (Art. 36: within 3 days of receipt).
 * The pool's own check decides who may take it: approved, and what the ground asks
 * (poolNeedOf: a criminal lawyer; Art. 26's three years for life-or-death grounds) — a
 * refusal is a 400 on `lawyerId` naming the article. A lawyer already assigned may be
 * replaced until the body is informed.
 */
export async function assignDefenceLawyer(tx: Tx, actor: Actor, noticeId: string, lawyerId: string, now: Date): Promise<void> {
  const row = await lockDefenceNotice(tx, noticeId);
  defenceNoticePolicy.authorize(actor, "assign_lawyer", noticeRecordOf(row));
  if (row.status === "body_informed") throw new AppError("INVALID_TRANSITION", "The notifying body was informed already: the assignment stands", { field: "lawyerId" });
  const need = poolNeedOf(row.ground);
  const lawyer = await checkAidLawyerChoice(tx, row.centerRegionPath, lawyerId, need, now);
  const entry = await isOfField(tx, row.centerRegionPath, lawyerId, now);
  if (entry === false) throw new AppError("VALIDATION_FAILED", "The lawyer is not approved for criminal defence in the center's pool", { field: "lawyerId", extra: { reason: "field" } });
  await tx
    .update(defenceNotices)
    .set({ status: "assigned", lawyerId: lawyer.id, assignedAt: now, assignedBy: actor.kind === "staff" ? actor.id : null, updatedAt: now })
    .where(eq(defenceNotices.id, row.id));
  const rules = [DEFENCE_RULES.assignment_within_3_days, ...(need.isLifeOrDeathCase ? [DEFENCE_RULES.life_or_death_experience] : [])];
  await recordAudit(tx, {
    actor,
    action: "defence_notice.assign_lawyer",
    entityType: "defence_notice",
    entityId: row.id,
    at: now,
    regionPath: row.centerRegionPath,
    detail: {
      documentNo: row.documentNo,
      bodyName: row.bodyName,
      lawyerId: lawyer.id,
      lawyer: lawyer.displayName,
      replaces: row.lawyerId,
      isLifeOrDeathCase: need.isLifeOrDeathCase ?? false,
      isLate: now.getTime() > row.dueAt.getTime(),
      rules: rules.map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
    },
  });
}

/**
 * Is the lawyer approved for criminal defence in the center's pool? null while the center has
 * no pool yet (its lawyer accounts stand in, as for legal aid cases).
 */
async function isOfField(tx: Tx, centerRegionPath: string, lawyerId: string, now: Date): Promise<boolean | null> {
  if (!(await hasCenterPool(tx, centerRegionPath))) return null;
  const entry = (await findCenterPool(tx, centerRegionPath, now)).find((e) => e.accountId === lawyerId);
  return entry ? entry.fields.includes("criminal_defence") : false;
}
