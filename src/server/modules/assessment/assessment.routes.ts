import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import { hasRole, type Actor } from "../../policies/actor.ts";
import { getRegion } from "../regions/queries/find-regions.ts";
import { getVenue } from "../venues/queries/find-venues.ts";
import { recordAudit } from "../audit/record-audit.ts";
import {
  ExternalScoreBodySchema,
  ExternalScoreSchema,
  IndicatorSetBodySchema,
  IndicatorSetSchema,
  RegionParams,
  ScoresQuerySchema,
  ScoresSchema,
  type IndicatorSetView,
} from "./assessment.types.ts";
import { ASSESSMENT_ROLES, assessmentPolicy } from "./assessment.policy.ts";
import { MEASURES, DIMENSIONS } from "./indicators.ts";
import { parsePeriod, type Period } from "./period.ts";
import { findIndicatorSet } from "./queries/indicator-set.ts";
import { computeScores } from "./queries/compute-scores.ts";
import { resetIndicatorSet, updateIndicatorSet } from "./commands/update-indicator-set.ts";
import { recordExternalScore } from "./commands/record-external-score.ts";

const staff = { access: "staff" } as const;
const tags = ["assessment"];

/** The role first (403), then the scope (404, as if the record were not there). */
export function requireAssessmentRole(actor: Actor): void {
  if (actor.kind !== "system" && !hasRole(actor, ...ASSESSMENT_ROLES)) throw new AppError("FORBIDDEN", `Only ${ASSESSMENT_ROLES.join(", ")} work with assessments`);
}

/** The region a request names, authorized for `action`: 422 naming the field when it does not exist, 404 outside the scope. */
export async function loadRegion(tx: Tx, actor: Actor, code: string, action: "read" | "manage", field = "regionCode") {
  requireAssessmentRole(actor);
  const region = await getRegion(tx, code);
  if (!region) throw new AppError("UNKNOWN_REGION", `No region ${code}`, { field });
  assessmentPolicy.authorize(actor, action, { regionPath: region.path });
  return { code: region.code, name: region.name, path: region.path };
}

/** The period a request names (the schema checked its shape; this its calendar). */
export function periodOf(code: string, field = "period"): Period {
  const period = parsePeriod(code);
  if (!period) throw new AppError("VALIDATION_FAILED", `${code} is not a month, quarter or year`, { field });
  return period;
}

/** 考核评价: indicator sets, scores and rankings from live data, third-party evaluation scores. */
export const assessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  const presentSet = async (tx: Tx, actor: Actor, region: { code: string; path: string }): Promise<IndicatorSetView> => {
    const set = await findIndicatorSet(tx, region.path);
    return {
      regionCode: region.code,
      definedAt: set.definedAt,
      isInherited: set.definedAt?.code !== region.code,
      indicators: set.indicators,
      abilities: { update: assessmentPolicy.can(actor, "manage", { regionPath: region.path }) },
    };
  };

  app.get("/api/assessment/measures", {
    config: staff,
    schema: { tags, summary: "The catalogue of measures an indicator may read, and the dimensions" },
    handler: async () => ({ measures: MEASURES, dimensions: DIMENSIONS }),
  });

  app.get("/api/assessment/indicator-sets/:regionCode", {
    config: staff,
    schema: { tags, summary: "The indicator set a region uses: its own, its nearest ancestor's, or the shipped default", params: RegionParams, response: { 200: IndicatorSetSchema } },
    handler: async (request) => {
      const region = await loadRegion(database.db, request.actor!, request.params.regionCode, "read");
      return presentSet(database.db, request.actor!, region);
    },
  });

  app.put("/api/assessment/indicator-sets/:regionCode", {
    config: staff,
    schema: { tags, summary: "Set the region's own indicator set (weights summing to 100); regions under it inherit it", params: RegionParams, body: IndicatorSetBodySchema, response: { 200: IndicatorSetSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const region = await loadRegion(tx, actor, request.params.regionCode, "manage");
        await updateIndicatorSet(tx, actor, region, request.body.indicators, clock.now());
        return presentSet(tx, actor, region);
      });
    },
  });

  app.delete("/api/assessment/indicator-sets/:regionCode", {
    config: staff,
    schema: { tags, summary: "Drop the region's own set: it inherits again", params: RegionParams, response: { 200: IndicatorSetSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const region = await loadRegion(tx, actor, request.params.regionCode, "manage");
        await resetIndicatorSet(tx, actor, region, clock.now());
        return presentSet(tx, actor, region);
      });
    },
  });

  app.get("/api/assessment/scores", {
    config: staff,
    schema: { tags, summary: "Scores and rankings of the venues and staff at or under a region for a period, computed from live data", querystring: ScoresQuerySchema, response: { 200: ScoresSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      const period = periodOf(request.query.period);
      const region = await loadRegion(database.db, actor, request.query.regionCode, "read");
      const scores = await computeScores(database.db, region, period);
      // Rankings of named staff are a read worth recording.
      await recordAudit(database.db, { actor, action: "assessment.scores.read", entityType: "region", entityId: region.code, at: clock.now(), regionPath: region.path, detail: { period: period.code } });
      return scores;
    },
  });

  app.put("/api/assessment/venues/:venueId/external-scores", {
    config: staff,
    schema: {
      tags,
      summary: "第三方评估: record an external evaluation's score (0–100) of a venue for a period",
      params: Type.Object({ venueId: Type.String({ format: "uuid" }) }),
      body: ExternalScoreBodySchema,
      response: { 200: ExternalScoreSchema },
    },
    handler: async (request) => {
      const actor = request.actor!;
      requireAssessmentRole(actor);
      periodOf(request.body.period);
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        const venue = await getVenue(tx, request.params.venueId);
        if (!venue) throw notFound("Venue");
        await recordExternalScore(tx, actor, { id: venue.venue.id, regionPath: venue.regionPath }, request.body, now);
        return { venueId: venue.venue.id, period: request.body.period, score: request.body.score, evaluator: request.body.evaluator, recordedAt: now.toISOString() };
      });
    },
  });
};
