import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import { hasBody } from "../../platform/http.ts";
import { IdempotencyHeaders } from "../../platform/schema.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import { systemActor, type Actor, type CitizenActor } from "../../policies/actor.ts";
import { getCitizen } from "../citizens/queries/load-citizen.ts";
import { KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../upstream/signature.ts";
import { MATTERS, type Answers } from "./preregistration-matters.ts";
import {
  CreatedProviderClientSchema,
  CreateProviderClientSchema,
  ListQuerySchema,
  MaterialsSchema,
  MatterSchema,
  PortalCreateSchema,
  PreregistrationSchema,
  ProviderPreregistrationSchema,
  ProviderStatusReceiptSchema,
  RouteQuerySchema,
  RouteSchema,
  StatusUpdateSchema,
  WindowCreateSchema,
} from "./preregistration.types.ts";
import { routePreregistration } from "./queries/route-preregistration.ts";
import { findPreregistrations, findRoutedToProvider, getReadablePreregistration, presentPreregistrations } from "./queries/find-preregistrations.ts";
import { identifyProvider, verifyProvider, type IdentifiedProvider, type ProviderCaller } from "./queries/authenticate-provider.ts";
import { createPreregistration } from "./commands/create-preregistration.ts";
import { recordProviderStatus } from "./commands/record-provider-status.ts";
import { checkMaterials } from "./commands/check-materials.ts";
import { createProviderClient } from "./commands/create-provider-client.ts";

const tags = ["preregistration"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const List = Type.Object({ items: Type.Array(PreregistrationSchema), total: Type.Integer() });
/** A status update is a few hundred bytes. */
const PROVIDER_BODY_LIMIT = 32 * 1024;

/** Presents the receipt; the command has already checked the pre-registration is routed to the caller. */
const providerReader = systemActor("provider-api");

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const claimed = new WeakMap<FastifyRequest, IdentifiedProvider>();
const callers = new WeakMap<FastifyRequest, ProviderCaller>();

function parseAnswers(text: string | undefined): Answers {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Answers;
  } catch {
    // fall through
  }
  throw new AppError("VALIDATION_FAILED", "answers must be a JSON object", { field: "answers" });
}

/**
 * 预登记: the guided matters (public), the route a matter takes (public), a
 * citizen's own pre-registrations (portal), the window's and the workbench's
 * (staff), and the providers' signed status API.
 */
export const preregistrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;
  const present = async (tx: Tx, actor: Actor, id: string) => (await presentPreregistrations(tx, actor, [await getReadablePreregistration(tx, actor, id)]))[0];

  app.get("/api/preregistration/matters", {
    config: { access: "public" },
    schema: { tags, summary: "The guided matters of each service: checklist (一次性告知), routing questions, time limits and fees with their articles", response: { 200: Type.Object({ items: Type.Array(MatterSchema) }) } },
    handler: async () => ({ items: MATTERS.map(({ target, ...m }) => ({ ...m, providerKind: target?.kind ?? null })) }),
  });

  app.get("/api/preregistration/route", {
    config: { access: "public" },
    schema: { tags, summary: "Where a matter from a region goes, given the answers: findings, providers offered, or the service centre", querystring: RouteQuerySchema, response: { 200: RouteSchema } },
    handler: async (request) => {
      const { service, matter, regionCode, answers } = request.query;
      const route = await database.db.transaction((tx) => routePreregistration(tx, service, matter, regionCode, parseAnswers(answers), clock.now()));
      return { findings: route.findings, providers: route.providers, fallback: route.fallback };
    },
  });

  // ——— Portal ———
  app.post("/api/portal/preregistrations", {
    config: { access: "citizen", rateLimit: rateLimit({ name: "portal-preregistrations", max: 10, windowMs: 3_600_000, key: (r: { actor: Actor | null }) => `citizen:${r.actor?.id ?? "-"}` }) },
    schema: {
      tags,
      summary: "Pre-register for notarization, forensic appraisal, arbitration or administrative reconsideration: a ticket, routed to the provider chosen",
      description: "Send Idempotency-Key to make retries safe. The phone is the one the citizen signed in with.",
      headers: IdempotencyHeaders,
      body: PortalCreateSchema,
      response: { 200: PreregistrationSchema, 201: PreregistrationSchema },
    },
    handler: async (request, reply) => {
      const actor = request.actor as CitizenActor;
      const { applicantName, ...rest } = request.body;
      const view = await database.db.transaction(async (tx) => {
        const citizen = await getCitizen(tx, actor.id);
        const phone = citizen ? protector.tryDecrypt(citizen.phoneEnc) : null;
        if (!phone) throw new AppError("UNAUTHENTICATED", "Sign in again");
        const { id, isNew } = await createPreregistration(tx, actor, { ...rest, channel: "portal", applicant: { name: applicantName, phone } }, clock.now(), {
          protector,
          idempotencyKey: request.headers["idempotency-key"],
        });
        return { isNew, view: await present(tx, actor, id) };
      });
      if (!view.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(view.isNew ? 201 : 200).send(view.view);
    },
  });

  app.get("/api/portal/preregistrations", {
    config: { access: "citizen" },
    schema: { tags, summary: "My pre-registrations, newest first", querystring: ListQuerySchema, response: { 200: List } },
    handler: async (request) => database.db.transaction((tx) => findPreregistrations(tx, request.actor!, request.query)),
  });

  app.get("/api/portal/preregistrations/:id", {
    config: { access: "citizen" },
    schema: { tags, summary: "One of my pre-registrations: the provider's status and its history, the checklist, what is still needed", params: IdParams, response: { 200: PreregistrationSchema } },
    handler: async (request) => database.db.transaction((tx) => present(tx, request.actor!, request.params.id)),
  });

  app.put("/api/portal/preregistrations/:id/materials", {
    config: { access: "citizen" },
    schema: { tags, summary: "Tick the materials I have ready", params: IdParams, body: MaterialsSchema, response: { 200: PreregistrationSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await getReadablePreregistration(tx, request.actor!, request.params.id);
        await checkMaterials(tx, request.actor!, request.params.id, request.body.checked, clock.now());
        return present(tx, request.actor!, request.params.id);
      }),
  });

  // ——— Staff ———
  app.post("/api/preregistrations", {
    config: { access: "staff" },
    schema: { tags, summary: "Pre-register at the window (window staff, operators, admins of the matter's region)", headers: IdempotencyHeaders, body: WindowCreateSchema, response: { 200: PreregistrationSchema, 201: PreregistrationSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const { applicant, ...rest } = request.body;
      const result = await database.db.transaction(async (tx) => {
        const { id, isNew } = await createPreregistration(tx, actor, { ...rest, channel: "window", applicant }, clock.now(), { protector, idempotencyKey: request.headers["idempotency-key"] });
        return { isNew, view: await present(tx, actor, id) };
      });
      if (!result.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(result.isNew ? 201 : 200).send(result.view);
    },
  });

  app.get("/api/preregistrations", {
    config: { access: "staff" },
    schema: { tags, summary: "Pre-registrations of your region (the applicant's, or routed there), newest first", querystring: ListQuerySchema, response: { 200: List } },
    handler: async (request) => database.db.transaction((tx) => findPreregistrations(tx, request.actor!, request.query)),
  });

  app.get("/api/preregistrations/:id", {
    config: { access: "staff" },
    schema: { tags, summary: "One pre-registration", params: IdParams, response: { 200: PreregistrationSchema } },
    handler: async (request) => database.db.transaction((tx) => present(tx, request.actor!, request.params.id)),
  });

  app.post("/api/preregistrations/:id/status", {
    config: { access: "staff" },
    schema: { tags, summary: "Record the status the provider reported (window staff, operators, dispatchers, admins); the same updateId again is stored once", params: IdParams, body: StatusUpdateSchema, response: { 200: PreregistrationSchema, 201: PreregistrationSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const result = await database.db.transaction(async (tx) => {
        await getReadablePreregistration(tx, actor, request.params.id);
        const { isNew } = await recordProviderStatus(tx, { kind: "staff", actor }, request.params.id, request.body, clock.now(), { protector });
        return { isNew, view: await present(tx, actor, request.params.id) };
      });
      if (!result.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(result.isNew ? 201 : 200).send(result.view);
    },
  });

  app.put("/api/preregistrations/:id/materials", {
    config: { access: "staff" },
    schema: { tags, summary: "Tick the materials the applicant brought (window)", params: IdParams, body: MaterialsSchema, response: { 200: PreregistrationSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await getReadablePreregistration(tx, request.actor!, request.params.id);
        await checkMaterials(tx, request.actor!, request.params.id, request.body.checked, clock.now());
        return present(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/preregistration/provider-clients", {
    config: { access: "staff" },
    schema: { tags, summary: "Issue a provider its status API key and secret (admin of the provider's region); the secret is shown this once", body: CreateProviderClientSchema, response: { 201: CreatedProviderClientSchema } },
    handler: async (request, reply) => reply.status(201).send(await database.db.transaction((tx) => createProviderClient(tx, request.actor!, request.body.providerId, clock.now(), { protector }))),
  });

  // ——— The providers' signed API: its own JSON parser keeps the raw body for the signature. ———
  const providerApi: FastifyPluginAsyncTypebox = async (api) => {
    api.removeContentTypeParser("application/json");
    api.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: PROVIDER_BODY_LIMIT }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, undefined);
    });
    const description =
      `Headers: ${KEY_HEADER} (the API key), ${TIMESTAMP_HEADER} (unix seconds, within 300 s of our clock), ` +
      `${SIGNATURE_HEADER} = hex HMAC-SHA256(secret, "<timestamp>.<raw body>"). A signed request sent again is refused (401). ` +
      "The same updateId sent again (signed anew) is stored once (200, idempotent-replayed). See docs/preregistration.md.";

    api.post("/api/provider-api/preregistrations/:id/status", {
      config: { access: "public" },
      bodyLimit: PROVIDER_BODY_LIMIT,
      schema: { tags, summary: "A provider reports the status of a pre-registration routed to it", description, params: IdParams, body: StatusUpdateSchema, response: { 200: ProviderStatusReceiptSchema, 201: ProviderStatusReceiptSchema } },
      preParsing: async (request, reply, payload) => {
        try {
          claimed.set(request, await identifyProvider(database.db, protector, request.headers, clock.now()));
        } catch (error) {
          if (hasBody(request)) reply.header("connection", "close");
          throw error;
        }
        return payload;
      },
      preValidation: async (request) => {
        const raw = rawBodies.get(request) ?? Buffer.alloc(0);
        // Committed on its own: a replay is refused even if this update then fails.
        callers.set(request, await database.db.transaction((tx) => verifyProvider(tx, claimed.get(request)!, raw, clock.now())));
        try {
          request.body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AppError("INVALID_JSON", "The body is not valid JSON");
        }
      },
      handler: async (request, reply) => {
        const caller = callers.get(request)!;
        const result = await database.db.transaction(async (tx) => {
          const { isNew } = await recordProviderStatus(tx, { kind: "provider", ...caller }, request.params.id, request.body, clock.now(), { protector });
          const [view] = await presentPreregistrations(tx, providerReader, [await getReadablePreregistration(tx, providerReader, request.params.id)]);
          if (!view) throw notFound("Pre-registration");
          return { isNew, receipt: { id: view.id, number: view.number, status: view.status } };
        });
        if (!result.isNew) reply.header("idempotent-replayed", "true");
        return reply.status(result.isNew ? 201 : 200).send(result.receipt);
      },
    });

    api.get("/api/provider-api/preregistrations", {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A provider lists the pre-registrations routed to it, newest first (signed over an empty body)",
        description: `${description} A GET is signed over an empty body: HMAC-SHA256(secret, "<timestamp>.").`,
        querystring: ListQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(ProviderPreregistrationSchema) }) },
      },
      preValidation: async (request) => {
        const identified = await identifyProvider(database.db, protector, request.headers, clock.now());
        callers.set(request, await database.db.transaction((tx) => verifyProvider(tx, identified, Buffer.alloc(0), clock.now())));
      },
      handler: async (request) => {
        const caller = callers.get(request)!;
        return database.db.transaction(async (tx) => {
          const rows = await findRoutedToProvider(tx, caller.providerId, request.query);
          const views = await presentPreregistrations(tx, providerReader, rows);
          return {
            items: views.map((v) => ({ id: v.id, number: v.number, service: v.service, matter: v.matter, answers: v.answers, materials: v.materials, status: v.status, materialsNeeded: v.materialsNeeded, nextStatuses: v.nextStatuses, createdAt: v.createdAt })),
          };
        });
      },
    });
  };
  await app.register(providerApi);
};
