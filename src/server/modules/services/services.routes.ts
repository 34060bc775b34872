import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { resolveRegion, type RegionRow } from "../regions/queries/resolve-region.ts";
import { settingsPolicy } from "./services.policy.ts";
import { ServiceSettingsInputSchema, ServiceSettingsListSchema, ServiceSettingsSchema, ServiceTypeSchema, SettingsRegionQuerySchema, type ServiceSettingsView } from "./services.types.ts";
import { findServiceSettings } from "./queries/find-service-settings.ts";
import { resetServiceSettings, saveServiceSettings } from "./commands/save-service-settings.ts";

const staff = { access: "staff" } as const;
const tags = ["settings"];

/** The node asked for (the actor's own by default), refused as NOT_FOUND outside the actor's scope. */
async function nodeOf(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<RegionRow> {
  const code = regionCode ?? (actor.kind === "staff" ? actor.regionCode : "");
  const node = await resolveRegion(tx, code);
  settingsPolicy.authorize(actor, "read", { regionPath: node.path });
  return node;
}

async function present(tx: Tx, actor: Actor, node: RegionRow): Promise<ServiceSettingsView[]> {
  const canUpdate = settingsPolicy.can(actor, "update", { regionPath: node.path });
  return (await findServiceSettings(tx, node)).map((item) => ({ ...item, abilities: { update: canUpdate, reset: canUpdate && item.isOwn } }));
}

/**
 * Per region node and service type: the material checklist, the deadline rules and
 * the auto-dispatch switch, inherited downwards (docs/architecture.md, "Settings").
 */
export const serviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/settings/services", {
    config: staff,
    schema: {
      tags,
      summary: "The service settings in force at a region node of your scope, each with where it comes from",
      querystring: SettingsRegionQuerySchema,
      response: { 200: ServiceSettingsListSchema },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const node = await nodeOf(database.db, actor, request.query.regionCode);
      return { region: { code: node.code, name: node.name }, items: await present(database.db, actor, node), abilities: { update: settingsPolicy.can(actor, "update", { regionPath: node.path }) } };
    },
  });

  const itemRoute = { params: Type.Object({ serviceType: ServiceTypeSchema }), querystring: SettingsRegionQuerySchema, response: { 200: ServiceSettingsSchema } };

  app.put("/api/settings/services/:serviceType", {
    config: staff,
    schema: { tags, summary: "Set a region node's own checklist, deadlines and auto-dispatch switch for a service type (admin, your node or below)", ...itemRoute, body: ServiceSettingsInputSchema },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const node = await nodeOf(tx, request.actor!, request.query.regionCode);
        await saveServiceSettings(tx, request.actor!, node, request.params.serviceType, request.body, clock.now());
        return (await present(tx, request.actor!, node)).find((s) => s.serviceType === request.params.serviceType)!;
      }),
  });

  app.delete("/api/settings/services/:serviceType", {
    config: staff,
    schema: { tags, summary: "Remove a region node's own settings for a service type, so it inherits again (admin, your node or below)", ...itemRoute },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const node = await nodeOf(tx, request.actor!, request.query.regionCode);
        await resetServiceSettings(tx, request.actor!, node, request.params.serviceType, clock.now());
        return (await present(tx, request.actor!, node)).find((s) => s.serviceType === request.params.serviceType)!;
      }),
  });
};
