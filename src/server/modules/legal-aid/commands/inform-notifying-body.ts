import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { DEFENCE_RULES } from "../assigned-defence.rules.ts";
import { defenceNotices } from "../defence-notices.tables.ts";
import { defenceNoticePolicy } from "../defence-notices.policy.ts";
import { lockDefenceNotice, noticeRecordOf } from "./assign-defence-lawyer.ts";

/**
 * Art. 36: having assigned the lawyer, the center informs the court, procuratorate or
 * police. That ends the notice's limit — met when done by the due time, missed after.
 */
export async function informNotifyingBody(tx: Tx, actor: Actor, noticeId: string, note: string | undefined, now: Date): Promise<void> {
  const row = await lockDefenceNotice(tx, noticeId);
  defenceNoticePolicy.authorize(actor, "inform_body", noticeRecordOf(row));
  if (row.status === "received") throw new AppError("INVALID_TRANSITION", "Assign a lawyer before informing the notifying body");
  if (row.status === "body_informed") throw new AppError("INVALID_TRANSITION", "The notifying body was informed already");
  await tx
    .update(defenceNotices)
    .set({ status: "body_informed", bodyInformedAt: now, bodyInformedBy: actor.kind === "staff" ? actor.id : null, updatedAt: now })
    .where(eq(defenceNotices.id, row.id));
  const { lawTitle, articleNo } = DEFENCE_RULES.assignment_within_3_days;
  await recordAudit(tx, {
    actor,
    action: "defence_notice.inform_body",
    entityType: "defence_notice",
    entityId: row.id,
    at: now,
    regionPath: row.centerRegionPath,
    detail: { documentNo: row.documentNo, bodyName: row.bodyName, lawyerId: row.lawyerId, note: note ?? null, isLate: now.getTime() > row.dueAt.getTime(), rules: [{ lawTitle, articleNo }] },
  });
}
