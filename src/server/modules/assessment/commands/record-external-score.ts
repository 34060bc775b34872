import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { assessmentExternalScores } from "../assessment.tables.ts";
import { assessmentPolicy } from "../assessment.policy.ts";
import type { ExternalScoreBody } from "../assessment.types.ts";

/** 第三方评估: the external evaluation's score of a venue for a period (entered again, it replaces the earlier one). */
export async function recordExternalScore(tx: Tx, actor: Actor, venue: { id: string; regionPath: string }, input: ExternalScoreBody, now: Date): Promise<void> {
  assessmentPolicy.authorize(actor, "manage", { regionPath: venue.regionPath });
  const values = { score: input.score, evaluator: input.evaluator, recordedBy: actor.id, recordedAt: now };
  await tx
    .insert(assessmentExternalScores)
    .values({ venueId: venue.id, period: input.period, regionPath: venue.regionPath, ...values })
    .onConflictDoUpdate({ target: [assessmentExternalScores.venueId, assessmentExternalScores.period], set: values });
  await recordAudit(tx, {
    actor,
    action: "assessment.external_score.record",
    entityType: "venue",
    entityId: venue.id,
    at: now,
    regionPath: venue.regionPath,
    detail: { period: input.period, score: input.score, evaluator: input.evaluator },
  });
}
