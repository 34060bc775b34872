import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import { resolveRegion } from "../regions/queries/resolve-region.ts";
import { AlertActionSchema, AlertDetailSchema, AlertListQuerySchema, AlertSchema, ScanReportSchema } from "./early-warning.types.ts";
import { alertPolicy, mayReadAlerts, mayScan, ALERT_READER_ROLES, ALERT_SCAN_ROLES } from "./early-warning.policy.ts";
import { findAlerts, getAlertRow, presentAlertDetail } from "./queries/find-alerts.ts";
import { actOnAlert } from "./commands/act-on-alert.ts";
import { scanEarlyWarnings } from "./commands/scan-early-warnings.ts";

const staff = { access: "staff" } as const;
const tags = ["early-warning"];
const Params = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 矛盾纠纷预警: the alerts in your region, one with its tickets, its handling steps, and the scan on demand. */
export const earlyWarningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.get("/api/early-warnings", {
    config: staff,
    schema: { tags, summary: "The alerts in your region (live by default), most severe and newest first", querystring: AlertListQuerySchema, response: { 200: Type.Object({ items: Type.Array(AlertSchema), total: Type.Integer() }) } },
    handler: async (request) => {
      const actor = request.actor!;
      if (!mayReadAlerts(actor)) throw new AppError("FORBIDDEN", `Only ${ALERT_READER_ROLES.join(", ")} read early warnings`);
      const regionPath = request.query.regionCode ? (await resolveRegion(database.db, request.query.regionCode, "regionCode")).path : null;
      return findAlerts(database.db, actor, { ...request.query, regionPath });
    },
  });

  app.get("/api/early-warnings/:id", {
    config: staff,
    schema: { tags, summary: "One alert with the tickets behind it (applicants masked), its steps and who it went to", params: Params, response: { 200: AlertDetailSchema } },
    handler: async (request) => {
      const row = await getAlertRow(database.db, request.params.id);
      if (!row) throw notFound("Alert");
      alertPolicy.authorize(request.actor!, "read", row);
      return presentAlertDetail(database.db, request.actor!, row);
    },
  });

  app.post("/api/early-warnings/:id/actions", {
    config: staff,
    schema: { tags, summary: "签收 (acknowledge), 处置 (handle) or 办结 (close, with a note)", params: Params, body: AlertActionSchema, response: { 200: AlertDetailSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        await actOnAlert(tx, actor, request.params.id, request.body, clock.now());
        return presentAlertDetail(tx, actor, (await getAlertRow(tx, request.params.id))!);
      });
    },
  });

  app.post("/api/early-warnings/scan", {
    config: staff,
    schema: { tags, summary: "Run the cluster scan now (it also runs every 15 minutes); idempotent", response: { 200: ScanReportSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      if (!mayScan(actor)) throw new AppError("FORBIDDEN", `Only ${ALERT_SCAN_ROLES.join(", ")} run the early-warning scan`);
      return database.db.transaction((tx) => scanEarlyWarnings(tx, clock.now(), { protector, actor }));
    },
  });
};
