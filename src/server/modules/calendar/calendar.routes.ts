import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { calendarPolicy } from "./calendar.policy.ts";
import { HolidayYearInputSchema, HolidayYearSchema } from "./calendar.types.ts";
import { findHolidayYears } from "./queries/find-holiday-years.ts";
import { saveHolidayYear } from "./commands/save-holiday-year.ts";

const staff = { access: "staff" } as const;

/** The working-day calendar every deadline counts on. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/calendar", {
    config: staff,
    schema: {
      tags: ["settings"],
      summary: "The working-day calendar: each year's holidays and 调休 working days",
      response: { 200: Type.Object({ years: Type.Array(HolidayYearSchema), abilities: Type.Object({ update: Type.Boolean() }) }) },
    },
    handler: async (request) => ({ years: await findHolidayYears(database.db), abilities: { update: calendarPolicy.can(request.actor!, "update", null) } }),
  });

  app.put("/api/calendar/:year", {
    config: staff,
    schema: {
      tags: ["settings"],
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
