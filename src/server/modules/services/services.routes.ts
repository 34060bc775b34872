import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { settingsPolicy } from "./services.policy.ts";
import { ServiceSettingsInputSchema, ServiceSettingsSchema, ServiceTypeSchema } from "./services.types.ts";
import { findServiceSettings } from "./queries/find-service-settings.ts";
import { saveServiceSettings } from "./commands/save-service-settings.ts";

const staff = { access: "staff" } as const;

/** Per-service checklists, deadlines and the auto-dispatch switch. */
export const serviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/settings/services", {
    config: staff,
    schema: {
      tags: ["settings"],
      summary: "Each service type's material checklist, deadline rules and auto-dispatch switch",
      response: { 200: Type.Object({ items: Type.Array(ServiceSettingsSchema), abilities: Type.Object({ update: Type.Boolean() }) }) },
    },
    handler: async (request) => ({ items: await findServiceSettings(database.db), abilities: { update: settingsPolicy.can(request.actor!, "update", null) } }),
  });

  app.put("/api/settings/services/:serviceType", {
    config: staff,
    schema: {
      tags: ["settings"],
      summary: "Replace a service type's checklist, deadlines and auto-dispatch switch (admin)",
      params: Type.Object({ serviceType: ServiceTypeSchema }),
      body: ServiceSettingsInputSchema,
      response: { 200: ServiceSettingsSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await saveServiceSettings(tx, request.actor!, request.params.serviceType, request.body, clock.now());
        return (await findServiceSettings(tx)).find((s) => s.serviceType === request.params.serviceType)!;
      }),
  });
};
