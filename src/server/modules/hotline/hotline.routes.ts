import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { AppError, notFound } from "../../platform/errors.ts";
import { hasBody } from "../../platform/http.ts";
import { KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../upstream/signature.ts";
import { canHoldSeat, hotlineSourcePolicy } from "./hotline.policy.ts";
import {
  CallEventReceiptSchema,
  CallEventSchema,
  CreatedHotlineSourceSchema,
  CreateHotlineSourceSchema,
  CreateSeatSchema,
  HotlineSourceSchema,
  OperatorStateSchema,
  SeatSchema,
  SetOperatorStateSchema,
  UpdateSeatSchema,
} from "./hotline.types.ts";
import { checkSourceSignature, identifySource, type IdentifiedSource } from "./queries/authenticate-source.ts";
import { findHotlineSources, presentHotlineSource } from "./queries/find-hotline-sources.ts";
import { findSeats, presentSeats } from "./queries/find-seats.ts";
import { createHotlineSource } from "./commands/create-hotline-source.ts";
import { receiveCallEventForDesks, setOwnOperatorStateForDesks } from "./commands/announce-to-desks.ts";
import { deskHubOf } from "./hotline-desk-hub.ts";
import { createSeat, updateSeat } from "./commands/save-seat.ts";
import { getOperatorState } from "./commands/set-operator-state.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;
/** A call event is a few hundred bytes. */
const EVENT_BODY_LIMIT = 16 * 1024;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const claimed = new WeakMap<FastifyRequest, IdentifiedSource>();

/** 12348 hotline, part 1: the phone systems (admin), their signed call events, seats and operator states. */
export const hotlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.post("/api/hotline/sources", {
    config: staff,
    schema: { tags, summary: "Register a phone system that posts call events (admin); the answer holds the API key and secret, shown this once", body: CreateHotlineSourceSchema, response: { 201: CreatedHotlineSourceSchema } },
    handler: async (request, reply) => {
      const { row, apiKey, secret } = await database.db.transaction((tx) => createHotlineSource(tx, request.actor!, request.body, clock.now(), { protector }));
      return reply.status(201).send({ ...presentHotlineSource(row), apiKey, secret });
    },
  });

  app.get("/api/hotline/sources", {
    config: staff,
    schema: { tags, summary: "The phone systems of your region (admin)", response: { 200: Type.Object({ items: Type.Array(HotlineSourceSchema) }) } },
    handler: async (request) => {
      const rows = await findHotlineSources(database.db, request.actor!);
      return { items: rows.filter((row) => hotlineSourcePolicy.can(request.actor!, "read", row)).map(presentHotlineSource) };
    },
  });

  app.get("/api/hotline/seats", {
    config: staff,
    schema: { tags, summary: "Seats (extensions) and their operators (admins, leaders, supervisors, operators of the region)", querystring: Type.Object({ sourceId: Type.Optional(Type.String({ format: "uuid" })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(SeatSchema) }) } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => ({ items: await presentSeats(tx, actor, await findSeats(tx, actor, request.query.sourceId)) }));
    },
  });

  app.post("/api/hotline/seats", {
    config: staff,
    schema: { tags, summary: "Add an extension of a phone system as a seat, with its operator (admin)", body: CreateSeatSchema, response: { 201: SeatSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const view = await database.db.transaction(async (tx) => (await presentSeats(tx, actor, [await createSeat(tx, actor, request.body, clock.now())]))[0]);
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/hotline/seats/:id", {
    config: staff,
    schema: { tags, summary: "Rename a seat or seat another operator at it (null: nobody) (admin)", params: IdParams, body: UpdateSeatSchema, response: { 200: SeatSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => (await presentSeats(tx, actor, [await updateSeat(tx, actor, request.params.id, request.body, clock.now())]))[0]);
    },
  });

  app.get("/api/hotline/operator-state", {
    config: staff,
    schema: { tags, summary: "Your own operator state (operators and duty lawyers)", response: { 200: OperatorStateSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      if (actor.kind !== "staff" || !canHoldSeat(actor)) throw new AppError("FORBIDDEN", "Only hotline operators and duty lawyers keep a seat state");
      return getOperatorState(database.db, actor.id);
    },
  });

  app.put("/api/hotline/operator-state", {
    config: staff,
    schema: { tags, summary: "Set your own state: ready, after_call_work or break (busy comes from answering a call)", body: SetOperatorStateSchema, response: { 200: OperatorStateSchema } },
    handler: async (request) => setOwnOperatorStateForDesks(app.ctx, deskHubOf(app.ctx, app.log), request.actor!, request.body.state),
  });

  // ——— The phone systems' signed event API: its own JSON parser keeps the raw body for the signature. ———
  const eventApi: FastifyPluginAsyncTypebox = async (api) => {
    api.removeContentTypeParser("application/json");
    api.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: EVENT_BODY_LIMIT }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      done(null, undefined);
    });

    api.post("/api/hotline/events", {
      config: { access: "public" },
      bodyLimit: EVENT_BODY_LIMIT,
      schema: {
        tags,
        summary: "A call event from a phone system (incoming, ringing, answered, transferred, ended, missed, voicemail, recording_available); signed with the source's secret",
        description:
          `Headers: ${KEY_HEADER} (the API key), ${TIMESTAMP_HEADER} (unix seconds, within 300 s of our clock), ` +
          `${SIGNATURE_HEADER} = hex HMAC-SHA256(secret, "<timestamp>.<raw body>"). A signed request sent again is refused (401). ` +
          "The same eventId sent again (signed anew) is stored once (200, idempotent-replayed). Events may arrive late or out of order: the call record is derived from all of them by their own times. See docs/hotline.md.",
        body: CallEventSchema,
        response: { 200: CallEventReceiptSchema, 201: CallEventReceiptSchema },
      },
      // Before the body is read: the headers, the timestamp and the key.
      preParsing: async (request, reply, payload) => {
        try {
          claimed.set(request, await identifySource(database.db, protector, request.headers, clock.now()));
        } catch (error) {
          if (hasBody(request)) reply.header("connection", "close");
          throw error;
        }
        return payload;
      },
      // Before the body is parsed or validated: an unsigned caller learns nothing about its shape.
      preValidation: async (request) => {
        const identified = claimed.get(request);
        if (!identified) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the event as application/json");
        const raw = rawBodies.get(request) ?? Buffer.alloc(0);
        // The signature now; the nonce (a replay refused) is claimed in the event's own transaction.
        checkSourceSignature(identified, raw);
        try {
          request.body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AppError("INVALID_JSON", "The body is not valid JSON");
        }
      },
      handler: async (request, reply) => {
        const identified = claimed.get(request);
        if (!identified) throw notFound("Source");
        const receipt = await receiveCallEventForDesks(app.ctx, deskHubOf(app.ctx, app.log), identified, request.body);
        if (receipt.isDuplicate) reply.header("idempotent-replayed", "true");
        return reply.status(receipt.isDuplicate ? 200 : 201).send(receipt);
      },
    });
  };
  await app.register(eventApi);
};
