import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { isStaff } from "../../policies/actor.ts";
import { regionPathOf } from "../regions/queries/find-regions.ts";
import { screeningPolicy } from "./mediation.policy.ts";
import { ReportScreeningSchema, SaveScheduleSchema, ScreeningListQuerySchema, ScreeningOverviewQuerySchema, ScreeningSchema, ScreeningStatusSchema } from "./mediation.types.ts";
import { reportScreening, saveScreeningSchedule } from "./commands/report-screening.ts";
import { findScreenings, findScreeningStatus, presentScreenings, scheduleFor } from "./queries/find-screenings.ts";
import { disputeScreenings } from "./mediation.tables.ts";
import { eq } from "drizzle-orm";
import { SCREENING_PERIOD_KINDS } from "./screening.rules.ts";

const staff = { access: "staff" } as const;
const tags = ["mediation"];

/** 矛盾纠纷排查: the screening ledger (docs/mediation.md). */
export const screeningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  /** A region code from the query, checked against the actor's scope (404 outside it), or the actor's own region. */
  async function scopePathOf(actor: NonNullable<Parameters<typeof screeningPolicy.can>[0]>, code: string | undefined): Promise<string> {
    if (!code) {
      if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Staff only");
      return actor.regionPath;
    }
    const path = await regionPathOf(database.db, code);
    if (!path) throw new AppError("VALIDATION_FAILED", "No such region", { field: "regionCode" });
    screeningPolicy.authorize(actor, "read", { regionPath: path });
    return path;
  }

  app.get("/api/mediation/screenings", {
    config: staff,
    schema: { tags, summary: "Screening reports in your scope (optionally of one period or under one region)", querystring: ScreeningListQuerySchema, response: { 200: Type.Object({ items: Type.Array(ScreeningSchema), total: Type.Integer() }) } },
    handler: async (request) => {
      const path = request.query.regionCode ? await scopePathOf(request.actor!, request.query.regionCode) : null;
      return findScreenings(database.db, request.actor!, request.query, path);
    },
  });

  app.post("/api/mediation/screenings", {
    config: staff,
    schema: { tags, summary: "A village's or township's screening report for a period (nothing found, or the disputes found); again to correct it", body: ReportScreeningSchema, response: { 201: ScreeningSchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => {
        const id = await reportScreening(tx, request.actor!, request.body, clock.now());
        return (await presentScreenings(tx, await tx.select().from(disputeScreenings).where(eq(disputeScreenings.id, id))))[0];
      });
      return reply.status(201).send(view);
    },
  });

  app.get("/api/mediation/screenings/status", {
    config: staff,
    schema: {
      tags,
      summary: "Each village and township under a region (yours by default) for its current period: due time, report, overdue",
      querystring: ScreeningOverviewQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(ScreeningStatusSchema), overdue: Type.Integer(), reported: Type.Integer() }) },
    },
    handler: async (request) => {
      const path = await scopePathOf(request.actor!, request.query.regionCode);
      const all = await findScreeningStatus(database.db, path, clock.now());
      const items = request.query.isOverdueOnly ? all.filter((s) => s.isOverdue) : all;
      return { items, overdue: all.filter((s) => s.isOverdue).length, reported: all.filter((s) => s.report).length };
    },
  });

  app.get("/api/mediation/screenings/schedule", {
    config: staff,
    schema: {
      tags,
      summary: "The schedule that applies to a region (the nearest set up the tree; monthly on the 25th without one)",
      querystring: Type.Object({ regionCode: Type.Optional(Type.String({ pattern: "^\\d{6}(\\d{3}(\\d{3})?)?$" })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ periodKind: Type.Union(SCREENING_PERIOD_KINDS.map((k) => Type.Literal(k))), dueDay: Type.Integer(), setAt: Type.Union([Type.String(), Type.Null()]) }) },
    },
    handler: async (request) => scheduleFor(database.db, await scopePathOf(request.actor!, request.query.regionCode)),
  });

  app.put("/api/mediation/screenings/schedule", {
    config: staff,
    schema: { tags, summary: "Set how often the villages and townships under a region report (leaders and admins of the region)", body: SaveScheduleSchema, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => saveScreeningSchedule(tx, request.actor!, request.body, clock.now()));
      return reply.status(204).send(null);
    },
  });
};
