import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { regionPolicy } from "./regions.policy.ts";
import { CreateRegionSchema, ImportRegionsSchema, RegionCodeSchema, RegionDetailSchema, RegionListQuerySchema, RegionSchema } from "./regions.types.ts";
import { findRegions, getAncestors, getRegion, presentRegion } from "./queries/find-regions.ts";
import { createRegion } from "./commands/create-region.ts";
import { importRegions } from "./commands/import-regions.ts";

const staff = { access: "staff" } as const;

export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/regions", {
    config: staff,
    schema: { tags: ["regions"], summary: "Regions of your scope (children of parentCode, or matching q)", querystring: RegionListQuerySchema, response: { 200: Type.Object({ items: Type.Array(RegionSchema) }) } },
    handler: async (request) => ({ items: await findRegions(database.db, request.actor!, request.query) }),
  });

  app.get("/api/regions/:code", {
    config: staff,
    schema: { tags: ["regions"], summary: "One region with its ancestors", params: Type.Object({ code: RegionCodeSchema }), response: { 200: RegionDetailSchema } },
    handler: async (request) => {
      const region = await getRegion(database.db, request.params.code);
      if (!region) throw notFound("Region");
      regionPolicy.authorize(request.actor!, "read", region);
      return { ...presentRegion(request.actor!, region, region.hasChildren), ancestors: await getAncestors(database.db, region) };
    },
  });

  app.post("/api/regions", {
    config: staff,
    schema: { tags: ["regions"], summary: "Add a child region (admin)", body: CreateRegionSchema, response: { 201: RegionSchema } },
    handler: async (request, reply) => {
      const region = await database.db.transaction((tx) => createRegion(tx, request.actor!, request.body, clock.now()));
      return reply.status(201).send(presentRegion(request.actor!, region, false));
    },
  });

  app.post("/api/regions/import", {
    config: staff,
    bodyLimit: 10 * 1024 * 1024,
    schema: { tags: ["regions"], summary: "Import regions from CSV, all or nothing (admin)", body: ImportRegionsSchema, response: { 200: Type.Object({ imported: Type.Integer() }) } },
    handler: async (request) => database.db.transaction((tx) => importRegions(tx, request.actor!, request.body.csv, clock.now())),
  });
};
