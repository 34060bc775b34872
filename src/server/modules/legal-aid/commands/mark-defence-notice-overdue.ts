import { and, eq, isNull, lt, ne } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { DEFENCE_RULES } from "../assigned-defence.rules.ts";
import { defenceNotices } from "../defence-notices.tables.ts";

/**
 * Art. 36's 3 days ran out with the body not yet informed: the notice is marked overdue once
 * (by the scheduler), and the missed limit is an event in the audit log. False when there was
 * nothing to mark (informed meanwhile, or marked by another run).
 */
export async function markDefenceNoticeOverdue(tx: Tx, actor: Actor, noticeId: string, now: Date): Promise<boolean> {
  const [row] = await tx
    .update(defenceNotices)
    .set({ overdueAt: now })
    .where(and(eq(defenceNotices.id, noticeId), ne(defenceNotices.status, "body_informed"), isNull(defenceNotices.overdueAt), lt(defenceNotices.dueAt, now)))
    .returning();
  if (!row) return false;
  const { lawTitle, articleNo } = DEFENCE_RULES.assignment_within_3_days;
  await recordAudit(tx, {
    actor,
    action: "defence_notice.overdue",
    entityType: "defence_notice",
    entityId: row.id,
    at: now,
    regionPath: row.centerRegionPath,
    detail: { documentNo: row.documentNo, bodyName: row.bodyName, status: row.status, dueAt: row.dueAt.toISOString(), rules: [{ lawTitle, articleNo }] },
  });
  return true;
}
