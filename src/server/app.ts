import { existsSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Type, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/index.ts";
import { systemClock, type Clock } from "./platform/clock.ts";
import type { AppContext } from "./platform/context.ts";
import { AppError } from "./platform/errors.ts";
import { installErrorHandler, installNotFound, installValidators, requireDeclaredAccess } from "./platform/http.ts";
import { installRequestId, loggerOptions, RequestLogController, type LogDestination } from "./platform/logging.ts";
import { installAuth } from "./platform/auth/auth-plugin.ts";
import { installRateLimits } from "./platform/rate-limit.ts";
import { installSecurityHeaders, installWebApp } from "./platform/web-delivery.ts";
import { loadSessionActor } from "./modules/accounts/queries/load-session-actor.ts";
import { wireModules } from "./wiring.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { regionRoutes } from "./modules/regions/regions.routes.ts";
import { venueRoutes } from "./modules/venues/venues.routes.ts";
import { accountRoutes } from "./modules/accounts/accounts.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { ticketRoutes } from "./modules/tickets/tickets.routes.ts";
import { dispatchRoutes } from "./modules/dispatch/dispatch.routes.ts";
import { oversightRoutes } from "./modules/oversight/oversight.routes.ts";
import { upstreamRoutes } from "./modules/upstream/upstream.routes.ts";
import { serviceRoutes } from "./modules/services/services.routes.ts";
import { calendarRoutes } from "./modules/calendar/calendar.routes.ts";
import { notificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { attachmentRoutes } from "./modules/attachments/attachments.routes.ts";
import { workbenchRoutes } from "./modules/workbench/workbench.routes.ts";
import { checkpointRoutes } from "./modules/checkpoints/checkpoints.routes.ts";
import { citizenRoutes } from "./modules/citizens/citizens.routes.ts";
import { requestRoutes } from "./modules/requests/requests.routes.ts";
import { loadCitizenActor } from "./modules/citizens/queries/load-citizen.ts";
import { contentRoutes } from "./modules/content/content.routes.ts";
import { knowledgeRoutes } from "./modules/knowledge/knowledge.routes.ts";
import { publicRegionRoutes } from "./modules/regions/regions.public-routes.ts";
import { directoryRoutes } from "./modules/directory/directory.routes.ts";
import { appointmentRoutes } from "./modules/appointments/appointments.routes.ts";
import { knowledgeEntryRoutes } from "./modules/knowledge/knowledge-entries.routes.ts";
import { queryWordingRoutes } from "./modules/knowledge/query-wordings.routes.ts";
import { assistantRoutes } from "./modules/assistant/assistant.routes.ts";
import { legalAidRoutes } from "./modules/legal-aid/legal-aid.routes.ts";
import { documentRoutes } from "./modules/documents/documents.routes.ts";
import { aidCaseRoutes } from "./modules/legal-aid/aid-cases.routes.ts";
import { mediationRoutes } from "./modules/mediation/mediation.routes.ts";
import { screeningRoutes } from "./modules/mediation/screenings.routes.ts";
import { preregistrationRoutes } from "./modules/preregistration/preregistration.routes.ts";
import { aidLawyerRoutes } from "./modules/legal-aid/aid-lawyers.routes.ts";
import { defenceNoticeRoutes } from "./modules/legal-aid/defence-notices.routes.ts";
import { hotlineRoutes } from "./modules/hotline/hotline.routes.ts";
import { assessmentRoutes } from "./modules/assessment/assessment.routes.ts";
import { bulletinRoutes } from "./modules/assessment/bulletins.routes.ts";
import { analyticsRoutes } from "./modules/analytics/analytics.routes.ts";
import websocket from "@fastify/websocket";
import { hotlineStatisticsRoutes } from "./modules/hotline/hotline-statistics.routes.ts";
import { hotlineDeskRoutes } from "./modules/hotline/hotline-desk.routes.ts";
import { hotlineDeskActionRoutes } from "./modules/hotline/hotline-desk-actions.routes.ts";
import { hotlineRosterRoutes } from "./modules/hotline/hotline-roster.routes.ts";
import { hotlineCallbackRoutes } from "./modules/hotline/hotline-callbacks.routes.ts";
import { earlyWarningRoutes } from "./modules/early-warning/early-warning.routes.ts";
import { createProtector } from "./platform/personal/protect.ts";
import { openKeyring, resolveKeySettings, type Keyring } from "./platform/keys.ts";
import { bindAuditKey } from "./platform/audit-chain.ts";

export type BuildAppOptions = {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Log at config.logLevel: true to stdout, or to this destination (tests). Off by default, so tests stay quiet. */
  logger?: boolean | LogDestination;
  /** The keyring (`santai serve` opens it before the app); by default opened from the configuration and SANTAI_* variables. */
  keys?: Keyring;
};

/** The Fastify app: used by `santai serve` and by the HTTP tests (with app.inject). */
export async function buildApp({ config, database, clock = systemClock, logger = false, keys }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && config.logLevel !== "silent" ? loggerOptions(config.logLevel, logger === true ? process.stdout : logger) : false,
    logController: new RequestLogController(),
    // Before routing (a path that is not valid percent-encoding, a path segment over 100 characters): the same {code, message, field} as every error.
    frameworkErrors: (error, request, reply) => {
      const message = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "A path segment is longer than 100 characters" : "The path is not valid percent-encoded UTF-8";
      request.log.info({ code: error.code }, "bad url");
      void (reply as unknown as FastifyReply).status(400).send(new AppError("VALIDATION_FAILED", message, { field: "url" }).toJSON());
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  wireModules();
  const keyring = keys ?? (await openKeyring(resolveKeySettings(config), database, config.dataDir));
  // The audit trail this app writes is chained under its audit key (docs/audit-trail.md).
  bindAuditKey(database, keyring.audit);
  const protector = createProtector(keyring, {
    // Once per key id, never the value: a list shows a marker in its place (docs/keys.md).
    onUnreadable: (error) => app.log.warn({ keyId: error.keyId }, `personal data that cannot be opened: ${error.message}`),
  });
  const ctx: AppContext = { database, clock, config, keys: keyring, protector };
  app.decorate("ctx", ctx);
  installRequestId(app);
  installValidators(app);
  installErrorHandler(app);
  requireDeclaredAccess(app);
  await installSecurityHeaders(app, { isSecure: config.isSecureCookie });
  await app.register(cookie);
  await installRateLimits(app, { database, clock, protector });
  installAuth(app, {
    database,
    clock,
    policy: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
    // A staff session resolves in the one query loadSessionActor makes; a citizen
    // session (principal kind "citizen") then reads its citizen: portal requests only.
    loadSession: async (db, tokenHash, ip) => {
      const found = await loadSessionActor(db, tokenHash, ip);
      if (found?.session.principalKind !== "citizen") return found;
      return { session: found.session, actor: await loadCitizenActor(db, found.session.principalId, ip) };
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "Santai (三台) public legal service platform API", version: "0.1.0", description: "JSON under /api. Sign in with POST /api/auth/login; send the santai_csrf cookie back in the x-csrf-token header on every non-GET request." },
      tags: [{ name: "platform" }, { name: "auth" }, { name: "regions" }, { name: "venues" }, { name: "accounts" }, { name: "audit" }, { name: "tickets" }, { name: "dispatch" }, { name: "oversight" }, { name: "notifications" }, { name: "settings" }, { name: "upstream" }, { name: "workbench" }, { name: "content" }, { name: "portal" }, { name: "directory" }, { name: "appointments" }, { name: "assistant" }, { name: "documents" }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  // The live feeds (the hotline desk, the command center's board) share one WebSocket server. Clients send at
  // most a ping: a small frame limit keeps a socket from being a way to push data in.
  await app.register(websocket, { options: { maxPayload: 1024 } });

  app.get("/api/health", {
    config: { access: "public" },
    schema: { tags: ["platform"], summary: "Liveness and which database is in use", response: { 200: Type.Object({ status: Type.Literal("ok"), database: Type.Union([Type.Literal("embedded"), Type.Literal("postgres")]) }) } },
    handler: async () => {
      await database.pool.query("select 1");
      return { status: "ok" as const, database: database.kind };
    },
  });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(regionRoutes);
  await app.register(venueRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(ticketRoutes);
  await app.register(dispatchRoutes);
  await app.register(oversightRoutes);
  await app.register(upstreamRoutes);
  await app.register(serviceRoutes);
  await app.register(calendarRoutes);
  await app.register(notificationRoutes);
  await app.register(attachmentRoutes);
  await app.register(workbenchRoutes);
  await app.register(checkpointRoutes);
  await app.register(citizenRoutes);
  await app.register(requestRoutes);
  await app.register(contentRoutes);
  await app.register(knowledgeRoutes);
  await app.register(publicRegionRoutes);
  await app.register(directoryRoutes);
  await app.register(appointmentRoutes);
  await app.register(knowledgeEntryRoutes);
  await app.register(queryWordingRoutes);
  await app.register(assistantRoutes);
  await app.register(legalAidRoutes);
  await app.register(documentRoutes);
  await app.register(aidCaseRoutes);
  await app.register(mediationRoutes);
  await app.register(screeningRoutes);
  await app.register(preregistrationRoutes);
  await app.register(aidLawyerRoutes);
  await app.register(defenceNoticeRoutes);
  await app.register(hotlineRoutes);
  await app.register(assessmentRoutes);
  await app.register(bulletinRoutes);
  await app.register(analyticsRoutes);
  await app.register(hotlineStatisticsRoutes);
  await app.register(hotlineDeskRoutes);
  await app.register(hotlineDeskActionRoutes);
  await app.register(hotlineRosterRoutes);
  await app.register(hotlineCallbackRoutes);
  await app.register(earlyWarningRoutes);

  const hasWebApp = Boolean(config.webRoot && existsSync(join(config.webRoot, "index.html")));
  if (hasWebApp) await installWebApp(app, config.webRoot!);
  // The web app routes on the client: page paths it knows get index.html.
  installNotFound(app, hasWebApp);
  return app;
}
