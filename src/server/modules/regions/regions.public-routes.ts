import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { RegionCodeSchema, RegionRefSchema } from "./regions.types.ts";
import { findChildRegions, findRegionChain } from "./queries/find-public-regions.ts";

const open = { access: "public" } as const;

/** The region tree for portal visitors (no sign-in): choosing "where I live" for guides and articles. */
export const publicRegionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database } = app.ctx;

  app.get("/api/public/regions", {
    config: open,
    schema: {
      tags: ["portal"],
      summary: "The children of a region (the roots without parentCode)",
      querystring: Type.Object({ parentCode: Type.Optional(RegionCodeSchema) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Composite([RegionRefSchema, Type.Object({ hasChildren: Type.Boolean() })])) }) },
    },
    handler: async (request) => ({ items: await findChildRegions(database.db, request.query.parentCode ?? null) }),
  });

  app.get("/api/public/regions/:code", {
    config: open,
    schema: {
      tags: ["portal"],
      summary: "A region and the chain from the root down to it",
      params: Type.Object({ code: RegionCodeSchema }),
      response: { 200: Type.Object({ chain: Type.Array(RegionRefSchema) }) },
    },
    handler: async (request) => {
      const chain = await findRegionChain(database.db, request.params.code);
      if (!chain) throw notFound("Region");
      return { chain };
    },
  });
};
