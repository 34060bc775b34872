import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { AppError, notFound } from "../../platform/errors.ts";
import { hasBody } from "../../platform/http.ts";
import { upstreamClientPolicy } from "./upstream.policy.ts";
import { CreatedUpstreamClientSchema, CreateUpstreamClientSchema, UpstreamClientSchema, UpstreamTicketReceiptSchema, UpstreamTicketSchema } from "./upstream.types.ts";
import { findUpstreamClients, getUpstreamClient, presentUpstreamClient } from "./queries/find-upstream-clients.ts";
import { identifyUpstreamCaller, verifyUpstreamSignature, type IdentifiedCaller, type UpstreamCaller } from "./queries/authenticate-upstream.ts";
import { createUpstreamClient } from "./commands/create-upstream-client.ts";
import { receiveUpstreamTicket } from "./commands/receive-upstream-ticket.ts";
import { KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

const staff = { access: "staff" } as const;
/** A ticket is a few kilobytes; attachments go through their own route. */
const INTAKE_BODY_LIMIT = 256 * 1024;

/** The exact bytes that were signed, and who signed them, per request. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const claimed = new WeakMap<FastifyRequest, IdentifiedCaller>();
const callers = new WeakMap<FastifyRequest, UpstreamCaller>();

/** Admin API for the clients, and the signed intake they send tickets to. */
export const upstreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector, config } = app.ctx;

  app.post("/api/upstream-clients", {
    config: staff,
    schema: {
      tags: ["upstream"],
      summary: "Register a platform above that sends tickets down (admin); the answer holds the API key and secret, shown this once",
      body: CreateUpstreamClientSchema,
      response: { 201: CreatedUpstreamClientSchema },
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const view = await database.db.transaction(async (tx) => {
        const { id, apiKey, secret } = await createUpstreamClient(tx, actor, request.body, clock.now(), { protector, allowedHosts: config.upstreamAllowedHosts });
        const row = await getUpstreamClient(tx, id);
        if (!row) throw notFound("Upstream client");
        return { ...presentUpstreamClient(row), apiKey, secret };
      });
      return reply.status(201).send(view);
    },
  });

  app.get("/api/upstream-clients", {
    config: staff,
    schema: { tags: ["upstream"], summary: "Upstream clients of your region (admin)", response: { 200: Type.Object({ items: Type.Array(UpstreamClientSchema) }) } },
    handler: async (request) => {
      const rows = await findUpstreamClients(database.db, request.actor!);
      return { items: rows.filter((row) => upstreamClientPolicy.can(request.actor!, "read", row)).map(presentUpstreamClient) };
    },
  });

  // The intake keeps the raw body for the signature: its own JSON parser, in its own scope.
  const intakeRoutes: FastifyPluginAsyncTypebox = async (intake) => {
    intake.removeContentTypeParser("application/json");
    intake.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: INTAKE_BODY_LIMIT }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, undefined);
    });

    intake.post("/api/upstream/tickets", {
      config: { access: "public" },
      bodyLimit: INTAKE_BODY_LIMIT,
      schema: {
        tags: ["upstream"],
        summary: "A ticket sent down by a platform above; signed with the client's secret",
        description: `Headers: ${KEY_HEADER} (the API key), ${TIMESTAMP_HEADER} (unix seconds, within 300 s of our clock), ${SIGNATURE_HEADER} = hex HMAC-SHA256(secret, "<timestamp>.<raw body>"). A retry with the same externalRef returns the same ticket (200).`,
        body: UpstreamTicketSchema,
        response: { 200: UpstreamTicketReceiptSchema, 201: UpstreamTicketReceiptSchema },
      },
      // Before the body is read: the headers, the timestamp and the key. A caller without them costs us no upload.
      preParsing: async (request, reply, payload) => {
        try {
          claimed.set(request, await identifyUpstreamCaller(database.db, protector, request.headers, clock.now()));
        } catch (error) {
          if (hasBody(request)) reply.header("connection", "close");
          throw error;
        }
        return payload;
      },
      // Before the body is parsed or validated: an unsigned caller learns nothing about its shape.
      preValidation: async (request) => {
        const raw = rawBodies.get(request) ?? Buffer.alloc(0);
        callers.set(request, verifyUpstreamSignature(claimed.get(request)!, raw));
        try {
          request.body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AppError("INVALID_JSON", "The body is not valid JSON");
        }
      },
      handler: async (request, reply) => {
        const caller = callers.get(request)!;
        const { id, number, status, isNew } = await database.db.transaction((tx) => receiveUpstreamTicket(tx, caller, request.body, clock.now(), { protector }));
        if (!isNew) reply.header("idempotent-replayed", "true");
        return reply.status(isNew ? 201 : 200).send({ id, number, status, externalRef: request.body.externalRef });
      },
    });
  };
  await app.register(intakeRoutes);
};
