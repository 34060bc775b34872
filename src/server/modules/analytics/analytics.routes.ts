import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { BoardQuerySchema, BoardSchema, DrillDownQuerySchema, DrillDownSchema, ForecastQuerySchema, ForecastSchema, SummaryQuerySchema, SummarySchema } from "./analytics.types.ts";
import { analyticsForecast } from "./queries/analytics-forecast.ts";
import { analyticsRegion } from "./queries/analytics-region.ts";
import { analyticsSummary } from "./queries/analytics-summary.ts";
import { analyticsBoard } from "./queries/analytics-board.ts";
import { drillDown } from "./queries/drill-down.ts";
import { exportSummary, XLSX_MEDIA_TYPE } from "./queries/export-summary.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AppError } from "../../platform/errors.ts";
import { BoardLive, type BoardMessage } from "./board-live.ts";

/** Close codes of the board's feed (4000–4999 are the application's), as HTTP would answer. */
export const BOARD_CLOSE = { forbidden: 4403, notFound: 4404, badRequest: 4400 } as const;

const staff = { access: "staff" } as const;
const tags = ["analytics"];

/** 运营指挥中心: the figures of a region subtree, the tickets behind each, the live board (docs/analytics.md). */
export const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;
  const live = new BoardLive(database, clock, app.log);
  app.addHook("preClose", () => live.stop());

  app.get("/api/analytics/board/live", {
    websocket: true,
    config: staff,
    schema: { tags, summary: "The live board's feed (WebSocket): hello, then {type:'changed'} within about a second of any ticket of the region's subtree changing today's figures; read the board again then", querystring: BoardQuerySchema },
  }, async (socket, request) => {
    let detach: (() => void) | null = null;
    socket.on("close", () => detach?.());
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      if (text === '{"type":"ping"}') socket.send(JSON.stringify({ type: "pong" } satisfies BoardMessage));
      else socket.close(BOARD_CLOSE.badRequest, 'The board accepts {"type":"ping"} only');
    });
    try {
      const region = await database.db.transaction(async (tx) => analyticsRegion(tx, request.actor!, request.query.regionCode), { accessMode: "read only" });
      detach = await live.watch(region.path, socket);
      if (socket.readyState !== socket.OPEN) return detach();
      socket.send(JSON.stringify({ type: "hello", region: { code: region.code, name: region.name } } satisfies BoardMessage));
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      if (code === "FORBIDDEN") socket.close(BOARD_CLOSE.forbidden, "The board is for leaders, dispatchers, supervisors and administrators");
      else if (code === "NOT_FOUND") socket.close(BOARD_CLOSE.notFound, "No such region in your scope");
      else if (error instanceof AppError) socket.close(BOARD_CLOSE.badRequest, error.message.slice(0, 120));
      else {
        request.log.error({ err: error }, "analytics board: the feed could not start");
        socket.close(1011, "The board's feed could not start");
      }
    }
  });

  app.get("/api/analytics/summary", {
    config: staff,
    schema: { tags, summary: "Totals, series and breakdowns of a region subtree over a period of Beijing days, from the rollups", querystring: SummaryQuerySchema, response: { 200: SummarySchema } },
    handler: async (request) => {
      const { regionCode, ...filter } = request.query;
      return database.db.transaction(async (tx) => analyticsSummary(tx, await analyticsRegion(tx, request.actor!, regionCode), filter), { accessMode: "read only" });
    },
  });

  app.get("/api/analytics/tickets", {
    config: staff,
    schema: { tags, summary: "The tickets behind one figure of the summary (same filters; one line per occurrence, so the total is the figure)", querystring: DrillDownQuerySchema, response: { 200: DrillDownSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => drillDown(tx, request.actor!, protector, await analyticsRegion(tx, request.actor!, request.query.regionCode), request.query), { accessMode: "read only" }),
  });

  app.get("/api/analytics/board", {
    config: staff,
    schema: { tags, summary: "The live board: today's figures, the backlog, due soon and overdue, satisfaction", querystring: BoardQuerySchema, response: { 200: BoardSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => analyticsBoard(tx, request.actor!, await analyticsRegion(tx, request.actor!, request.query.regionCode), clock.now()), { accessMode: "read only" }),
  });

  app.get("/api/analytics/forecast", {
    config: staff,
    schema: { tags, summary: "需求预测: weekly demand of a region subtree (optionally one channel, service type, category) with 80/95% intervals and the backtest against seasonal naive", querystring: ForecastQuerySchema, response: { 200: ForecastSchema } },
    handler: async (request) => {
      const { regionCode, horizon, ...filter } = request.query;
      return database.db.transaction(async (tx) => analyticsForecast(tx, await analyticsRegion(tx, request.actor!, regionCode), { ...filter, horizon: horizon ?? 12 }, clock.now()), { accessMode: "read only" });
    },
  });

  app.get("/api/analytics/summary.xlsx", {
    config: staff,
    schema: { tags, summary: "The summary as an Excel file (totals, series, breakdowns), same filters", querystring: SummaryQuerySchema, produces: [XLSX_MEDIA_TYPE] },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const now = clock.now();
      const { regionCode, ...filter } = request.query;
      const summary = await database.db.transaction(async (tx) => analyticsSummary(tx, await analyticsRegion(tx, actor, regionCode, "export"), filter), { accessMode: "read only" });
      const buffer = await exportSummary(summary, now);
      await recordAudit(database.db, { actor, action: "analytics.export", entityType: "region", entityId: summary.region.code, at: now, detail: { ...request.query, regionCode: summary.region.code } });
      const name = `统计分析-${summary.region.name}-${summary.from}至${summary.to}`;
      return reply
        .header("content-type", XLSX_MEDIA_TYPE)
        .header("content-disposition", `attachment; filename="analytics-${summary.from}-${summary.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(buffer);
    },
  });
};
