import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { IdempotencyHeaders } from "../../platform/schema.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { deskCallPolicy } from "./hotline.policy.ts";
import {
  CallConsultationInputSchema,
  CallNoteInputSchema,
  CallNoteSchema,
  CallTicketInputSchema,
  DeskCallSchema,
  LawyerSeatSchema,
  TransferInputSchema,
  TransferRequestSchema,
} from "./hotline-desk-actions.types.ts";
import { addCallNote } from "./commands/add-call-note.ts";
import { requestCallTransfer } from "./commands/request-call-transfer.ts";
import { resolveConsultationOnCall, takeTicketFromCall, type TakenIn } from "./commands/take-in-call.ts";
import { findCallNotes, findLawyerSeats, getDeskCall, presentCallActions } from "./queries/find-desk-call.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;
const CallParams = Type.Object({ id: Type.String({ format: "uuid", description: "the call's record id (hotline_calls.id, as the desk's live pushes give it)" }) });
const TakenInSchema = Type.Object({
  ticket: Type.Object({ id: Type.String({ format: "uuid" }), number: Type.String(), status: Type.String() }),
  isNew: Type.Boolean({ description: "false: the same request was sent before; this is the ticket it made" }),
});

/** 12348 hotline, the operator desk's actions on a call: notes, tickets from the call, consultations resolved on it, transfers (docs/hotline-desk.md). */
export const hotlineDeskActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  const presentTaken = async (taken: TakenIn) => {
    const row = (await getTicketRow(database.db, taken.ticketId))!;
    return { ticket: { id: row.id, number: row.number, status: row.status }, isNew: taken.isNew };
  };

  app.get("/api/hotline/calls/:id/desk", {
    config: staff,
    schema: { tags, summary: "A call on the desk: what you may do with it, its notes, the tickets made from it and the transfers asked for", params: CallParams, response: { 200: DeskCallSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const call = await getDeskCall(tx, request.params.id);
        deskCallPolicy.authorize(request.actor!, "read", call);
        return presentCallActions(tx, request.actor!, call);
      }),
  });

  app.get("/api/hotline/calls/:id/notes", {
    config: staff,
    schema: { tags, summary: "The notes on a call (its operator; supervisors of the region)", params: CallParams, response: { 200: Type.Object({ items: Type.Array(CallNoteSchema) }) } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const call = await getDeskCall(tx, request.params.id);
        deskCallPolicy.authorize(request.actor!, "read", call);
        return { items: await findCallNotes(tx, call.id) };
      }),
  });

  app.post("/api/hotline/calls/:id/notes", {
    config: staff,
    schema: { tags, summary: "Add a note to a call (≤ 2000 characters); send Idempotency-Key to make retries safe", params: CallParams, headers: IdempotencyHeaders, body: CallNoteInputSchema, response: { 200: CallNoteSchema, 201: CallNoteSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const view = await database.db.transaction(async (tx) => {
        const { row, isNew } = await addCallNote(tx, actor, request.params.id, request.body, clock.now(), { idempotencyKey: request.headers["idempotency-key"] });
        return { note: (await findCallNotes(tx, row.callRef)).find((n) => n.id === row.id)!, isNew };
      });
      if (!view.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(view.isNew ? 201 : 200).send(view.note);
    },
  });

  app.post("/api/hotline/calls/:id/ticket", {
    config: staff,
    schema: {
      tags,
      summary: "Take a ticket in from the call (channel hotline, the caller's number as the applicant's phone); the same request again returns the same ticket",
      params: CallParams,
      headers: IdempotencyHeaders,
      body: CallTicketInputSchema,
      response: { 200: TakenInSchema, 201: TakenInSchema },
    },
    handler: async (request, reply) => {
      const now = clock.now();
      const taken = await database.db.transaction((tx) => takeTicketFromCall(tx, request.actor!, request.params.id, request.body, now, { protector, idempotencyKey: request.headers["idempotency-key"] }));
      if (!taken.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(taken.isNew ? 201 : 200).send(await presentTaken(taken));
    },
  });

  app.post("/api/hotline/calls/:id/consultation", {
    config: staff,
    schema: {
      tags,
      summary: "Resolve a consultation answered on the call: a consultation ticket taken in and resolved at once with the summary and the articles cited",
      params: CallParams,
      headers: IdempotencyHeaders,
      body: CallConsultationInputSchema,
      response: { 200: TakenInSchema, 201: TakenInSchema },
    },
    handler: async (request, reply) => {
      const now = clock.now();
      const taken = await database.db.transaction((tx) => resolveConsultationOnCall(tx, request.actor!, request.params.id, request.body, now, { protector, idempotencyKey: request.headers["idempotency-key"] }));
      if (!taken.isNew) reply.header("idempotent-replayed", "true");
      return reply.status(taken.isNew ? 201 : 200).send(await presentTaken(taken));
    },
  });

  app.get("/api/hotline/calls/:id/transfer-targets", {
    config: staff,
    schema: { tags, summary: "The seats of the call's phone system held by lawyers, to transfer the call to", params: CallParams, response: { 200: Type.Object({ items: Type.Array(LawyerSeatSchema) }) } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const call = await getDeskCall(tx, request.params.id);
        deskCallPolicy.authorize(request.actor!, "transfer", call);
        return { items: await findLawyerSeats(tx, call) };
      }),
  });

  app.post("/api/hotline/calls/:id/transfer", {
    config: staff,
    schema: {
      tags,
      summary: "Ask for the call to be transferred to a lawyer's seat (recorded; the phone system performs it and reports a transferred event)",
      params: CallParams,
      body: TransferInputSchema,
      response: { 200: TransferRequestSchema, 201: TransferRequestSchema },
    },
    handler: async (request, reply) => {
      const { row, isNew } = await database.db.transaction((tx) => requestCallTransfer(tx, request.actor!, request.params.id, request.body.seatId, clock.now()));
      if (!isNew) reply.header("idempotent-replayed", "true");
      return reply.status(isNew ? 201 : 200).send({ id: row.id, seat: { id: row.seatId, extension: row.extension }, requestedAt: row.requestedAt.toISOString() });
    },
  });
};
