import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { scoreReview } from "../hotline-callbacks.rules.ts";
import { qualityReviewPolicy } from "../hotline.policy.ts";
import { hotlineQualityReviews } from "../hotline.tables.ts";
import { findCallbackSettings } from "../queries/find-callback-settings.ts";

/**
 * A supervisor scores a sampled call against the bureau's scoring form, once: the
 * total (0–100) below the bureau's line flags the operator. The same request sent
 * again (its `requestId`) changes nothing; another scoring of a scored call is 409.
 */
export async function scoreQualityReview(tx: Tx, actor: Actor, id: string, input: { requestId: string; scores: Record<string, number>; comment?: string }, now: Date): Promise<void> {
  const [review] = await tx.select().from(hotlineQualityReviews).where(eq(hotlineQualityReviews.id, id)).for("update");
  if (!review) throw notFound("Quality review");
  qualityReviewPolicy.authorize(actor, "score", review);
  if (review.status === "scored") {
    if (review.requestId === input.requestId) return;
    throw new AppError("CONFLICT", "This call has already been scored", { field: "review" });
  }
  const { settings } = await findCallbackSettings(tx, review.regionPath);
  const { total, isFlagged } = scoreReview(settings.scoringForm, input.scores, settings.flagBelowTotal);
  const comment = input.comment?.trim() || null;
  await tx
    .update(hotlineQualityReviews)
    .set({ status: "scored", scores: input.scores, total: String(total), comment, isFlagged, reviewerId: actor.kind === "staff" ? actor.id : null, reviewedAt: now, requestId: input.requestId })
    .where(eq(hotlineQualityReviews.id, id));
  await recordAudit(tx, {
    actor,
    action: "hotline.quality_review",
    entityType: "hotline_quality_review",
    entityId: id,
    at: now,
    regionPath: review.regionPath,
    detail: { scores: input.scores, total, isFlagged, operatorId: review.operatorId, ...(comment ? { comment } : {}) },
  });
}
