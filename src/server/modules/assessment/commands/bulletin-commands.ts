import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { assessmentBulletins } from "../assessment.tables.ts";
import { assessmentPolicy, bulletinPolicy } from "../assessment.policy.ts";
import type { EditBulletinBody } from "../assessment.types.ts";
import { transitionBulletin, type BulletinAction } from "../bulletin.state.ts";
import { draftBulletin } from "../draft-bulletin.ts";
import { computeScores } from "../queries/compute-scores.ts";
import { getBulletinRow } from "../queries/find-bulletins.ts";
import type { Period } from "../period.ts";

/** 生成通报: a draft drafted from the region's rankings for the period. */
export async function generateBulletin(tx: Tx, actor: Actor, region: { code: string; name: string; path: string }, period: Period, now: Date): Promise<string> {
  assessmentPolicy.authorize(actor, "manage", { regionPath: region.path });
  const { title, content } = draftBulletin(await computeScores(tx, region, period));
  const [row] = await tx
    .insert(assessmentBulletins)
    .values({ regionCode: region.code, regionPath: region.path, period: period.code, title, state: "draft", content, createdBy: actor.id, createdAt: now, updatedAt: now })
    .returning({ id: assessmentBulletins.id });
  await recordAudit(tx, { actor, action: "assessment.bulletin.generate", entityType: "assessment_bulletin", entityId: row.id, at: now, regionPath: region.path, detail: { period: period.code } });
  return row.id;
}

/** Loads a bulletin for an action, locked for the change: 404 outside the scope, 403 for the wrong role, 409 in the wrong state. */
async function loadFor(tx: Tx, actor: Actor, id: string, action: BulletinAction) {
  const [row] = await tx.select().from(assessmentBulletins).where(eq(assessmentBulletins.id, id)).for("update");
  if (!row) throw notFound("Bulletin");
  if (!bulletinPolicy.can(actor, "read", row)) throw notFound("Bulletin");
  // The state first: a published bulletin cannot be edited by anyone (409); then who may (403).
  const next = transitionBulletin(row.state, action);
  bulletinPolicy.authorize(actor, action, row);
  return { row, next };
}

/** Edits a draft's text (title, summary, commendations, criticisms, closing). */
export async function editBulletin(tx: Tx, actor: Actor, id: string, input: EditBulletinBody, now: Date): Promise<void> {
  const { row } = await loadFor(tx, actor, id, "edit");
  const { title, ...text } = input;
  const changed = Object.keys(input);
  if (changed.length === 0) throw new AppError("VALIDATION_FAILED", "Nothing to change", { field: "title" });
  await tx
    .update(assessmentBulletins)
    .set({ title: title ?? row.title, content: { ...row.content, ...text }, updatedAt: now })
    .where(eq(assessmentBulletins.id, id));
  await recordAudit(tx, { actor, action: "assessment.bulletin.edit", entityType: "assessment_bulletin", entityId: id, at: now, regionPath: row.regionPath, detail: { changed } });
}

/** review, return (to draft) or publish. */
export async function transitionBulletinRecord(tx: Tx, actor: Actor, id: string, action: "review" | "return" | "publish", now: Date): Promise<void> {
  const { row, next } = await loadFor(tx, actor, id, action);
  await tx
    .update(assessmentBulletins)
    .set({
      state: next,
      updatedAt: now,
      ...(action === "review" ? { reviewedBy: actor.id, reviewedAt: now } : {}),
      ...(action === "return" ? { reviewedBy: null, reviewedAt: null } : {}),
      ...(action === "publish" ? { publishedBy: actor.id, publishedAt: now } : {}),
    })
    .where(eq(assessmentBulletins.id, id));
  const auditAction = action === "review" ? "assessment.bulletin.review" : action === "return" ? "assessment.bulletin.return" : "assessment.bulletin.publish";
  await recordAudit(tx, { actor, action: auditAction, entityType: "assessment_bulletin", entityId: id, at: now, regionPath: row.regionPath, detail: { from: row.state, to: next } });
}

export { getBulletinRow };
