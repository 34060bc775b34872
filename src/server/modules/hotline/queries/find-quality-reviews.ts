import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import type { CallbackSettings } from "../hotline-callbacks.rules.ts";
import type { QualityReviewListQuery, QualityReviewView } from "../hotline-callbacks.types.ts";
import { qualityReviewPolicy, qualityReviewScope } from "../hotline.policy.ts";
import { hotlineCalls, hotlineQualityReviews } from "../hotline.tables.ts";
import { findCallbackSettings } from "./find-callback-settings.ts";

/**
 * 质检 queue of the region: pending reviews oldest sample first, scored ones
 * latest first (optionally only those that flagged the operator). The caller's
 * number is always masked: reviewing a call needs no number.
 */
export async function findQualityReviews(tx: Tx, actor: Actor, protector: Protector, query: QualityReviewListQuery & { id?: string }): Promise<{ items: QualityReviewView[]; total: number }> {
  const status = query.status ?? "pending";
  const conditions: SQL[] = [qualityReviewScope(actor, hotlineQualityReviews.regionPath), eq(hotlineQualityReviews.status, status)];
  if (query.id) conditions.push(eq(hotlineQualityReviews.id, query.id));
  if (query.isFlagged !== undefined) conditions.push(eq(hotlineQualityReviews.isFlagged, query.isFlagged));
  const where = and(...conditions);
  const order = status === "pending" ? [asc(hotlineQualityReviews.sampledAt), asc(hotlineQualityReviews.id)] : [desc(hotlineQualityReviews.reviewedAt), desc(hotlineQualityReviews.id)];
  const rows = await tx
    .select({ review: hotlineQualityReviews, call: hotlineCalls })
    .from(hotlineQualityReviews)
    .innerJoin(hotlineCalls, eq(hotlineCalls.id, hotlineQualityReviews.callRef))
    .where(where)
    .orderBy(...order)
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(hotlineQualityReviews).where(where);
  const names = await findStaffNames(tx, rows.flatMap((r) => [r.review.operatorId, r.review.reviewerId]));
  const settingsByPath = new Map<string, CallbackSettings>();
  for (const path of new Set(rows.map((r) => r.review.regionPath))) settingsByPath.set(path, (await findCallbackSettings(tx, path)).settings);
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? "?" } : null);
  const items = rows.map(({ review, call }) => {
    const settings = settingsByPath.get(review.regionPath)!;
    return {
      id: review.id,
      status: review.status,
      call: {
        callId: call.callId,
        caller: presentSealed(protector, call.callerEnc, maskPhone),
        arrivedAt: call.arrivedAt?.toISOString() ?? null,
        answeredAt: call.answeredAt?.toISOString() ?? null,
        talkSeconds: call.talkSeconds,
        seat: call.seat,
        recordingUrl: call.recordingUrl,
      },
      operator: person(review.operatorId),
      scores: review.scores,
      total: review.total === null ? null : Number(review.total),
      comment: review.comment,
      isFlagged: review.isFlagged,
      reviewer: person(review.reviewerId),
      reviewedAt: review.reviewedAt?.toISOString() ?? null,
      sampledAt: review.sampledAt.toISOString(),
      scoringForm: settings.scoringForm,
      flagBelowTotal: settings.flagBelowTotal,
      abilities: { score: review.status === "pending" && qualityReviewPolicy.can(actor, "score", review) },
    };
  });
  return { items, total: Number(total) };
}
