import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { findRegionRefs } from "../regions/queries/find-regions.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { aidLawyerPolicy } from "./aid-lawyers.policy.ts";
import { suggestNextLawyer } from "./aid-lawyers.rules.ts";
import { ApproveAidLawyerSchema, AidLawyerListQuerySchema, PoolLawyerSchema, PoolNeedQuerySchema, SetAidLawyerStatusSchema, UpdateAidLawyerSchema } from "./aid-lawyers.types.ts";
import { approveAidLawyer } from "./commands/approve-aid-lawyer.ts";
import { updateAidLawyer } from "./commands/update-aid-lawyer.ts";
import { setAidLawyerStatus } from "./commands/set-aid-lawyer-status.ts";
import { beijingToday, findCenterPool, findPoolCandidates, findPoolLawyers, loadPoolLawyer } from "./queries/find-aid-lawyer-pool.ts";

const staff = { access: "staff" } as const;
const tags = ["legal-aid"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const SuggestionQuerySchema = Type.Composite([Type.Object({ centerRegionCode: RegionCodeSchema }), PoolNeedQuerySchema], { additionalProperties: false });

/** 法律援助律师库: the centers' pools of approved aid lawyers (docs/legal-aid-pool.md). */
export const aidLawyerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/legal-aid/lawyers", {
    config: staff,
    schema: { tags, summary: "The aid lawyer pools in your scope (a center's reviewers and the bureau's leaders: their county; supervisors read)", querystring: AidLawyerListQuerySchema, response: { 200: Type.Object({ items: Type.Array(PoolLawyerSchema), total: Type.Integer() }) } },
    handler: async (request) => findPoolLawyers(database.db, request.actor!, request.query, clock.now()),
  });

  app.get("/api/legal-aid/lawyers/suggestion", {
    config: staff,
    schema: { tags, summary: "The fair rotation's next lawyer of a center for a matter: eligible (Art. 26), of the field, fewest open cases, least recently assigned", querystring: SuggestionQuerySchema, response: { 200: Type.Object({ lawyer: Type.Union([PoolLawyerSchema, Type.Null()]) }) } },
    handler: async (request) => {
      const { centerRegionCode, ...need } = request.query;
      const center = (await findRegionRefs(database.db, [centerRegionCode])).get(centerRegionCode);
      if (!center) throw new AppError("VALIDATION_FAILED", "No such region", { field: "centerRegionCode" });
      aidLawyerPolicy.authorize(request.actor!, "read", { centerRegionPath: center.path });
      const now = clock.now();
      const next = suggestNextLawyer(await findCenterPool(database.db, center.path, now), need, beijingToday(now));
      return { lawyer: next ? { ...next, abilities: aidLawyerPolicy.abilities(request.actor!, next) } : null };
    },
  });

  app.get("/api/legal-aid/lawyers/candidates", {
    config: staff,
    schema: {
      tags,
      summary: "The lawyer accounts of a center's county not in its pool: whom its managers may approve",
      querystring: Type.Object({ centerRegionCode: RegionCodeSchema }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ accountId: Type.String(), displayName: Type.String(), region: Type.Object({ code: Type.String(), name: Type.String() }) })) }) },
    },
    handler: async (request) => {
      const center = (await findRegionRefs(database.db, [request.query.centerRegionCode])).get(request.query.centerRegionCode);
      if (!center) throw new AppError("VALIDATION_FAILED", "No such region", { field: "centerRegionCode" });
      aidLawyerPolicy.authorize(request.actor!, "manage", { centerRegionPath: center.path });
      return { items: await findPoolCandidates(database.db, center.path) };
    },
  });

  app.get("/api/legal-aid/lawyers/:id", {
    config: staff,
    schema: { tags, summary: "One pool lawyer with workload, rating and the history of approval, changes, suspension and removal", params: IdParams, response: { 200: PoolLawyerSchema } },
    handler: async (request) => loadPoolLawyer(database.db, request.actor!, request.params.id, clock.now()),
  });

  app.post("/api/legal-aid/lawyers", {
    config: staff,
    schema: { tags, summary: "Approve a lawyer account into a center's pool (fields, practice start for Art. 26)", body: ApproveAidLawyerSchema, response: { 201: PoolLawyerSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => loadPoolLawyer(tx, request.actor!, await approveAidLawyer(tx, request.actor!, request.body, now), now));
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/legal-aid/lawyers/:id", {
    config: staff,
    schema: { tags, summary: "Change a pool lawyer's fields, practice start or licence", params: IdParams, body: UpdateAidLawyerSchema, response: { 200: PoolLawyerSchema } },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await updateAidLawyer(tx, request.actor!, request.params.id, request.body, now);
        return loadPoolLawyer(tx, request.actor!, request.params.id, now);
      });
    },
  });

  app.post("/api/legal-aid/lawyers/:id/status", {
    config: staff,
    schema: { tags, summary: "Suspend, reinstate or remove a pool lawyer, with the reason", params: IdParams, body: SetAidLawyerStatusSchema, response: { 200: PoolLawyerSchema } },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await setAidLawyerStatus(tx, request.actor!, request.params.id, request.body, now);
        return loadPoolLawyer(tx, request.actor!, request.params.id, now);
      });
    },
  });
};
