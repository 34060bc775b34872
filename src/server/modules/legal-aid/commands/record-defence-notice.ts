import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { loadCalendar } from "../../tickets/deadlines.ts";
import { DEFENCE_GROUND_ARTICLES, DEFENCE_RULES, defenceAssignmentDueAt, noticeProblem, stageProblem } from "../assigned-defence.rules.ts";
import { defenceNotices } from "../defence-notices.tables.ts";
import { defenceNoticePolicy } from "../defence-notices.policy.ts";
import type { RecordDefenceNoticeInput } from "../defence-notices.types.ts";

/** The county whose legal aid center a region belongs to (the region itself above county level), like a legal aid case's center. */
export async function centerOf(tx: Tx, regionCode: string) {
  const region = (await findRegionRefs(tx, [regionCode])).get(regionCode);
  if (!region) throw new AppError("VALIDATION_FAILED", "No such region", { field: "centerRegionCode" });
  const path = await findRegionsOnPath(tx, region.path);
  return path.find((r) => r.level === "county") ?? region;
}

/**
 * A notice from a court, procuratorate or police taken in by the center: who may notify on
 * the ground (Arts. 25, 28: some only a court), the stage, and Art. 36's 3 working days from
 * receipt on the calendar of the center's region. The name is sealed; the audit log carries
 * the document, never the name.
 */
export async function recordDefenceNotice(tx: Tx, actor: Actor, input: RecordDefenceNoticeInput, now: Date, protector: Protector): Promise<string> {
  const center = await centerOf(tx, input.centerRegionCode);
  defenceNoticePolicy.authorize(actor, "record", { centerRegionPath: center.path, lawyerId: null });
  const bodyProblem = noticeProblem(input.body, input.ground);
  if (bodyProblem) throw new AppError("VALIDATION_FAILED", bodyProblem, { field: "ground", extra: { articleNo: DEFENCE_GROUND_ARTICLES[input.ground] } });
  const stage = stageProblem(input.body, input.ground, input.caseStage);
  if (stage) throw new AppError("VALIDATION_FAILED", stage, { field: "caseStage" });
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime()) throw new AppError("VALIDATION_FAILED", "receivedAt is in the future", { field: "receivedAt" });

  const [twin] = await tx
    .select({ id: defenceNotices.id })
    .from(defenceNotices)
    .where(and(eq(defenceNotices.centerRegionCode, center.code), eq(defenceNotices.bodyName, input.bodyName), eq(defenceNotices.documentNo, input.documentNo)))
    .limit(1);
  if (twin) throw new AppError("CONFLICT", "This body's notice with this document number is recorded already", { field: "documentNo", extra: { noticeId: twin.id } });

  const dueAt = defenceAssignmentDueAt(await loadCalendar(tx, center.path), receivedAt);
  const [{ id }] = await tx
    .insert(defenceNotices)
    .values({
      body: input.body,
      bodyName: input.bodyName,
      documentNo: input.documentNo,
      receivedAt,
      ground: input.ground,
      caseStage: input.caseStage,
      personNameEnc: protector.encrypt(input.personName),
      charge: input.charge ?? null,
      centerRegionCode: center.code,
      centerRegionPath: center.path,
      status: "received",
      dueAt,
      createdBy: isStaff(actor) ? actor.id : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: defenceNotices.id });
  const rule = input.ground === "compulsory_medical_treatment" ? DEFENCE_RULES.compulsory_treatment : DEFENCE_RULES.notice;
  await recordAudit(tx, {
    actor,
    action: "defence_notice.record",
    entityType: "defence_notice",
    entityId: id,
    at: now,
    regionPath: center.path,
    detail: {
      body: input.body,
      bodyName: input.bodyName,
      documentNo: input.documentNo,
      ground: input.ground,
      groundArticle: DEFENCE_GROUND_ARTICLES[input.ground],
      caseStage: input.caseStage,
      center: { code: center.code, name: center.name },
      receivedAt: receivedAt.toISOString(),
      dueAt: dueAt.toISOString(),
      rules: [rule, DEFENCE_RULES.assignment_within_3_days].map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
    },
  });
  return id;
}
