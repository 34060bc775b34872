import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { formatBeijingDateTime } from "../../platform/beijing-time.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { HotlineStatisticsQuerySchema, HotlineStatisticsSchema } from "./hotline-statistics.types.ts";
import { exportHotlineStatistics, XLSX_MEDIA_TYPE } from "./queries/export-hotline-statistics.ts";
import { findHotlineStatistics } from "./queries/hotline-statistics.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;

/** 话务统计: the hotline's figures for a period and a region subtree, on screen and as Excel (docs/hotline-statistics.md). */
export const hotlineStatisticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/hotline/statistics", {
    config: staff,
    schema: {
      tags,
      summary: "Answer and abandonment rates, waits, handling time, by hour, weekday, day, operator and seat, for Beijing days from–to (admins, leaders, supervisors of the region)",
      querystring: HotlineStatisticsQuerySchema,
      response: { 200: HotlineStatisticsSchema },
    },
    handler: async (request) => database.db.transaction((tx) => findHotlineStatistics(tx, request.actor!, request.query)),
  });

  app.get("/api/hotline/statistics.xlsx", {
    config: staff,
    schema: { tags, summary: "The same figures as an Excel file, a sheet per breakdown", querystring: HotlineStatisticsQuerySchema, produces: [XLSX_MEDIA_TYPE] },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const now = clock.now();
      const stats = await database.db.transaction((tx) => findHotlineStatistics(tx, actor, request.query));
      const buffer = await exportHotlineStatistics(stats);
      await recordAudit(database.db, {
        actor,
        action: "hotline.statistics_export",
        entityType: "region",
        entityId: stats.region.code,
        at: now,
        detail: { from: stats.period.from, to: stats.period.to, offered: stats.total.offered },
      });
      const name = `hotline-${stats.region.code}-${stats.period.from.replace(/-/g, "")}-${stats.period.to.replace(/-/g, "")}`;
      const stamp = formatBeijingDateTime(now).slice(0, 10);
      return reply
        .header("content-type", XLSX_MEDIA_TYPE)
        .header("content-disposition", `attachment; filename="${name}.xlsx"; filename*=UTF-8''${encodeURIComponent(`话务统计-${stats.region.name}-${stats.period.from}至${stats.period.to}`)}.xlsx`)
        .header("x-generated-on", stamp)
        .send(buffer);
    },
  });
};
