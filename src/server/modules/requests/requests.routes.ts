import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import { IdempotencyHeaders, OffsetSchema } from "../../platform/schema.ts";
import { createLimiter, rateLimit, tooManyRequests } from "../../platform/rate-limit.ts";
import type { Actor, CitizenActor } from "../../policies/actor.ts";
import { getTicketRow, findTicketByNumberAndPhone } from "../tickets/queries/get-ticket.ts";
import { findTicketRows } from "../tickets/queries/find-tickets.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { TicketStatusSchema } from "../tickets/tickets.types.ts";
import { actOnTicket } from "../tickets/commands/act-on-ticket.ts";
import { recordRating } from "../oversight/commands/record-rating.ts";
import { verifyOneTimeCode } from "../citizens/commands/verify-one-time-code.ts";
import { postMessage } from "./commands/post-message.ts";
import { submitRequest } from "./commands/submit-request.ts";
import { findMessages } from "./queries/find-messages.ts";
import { findAwaitingReplies } from "./queries/find-awaiting-replies.ts";
import { presentRequests } from "./queries/present-request.ts";
import {
  CitizenRatingSchema,
  CitizenRequestSchema,
  MessageSchema,
  PostMessageSchema,
  ReopenSchema,
  SubmitRequestSchema,
  TrackSchema,
} from "./requests.types.ts";

const citizen = { access: "citizen" } as const;
const staff = { access: "staff" } as const;
const tags = ["portal"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })), offset: Type.Optional(OffsetSchema), status: Type.Optional(TicketStatusSchema) },
  { additionalProperties: false },
);
const byCitizen = (request: { actor: Actor | null }) => `citizen:${request.actor?.id ?? "-"}`;

/** Limits of the portal's own requests; the one-time code limits are the citizens module's. */
export const REQUEST_LIMITS = {
  submissionsPerHour: { max: 10, windowMs: 3_600_000 },
  messagesPerHour: { max: 30, windowMs: 3_600_000 },
  tracksPerAddressHour: { max: 30, windowMs: 3_600_000 },
} as const;

/** The applicant's own request, or 404: another person's request does not exist for them. */
async function ownRequest(tx: Tx, actor: CitizenActor, id: string) {
  const row = await getTicketRow(tx, id);
  if (!row || !ticketPolicy.can(actor, "read", row)) throw notFound("Request");
  return row;
}

/**
 * My requests (我的申请) on the portal: a citizen submits, follows, talks with
 * the handler, rates and reopens their own requests; anyone can track one by
 * number, phone and one-time code. Staff answer the thread from the ticket.
 */
export const requestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;
  const trackLimiter = createLimiter(app, { name: "portal-track-address", ...REQUEST_LIMITS.tracksPerAddressHour }, { database, clock, protector });
  const asCitizen = (actor: Actor | null) => actor as CitizenActor;
  const present = async (tx: Tx, actor: CitizenActor, id: string) => {
    const row = await ownRequest(tx, actor, id);
    return (await presentRequests(tx, actor, protector, [row], { now: clock.now(), isDetailed: true }))[0];
  };

  app.post("/api/portal/requests", {
    config: { ...citizen, rateLimit: rateLimit({ name: "portal-submissions", ...REQUEST_LIMITS.submissionsPerHour, key: byCitizen }) },
    schema: {
      tags,
      summary: "Submit a request (consultation, legal aid, mediation, home visit, complaint, suggestion): it becomes a ticket, channel portal",
      description: `Send Idempotency-Key to make retries safe. At most ${REQUEST_LIMITS.submissionsPerHour.max} submissions per citizen per hour (429 with Retry-After).`,
      headers: IdempotencyHeaders,
      body: SubmitRequestSchema,
      response: { 200: CitizenRequestSchema, 201: CitizenRequestSchema },
    },
    handler: async (request, reply) => {
      const actor = asCitizen(request.actor);
      const { id, isNew } = await submitRequest(database.db, actor, request.body, clock.now(), { protector, idempotencyKey: request.headers["idempotency-key"] });
      if (!isNew) reply.header("idempotent-replayed", "true");
      return reply.status(isNew ? 201 : 200).send(await database.db.transaction((tx) => present(tx, actor, id)));
    },
  });

  app.get("/api/portal/requests", {
    config: citizen,
    schema: { tags, summary: "My requests, newest first", querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(CitizenRequestSchema), total: Type.Integer() }) } },
    handler: async (request) => {
      const actor = asCitizen(request.actor);
      return database.db.transaction(async (tx) => {
        const { rows, total } = await findTicketRows(tx, actor, protector, { queue: "all", limit: request.query.limit ?? 20, offset: request.query.offset, status: request.query.status });
        return { items: await presentRequests(tx, actor, protector, rows, { now: clock.now() }), total };
      });
    },
  });

  app.get("/api/portal/requests/:id", {
    config: citizen,
    schema: { tags, summary: "One of my requests: progress, deadlines, the thread with the handler, my uploads", params: IdParams, response: { 200: CitizenRequestSchema } },
    handler: async (request) => database.db.transaction((tx) => present(tx, asCitizen(request.actor), request.params.id)),
  });

  app.post("/api/portal/requests/:id/messages", {
    config: { ...citizen, rateLimit: rateLimit({ name: "portal-messages", ...REQUEST_LIMITS.messagesPerHour, key: byCitizen }) },
    schema: { tags, summary: "Write to the staff handling my request", params: IdParams, body: PostMessageSchema, response: { 201: CitizenRequestSchema } },
    handler: async (request, reply) => {
      const actor = asCitizen(request.actor);
      const view = await database.db.transaction(async (tx) => {
        await ownRequest(tx, actor, request.params.id);
        await postMessage(tx, actor, { ticketId: request.params.id, body: request.body.body, now: clock.now() }, { protector });
        return present(tx, actor, request.params.id);
      });
      return reply.status(201).send(view);
    },
  });

  app.post("/api/portal/requests/:id/rating", {
    config: citizen,
    schema: {
      tags,
      summary: "Rate my resolved request on the four axes (once); a score of 2 or less brings a supervisor's call",
      params: IdParams,
      body: CitizenRatingSchema,
      response: { 201: CitizenRequestSchema },
    },
    handler: async (request, reply) => {
      const actor = asCitizen(request.actor);
      const view = await database.db.transaction(async (tx) => {
        await ownRequest(tx, actor, request.params.id);
        await recordRating(tx, actor, request.params.id, request.body, clock.now());
        return present(tx, actor, request.params.id);
      });
      return reply.status(201).send(view);
    },
  });

  app.post("/api/portal/requests/:id/reopen", {
    config: citizen,
    schema: { tags, summary: "Ask to reopen my resolved request, within the period the bureau allows", params: IdParams, body: ReopenSchema, response: { 200: CitizenRequestSchema } },
    handler: async (request) => {
      const actor = asCitizen(request.actor);
      return database.db.transaction(async (tx) => {
        await ownRequest(tx, actor, request.params.id);
        await actOnTicket(tx, actor, request.params.id, { action: "reopen", reason: request.body.reason }, clock.now(), { protector });
        return present(tx, actor, request.params.id);
      });
    },
  });

  app.post("/api/portal/track", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "Track a request without an account: its number, the applicant's phone, and a one-time code sent to that phone (purpose tracking)",
      description:
        "Get the code from POST /api/portal/auth/codes with purpose `tracking`. A wrong number and a phone that is not the applicant's get the same 404. " +
        `At most ${REQUEST_LIMITS.tracksPerAddressHour.max} tries per address per hour (429 with Retry-After).`,
      body: TrackSchema,
      response: { 200: CitizenRequestSchema },
    },
    handler: async (request, reply) => {
      const taken = await trackLimiter.take(request);
      if (!taken.isAllowed) throw tooManyRequests(reply, taken.retryAfterSeconds);
      const { number, phone, code } = request.body;
      const now = clock.now();
      // Commit the counted try before refusing (verifyOneTimeCode).
      const check = await database.db.transaction((tx) => verifyOneTimeCode(tx, { phone, purpose: "tracking", code, now, protector }));
      if (!check.ok) throw check.error;
      return database.db.transaction(async (tx) => {
        const row = await findTicketByNumberAndPhone(tx, protector.lookupHashes(phone), number.trim());
        if (!row) throw notFound("Request");
        return (await presentRequests(tx, "tracking", protector, [row], { now, isDetailed: true }))[0];
      });
    },
  });

  app.get("/api/requests/awaiting-reply", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "待回复留言: portal requests whose applicant wrote last, among those you may answer; the longest waiting first",
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ ticketId: Type.String(), number: Type.String(), status: Type.String(), lastMessageAt: Type.String({ format: "date-time" }), excerpt: Type.String() })),
        }),
      },
    },
    handler: async (request) => ({ items: await database.db.transaction((tx) => findAwaitingReplies(tx, request.actor!, clock.now())) }),
  });

  // The staff side of the thread, beside the ticket in the workbench.
  app.get("/api/tickets/:id/messages", {
    config: staff,
    schema: { tags: ["tickets"], summary: "The thread with the applicant (portal requests)", params: IdParams, response: { 200: Type.Object({ items: Type.Array(MessageSchema), canWrite: Type.Boolean() }) } },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const row = await getTicketRow(tx, request.params.id);
        if (!row || !ticketPolicy.can(actor, "read", row)) throw notFound("Ticket");
        return { items: await findMessages(tx, row.id, actor), canWrite: ticketPolicy.can(actor, "message", row) && row.status !== "archived" && row.status !== "merged" };
      });
    },
  });

  app.post("/api/tickets/:id/messages", {
    config: staff,
    schema: { tags: ["tickets"], summary: "Answer the applicant in the thread; they are told by SMS", params: IdParams, body: PostMessageSchema, response: { 201: MessageSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const message = await database.db.transaction(async (tx) => {
        const row = await getTicketRow(tx, request.params.id);
        if (!row || !ticketPolicy.can(actor, "read", row)) throw notFound("Ticket");
        const id = await postMessage(tx, actor, { ticketId: row.id, body: request.body.body, now: clock.now() }, { protector });
        return (await findMessages(tx, row.id, actor)).find((m) => m.id === id);
      });
      if (!message) throw new AppError("CONFLICT", "The message was not found after writing it");
      return reply.status(201).send(message);
    },
  });
};
