import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { assessmentIndicatorSets } from "../assessment.tables.ts";
import { assessmentPolicy } from "../assessment.policy.ts";
import { checkIndicatorSet, type Indicator } from "../indicators.ts";

/** A bureau's own indicator set for its region (replacing any it had); its children inherit it. */
export async function updateIndicatorSet(tx: Tx, actor: Actor, region: { code: string; path: string }, indicators: Indicator[], now: Date): Promise<void> {
  assessmentPolicy.authorize(actor, "manage", { regionPath: region.path });
  const problems = checkIndicatorSet(indicators);
  if (problems.length > 0) throw new AppError("VALIDATION_FAILED", problems[0].message, { field: problems[0].field, extra: { problems } });
  const [before] = await tx.select({ indicators: assessmentIndicatorSets.indicators }).from(assessmentIndicatorSets).where(eq(assessmentIndicatorSets.regionCode, region.code));
  await tx
    .insert(assessmentIndicatorSets)
    .values({ regionCode: region.code, regionPath: region.path, indicators, updatedBy: actor.id, updatedAt: now })
    .onConflictDoUpdate({ target: assessmentIndicatorSets.regionCode, set: { indicators, updatedBy: actor.id, updatedAt: now } });
  await recordAudit(tx, {
    actor,
    action: "assessment.indicator_set.update",
    entityType: "assessment_indicator_set",
    entityId: region.code,
    at: now,
    regionPath: region.path,
    detail: { weights: Object.fromEntries(indicators.map((i) => [i.key, i.weight])), targets: Object.fromEntries(indicators.map((i) => [i.key, i.target])), isNew: !before },
  });
}

/** Drops a region's own set: it inherits its nearest ancestor's (or the default) again. */
export async function resetIndicatorSet(tx: Tx, actor: Actor, region: { code: string; path: string }, now: Date): Promise<void> {
  assessmentPolicy.authorize(actor, "manage", { regionPath: region.path });
  const removed = await tx.delete(assessmentIndicatorSets).where(eq(assessmentIndicatorSets.regionCode, region.code)).returning({ code: assessmentIndicatorSets.regionCode });
  if (removed.length === 0) throw new AppError("NOT_FOUND", "This region has no indicator set of its own");
  await recordAudit(tx, { actor, action: "assessment.indicator_set.reset", entityType: "assessment_indicator_set", entityId: region.code, at: now, regionPath: region.path });
}
