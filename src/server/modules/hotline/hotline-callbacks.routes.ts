import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Tx } from "../../platform/db/index.ts";
import { notFound } from "../../platform/errors.ts";
import type { Actor } from "../../policies/actor.ts";
import { resolveRegion } from "../regions/queries/resolve-region.ts";
import {
  CallbackAttemptSchema,
  CallbackListQuerySchema,
  CallbackSchema,
  CallbackSettingsQuerySchema,
  CallbackSettingsSchema,
  CallbackSettingsViewSchema,
  FollowUpSurveySchema,
  QualityReviewListQuerySchema,
  QualityReviewSchema,
  ScoreReviewSchema,
} from "./hotline-callbacks.types.ts";
import { callbackSettingsPolicy } from "./hotline.policy.ts";
import { findCallbacks } from "./queries/find-callbacks.ts";
import { findCallbackSettings } from "./queries/find-callback-settings.ts";
import { findQualityReviews } from "./queries/find-quality-reviews.ts";
import { claimCallback, recordCallbackAttempt, recordFollowUpSurvey } from "./commands/work-callback.ts";
import { scoreQualityReview } from "./commands/score-quality-review.ts";
import { saveCallbackSettings } from "./commands/save-callback-settings.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 12348 hotline: callbacks (回拨) and follow-up surveys (回访) at the desk, quality review (质检), and a bureau's settings for them. */
export const hotlineCallbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  /** The callback as the actor now sees it, after a change in `tx`. */
  const presentOne = async (tx: Tx, actor: Actor, id: string) => {
    const [closed] = (await findCallbacks(tx, actor, protector, { id, status: "closed" }, clock.now())).items;
    const [open] = closed ? [closed] : (await findCallbacks(tx, actor, protector, { id, status: "open" }, clock.now())).items;
    if (!open) throw notFound("Callback");
    return open;
  };

  app.get("/api/hotline/callbacks", {
    config: staff,
    schema: { tags, summary: "The region's callbacks: open ones oldest deadline first, overdue marked (operators, supervisors, leaders, admins)", querystring: CallbackListQuerySchema, response: { 200: Type.Object({ items: Type.Array(CallbackSchema), total: Type.Integer() }) } },
    handler: async (request) => database.db.transaction((tx) => findCallbacks(tx, request.actor!, protector, request.query, clock.now())),
  });

  app.post("/api/hotline/callbacks/:id/claim", {
    config: staff,
    schema: { tags, summary: "Claim a callback (operators, supervisors of the region); claiming your own again changes nothing", params: IdParams, response: { 200: CallbackSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await claimCallback(tx, request.actor!, request.params.id, clock.now());
        return presentOne(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/hotline/callbacks/:id/attempts", {
    config: staff,
    schema: { tags, summary: "Record a try at a claimed callback: reached or a wrong number closes it; the last allowed failed try closes it as unreachable", params: IdParams, body: CallbackAttemptSchema, response: { 200: CallbackSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await recordCallbackAttempt(tx, request.actor!, request.params.id, request.body, clock.now(), { protector });
        return presentOne(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/hotline/callbacks/:id/survey", {
    config: staff,
    schema: {
      tags,
      summary: "Record a follow-up's survey (回访): the ticket is followed up and the answers become its rating",
      params: IdParams,
      body: FollowUpSurveySchema,
      response: { 200: Type.Object({ callback: CallbackSchema, isRated: Type.Boolean({ description: "false: the ticket had a rating already, which stands" }) }) },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const { isRated } = await recordFollowUpSurvey(tx, request.actor!, request.params.id, request.body, clock.now(), { protector });
        return { callback: await presentOne(tx, request.actor!, request.params.id), isRated };
      }),
  });

  app.get("/api/hotline/quality/reviews", {
    config: staff,
    schema: { tags, summary: "The quality review queue (质检) of the region (supervisors score; leaders and admins read)", querystring: QualityReviewListQuerySchema, response: { 200: Type.Object({ items: Type.Array(QualityReviewSchema), total: Type.Integer() }) } },
    handler: async (request) => database.db.transaction((tx) => findQualityReviews(tx, request.actor!, protector, request.query)),
  });

  app.post("/api/hotline/quality/reviews/:id/score", {
    config: staff,
    schema: { tags, summary: "Score a sampled call against the scoring form (supervisors of the region); a low total flags the operator", params: IdParams, body: ScoreReviewSchema, response: { 200: QualityReviewSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const actor = request.actor!;
        await scoreQualityReview(tx, actor, request.params.id, request.body, clock.now());
        const [review] = (await findQualityReviews(tx, actor, protector, { id: request.params.id, status: "scored" })).items;
        if (!review) throw notFound("Quality review");
        return review;
      }),
  });

  app.get("/api/hotline/callback-settings", {
    config: staff,
    schema: { tags, summary: "The callback, survey and quality settings in force at a region node of your scope", querystring: CallbackSettingsQuerySchema, response: { 200: CallbackSettingsViewSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const actor = request.actor!;
        const region = await resolveRegion(tx, request.query.regionCode);
        callbackSettingsPolicy.authorize(actor, "read", { regionPath: region.path });
        const { settings, fromRegionCode } = await findCallbackSettings(tx, region.path);
        return { regionCode: region.code, fromRegionCode, settings, abilities: { update: callbackSettingsPolicy.can(actor, "update", { regionPath: region.path }) } };
      }),
  });

  app.put("/api/hotline/callback-settings", {
    config: staff,
    schema: { tags, summary: "Set a bureau's own callback, survey and quality settings (admins of the region)", querystring: CallbackSettingsQuerySchema, body: CallbackSettingsSchema, response: { 200: CallbackSettingsViewSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const actor = request.actor!;
        await saveCallbackSettings(tx, actor, request.query.regionCode, request.body, clock.now());
        const region = await resolveRegion(tx, request.query.regionCode);
        const { settings, fromRegionCode } = await findCallbackSettings(tx, region.path);
        return { regionCode: region.code, fromRegionCode, settings, abilities: { update: true } };
      }),
  });
};
