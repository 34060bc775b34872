import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { shiftPolicy } from "./hotline.policy.ts";
import {
  CopyWeekSchema,
  CoverageSchema,
  CreateShiftSchema,
  GapSchema,
  RosterQuerySchema,
  SetCoverageSchema,
  ShiftSchema,
  UpdateShiftSchema,
} from "./hotline-roster.types.ts";
import { beijingPeriod, coverageOf, findRosterGaps, findShifts, presentShifts, rosterRegion } from "./queries/find-roster.ts";
import { createShift, deleteShift, updateShift } from "./commands/save-shift.ts";
import { copyRosterWeek, setCoverage } from "./commands/plan-roster.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { findActiveStaffUnder, findStaffNames } from "../accounts/queries/find-staff.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 12348 hotline, part 3: the duty roster (docs/hotline-roster.md). */
export const hotlineRosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/hotline/roster", {
    config: staff,
    schema: {
      tags,
      summary: "A region's shifts between two Beijing days and where its 12348 line is not covered (admins, leaders, supervisors, operators, lawyers of the region)",
      querystring: RosterQuerySchema,
      response: { 200: Type.Object({ from: Type.String({ format: "date-time" }), to: Type.String({ format: "date-time" }), items: Type.Array(ShiftSchema), gaps: Type.Array(GapSchema), canManage: Type.Boolean() }) },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const { regionCode, from, to, mine } = request.query;
      return database.db.transaction(async (tx) => {
        const period = beijingPeriod(from, to);
        const region = await rosterRegion(tx, actor, regionCode);
        const rows = await findShifts(tx, actor, region.path, period.from, period.to, mine ? { accountId: actor.id ?? undefined } : {});
        return {
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          items: await presentShifts(tx, actor, rows),
          gaps: await findRosterGaps(tx, region, period.from, period.to),
          canManage: shiftPolicy.can(actor, "manage", { regionPath: region.path }),
        };
      });
    },
  });

  app.post("/api/hotline/shifts", {
    config: staff,
    schema: { tags, summary: "Put an operator or duty lawyer on a shift at a seat or venue (admins and supervisors of its region)", body: CreateShiftSchema, response: { 201: ShiftSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const view = await database.db.transaction(async (tx) => (await presentShifts(tx, actor, [await createShift(tx, actor, request.body, clock.now())]))[0]);
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/hotline/shifts/:id", {
    config: staff,
    schema: { tags, summary: "Change a shift's person, role or times (admins and supervisors of its region)", params: IdParams, body: UpdateShiftSchema, response: { 200: ShiftSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => (await presentShifts(tx, actor, [await updateShift(tx, actor, request.params.id, request.body, clock.now())]))[0]);
    },
  });

  app.delete("/api/hotline/shifts/:id", {
    config: staff,
    schema: { tags, summary: "Take a shift off the roster (admins and supervisors of its region)", params: IdParams, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => deleteShift(tx, request.actor!, request.params.id, clock.now()));
      return reply.status(204).send(null);
    },
  });

  app.post("/api/hotline/roster/copy-week", {
    config: staff,
    schema: {
      tags,
      summary: "Apply a week's pattern to the following weeks: its shifts copied 7, 14, … days later; copies that would overlap a person's shift are skipped (admins and supervisors)",
      body: CopyWeekSchema,
      response: { 200: Type.Object({ created: Type.Integer(), skipped: Type.Integer() }) },
    },
    handler: async (request) => database.db.transaction((tx) => copyRosterWeek(tx, request.actor!, request.body, clock.now())),
  });

  app.get("/api/hotline/roster/people", {
    config: staff,
    schema: {
      tags,
      summary: "Who may be put on a shift in the region: its active operators and lawyers (admins and supervisors planning the roster)",
      querystring: Type.Object({ regionCode: RegionCodeSchema }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String({ format: "uuid" }), displayName: Type.String(), roles: Type.Array(Type.String()) })) }) },
    },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const region = await rosterRegion(tx, actor, request.query.regionCode);
        shiftPolicy.authorize(actor, "manage", { regionPath: region.path });
        const people = await findActiveStaffUnder(tx, region.path, ["operator", "lawyer"]);
        const names = await findStaffNames(tx, people.map((p) => p.id));
        const items = people.map((p) => ({ id: p.id, displayName: names.get(p.id) ?? "", roles: p.roles.filter((r) => r === "operator" || r === "lawyer") }));
        return { items: items.sort((a, b) => a.displayName.localeCompare(b.displayName, "zh") || a.id.localeCompare(b.id)) };
      });
    },
  });

  app.get("/api/hotline/roster/coverage", {
    config: staff,
    schema: { tags, summary: "How many operators and duty lawyers the region's 12348 line needs at every moment", querystring: Type.Object({ regionCode: RegionCodeSchema }, { additionalProperties: false }), response: { 200: CoverageSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const region = await rosterRegion(tx, actor, request.query.regionCode);
        const coverage = await coverageOf(tx, region.code);
        return { regionCode: region.code, operator: coverage.operator, dutyLawyer: coverage.duty_lawyer, canManage: shiftPolicy.can(actor, "manage", { regionPath: region.path }) };
      });
    },
  });

  app.put("/api/hotline/roster/coverage", {
    config: staff,
    schema: { tags, summary: "Set how many operators and duty lawyers the region's 12348 line needs at every moment (admins and supervisors)", body: SetCoverageSchema, response: { 200: CoverageSchema } },
    handler: async (request) => ({ ...(await database.db.transaction((tx) => setCoverage(tx, request.actor!, request.body, clock.now()))), canManage: true }),
  });
};
