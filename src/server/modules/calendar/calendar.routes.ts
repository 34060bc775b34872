import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { resolveRegion, type RegionRow } from "../regions/queries/resolve-region.ts";
import { calendarPolicy, regionalHolidaysPolicy } from "./calendar.policy.ts";
import { CalendarNoticesSchema, CalendarRegionQuerySchema, CalendarSchema, HolidayYearInputSchema, HolidayYearSchema, YearParamsSchema } from "./calendar.types.ts";
import { findHolidayYears, findMissingHolidayYears, findRegionalHolidays } from "./queries/find-holiday-years.ts";
import { saveHolidayYear } from "./commands/save-holiday-year.ts";
import { removeRegionalHolidays, saveRegionalHolidays } from "./commands/save-regional-holidays.ts";

const staff = { access: "staff" } as const;
const tags = ["settings"];

/** The node asked for (the actor's own by default), refused as NOT_FOUND outside the actor's scope. */
async function nodeOf(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<RegionRow> {
  const node = await resolveRegion(tx, regionCode ?? (actor.kind === "staff" ? actor.regionCode : ""));
  regionalHolidaysPolicy.authorize(actor, "read", { regionPath: node.path });
  return node;
}

async function present(tx: Tx, actor: Actor, node: RegionRow, now: Date) {
  return {
    region: { code: node.code, name: node.name },
    years: await findHolidayYears(tx),
    regional: await findRegionalHolidays(tx, node),
    notices: await findMissingHolidayYears(tx, now),
    abilities: { updateNational: calendarPolicy.can(actor, "update", null), updateRegional: regionalHolidaysPolicy.can(actor, "update", { regionPath: node.path }) },
  };
}

/**
 * The working-day calendar every deadline counts on: the national arrangement per
 * year (admins at a root node), plus each region's own additions, inherited downwards.
 */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/calendar", {
    config: staff,
    schema: {
      tags,
      summary: "The calendar at a region node of your scope: national years, the regional additions on its path, missing years",
      querystring: CalendarRegionQuerySchema,
      response: { 200: CalendarSchema },
    },
    handler: async (request) => present(database.db, request.actor!, await nodeOf(database.db, request.actor!, request.query.regionCode), clock.now()),
  });

  app.get("/api/calendar/notices", {
    config: staff,
    schema: {
      tags,
      summary: "Holiday arrangements missing for this year or (from 1 November) the next: the workbench shows a banner until loaded",
      response: { 200: CalendarNoticesSchema },
    },
    handler: async (request) => ({ notices: await findMissingHolidayYears(database.db, clock.now()), abilities: { updateNational: calendarPolicy.can(request.actor!, "update", null) } }),
  });

  app.put("/api/calendar/:year", {
    config: staff,
    schema: {
      tags,
      summary: "Set a year's national holiday arrangement from the State Council's notice (admin at a root node); running deadlines follow",
      params: YearParamsSchema,
      body: HolidayYearInputSchema,
      response: { 200: HolidayYearSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await saveHolidayYear(tx, request.actor!, request.params.year, request.body, clock.now());
        return (await findHolidayYears(tx, request.params.year))[0];
      }),
  });

  app.put("/api/calendar/:year/regional", {
    config: staff,
    schema: {
      tags,
      summary: "Set a region node's own rest days and 调休 working days for a year (admin, your node or below); running deadlines there follow",
      params: YearParamsSchema,
      querystring: CalendarRegionQuerySchema,
      body: HolidayYearInputSchema,
      response: { 200: CalendarSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const node = await nodeOf(tx, request.actor!, request.query.regionCode);
        await saveRegionalHolidays(tx, request.actor!, node, request.params.year, request.body, clock.now());
        return present(tx, request.actor!, node, clock.now());
      }),
  });

  app.delete("/api/calendar/:year/regional", {
    config: staff,
    schema: {
      tags,
      summary: "Remove a region node's own additions for a year (admin, your node or below)",
      params: YearParamsSchema,
      querystring: CalendarRegionQuerySchema,
      response: { 200: CalendarSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const node = await nodeOf(tx, request.actor!, request.query.regionCode);
        await removeRegionalHolidays(tx, request.actor!, node, request.params.year, clock.now());
        return present(tx, request.actor!, node, clock.now());
      }),
  });
};
