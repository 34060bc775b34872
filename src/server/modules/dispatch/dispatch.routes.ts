import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { isWithinScope, type Actor } from "../../policies/actor.ts";
import { codesOfPath } from "../regions/region-rules.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { TicketSchema, ServiceTypeSchema } from "../tickets/tickets.types.ts";
import { getTicketRow, presentTickets } from "../tickets/queries/present-ticket.ts";
import type { DispatchSuggestion } from "./dispatch-rules.ts";
import { settingsPolicy } from "./dispatch.policy.ts";
import { DispatchSuggestionSchema, HolidayYearInputSchema, HolidayYearSchema, MaterialsInputSchema, ServiceSettingsInputSchema, ServiceSettingsSchema } from "./dispatch.types.ts";
import { suggestForTicket } from "./queries/dispatch-suggestion.ts";
import { findHolidayYears, findServiceSettings } from "./queries/find-settings.ts";
import { saveServiceSettings } from "./commands/save-service-settings.ts";
import { saveHolidayYear } from "./commands/save-holiday-year.ts";
import { updateTicketMaterials } from "./commands/update-ticket-materials.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** The unit is the matter's node or one of its ancestors, so its path is a prefix of the matter's. */
function presentSuggestion(actor: Actor, matterPath: string, s: DispatchSuggestion) {
  const codes = codesOfPath(matterPath);
  const unitPath = `/${codes.slice(0, codes.indexOf(s.unit.code) + 1).join("/")}/`;
  return {
    unit: s.unit,
    unitKind: s.unitKind,
    assignee: s.assignee,
    isClimbed: s.isClimbed,
    canAssign: isWithinScope(actor, unitPath),
    reason: s.reason,
    candidates: s.candidates.map((c) => ({
      id: c.id,
      displayName: c.displayName,
      roles: [...c.roles],
      regionName: c.regionName,
      load: c.load,
      isOnDuty: c.isOnDuty,
      skillMatch: c.skillMatch,
      languageMatch: c.languageMatch,
      score: c.score,
      reason: c.reason,
    })),
  };
}

/** 中台统筹分配 and the settings it runs on: per-service checklists, deadlines, auto-dispatch; the working-day calendar. */
export const dispatchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.get("/api/tickets/:id/dispatch-suggestion", {
    config: staff,
    schema: {
      tags: ["dispatch"],
      summary: "Which unit and person should take this ticket, and why (dispatchers); accept or override with the assign action",
      params: IdParams,
      response: { 200: DispatchSuggestionSchema },
    },
    handler: async (request) => {
      const row = await getTicketRow(database.db, request.params.id);
      if (!row) throw notFound("Ticket");
      ticketPolicy.authorize(request.actor!, "assign", row);
      return presentSuggestion(request.actor!, row.regionPath, await suggestForTicket(database.db, row));
    },
  });

  app.patch("/api/tickets/:id/materials", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Record which checklist materials (一次性告知) the applicant has handed in",
      params: IdParams,
      body: MaterialsInputSchema,
      response: { 200: TicketSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const actor = request.actor!;
        await updateTicketMaterials(tx, actor, request.params.id, request.body.materialsProvided, clock.now());
        const row = await getTicketRow(tx, request.params.id);
        if (!row) throw notFound("Ticket");
        const [view] = await presentTickets(tx, actor, protector, [row], { isDetailed: true });
        return view;
      }),
  });

  app.get("/api/settings/services", {
    config: staff,
    schema: {
      tags: ["dispatch"],
      summary: "Each service type's material checklist, deadline rules and auto-dispatch switch",
      response: { 200: Type.Object({ items: Type.Array(ServiceSettingsSchema), abilities: Type.Object({ update: Type.Boolean() }) }) },
    },
    handler: async (request) => ({ items: await findServiceSettings(database.db), abilities: { update: settingsPolicy.can(request.actor!, "update", null) } }),
  });

  app.put("/api/settings/services/:serviceType", {
    config: staff,
    schema: {
      tags: ["dispatch"],
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

  app.get("/api/calendar", {
    config: staff,
    schema: {
      tags: ["dispatch"],
      summary: "The working-day calendar: each year's holidays and 调休 working days",
      response: { 200: Type.Object({ years: Type.Array(HolidayYearSchema), abilities: Type.Object({ update: Type.Boolean() }) }) },
    },
    handler: async (request) => ({ years: await findHolidayYears(database.db), abilities: { update: settingsPolicy.can(request.actor!, "update", null) } }),
  });

  app.put("/api/calendar/:year", {
    config: staff,
    schema: {
      tags: ["dispatch"],
      summary: "Set a year's holiday arrangement from the State Council's notice (admin)",
      params: Type.Object({ year: Type.String({ pattern: "^20\\d{2}$", description: "2000–2099" }) }),
      body: HolidayYearInputSchema,
      response: { 200: HolidayYearSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await saveHolidayYear(tx, request.actor!, request.params.year, request.body, clock.now());
        return (await findHolidayYears(tx, request.params.year))[0];
      }),
  });
};
