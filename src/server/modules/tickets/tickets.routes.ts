import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { IdempotencyHeaders, RequiredText } from "../../platform/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import type { Protector } from "../../platform/personal/protect.ts";
import { ticketPolicy } from "./tickets.policy.ts";
import { ActionReceiptSchema, CreateTicketSchema, MaterialsInputSchema, TicketActionSchema, TicketAuditSchema, TicketListQuerySchema, TicketSchema } from "./tickets.types.ts";
import { createTicket, findIdempotentReplay, requestFingerprint, reserveTicketNumber } from "./commands/create-ticket.ts";
import { actOnTicket } from "./commands/act-on-ticket.ts";
import { extendTicketDeadline } from "./commands/extend-ticket-deadline.ts";
import { updateTicketMaterials } from "./commands/update-ticket-materials.ts";
import { searchTickets } from "./queries/search-tickets.ts";
import { getTicketRow, presentTickets } from "./queries/present-ticket.ts";
import { presentActionReceipt } from "./queries/present-receipt.ts";
import { ticketAudit } from "./queries/ticket-audit.ts";
import { admitPersonalLookup, personalLookupLimiter } from "./personal-lookups.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

async function loadTicketView(tx: Tx, actor: Actor, protector: Protector, id: string, now: Date) {
  const row = await getTicketRow(tx, id);
  if (!row) throw notFound("Ticket");
  ticketPolicy.authorize(actor, "read", row);
  const [view] = await presentTickets(tx, actor, protector, [row], { isDetailed: true, now });
  return view;
}

export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;
  const personalLookups = personalLookupLimiter(app, app.ctx);

  app.post("/api/tickets", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Take a request in as a ticket (一次受理); send Idempotency-Key to make retries safe",
      headers: IdempotencyHeaders,
      body: CreateTicketSchema,
      response: { 200: TicketSchema, 201: TicketSchema },
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const idempotencyKey = request.headers["idempotency-key"];
      const now = clock.now();
      const fingerprint = requestFingerprint(request.body);
      const replayed = idempotencyKey ? await findIdempotentReplay(database.db, actor, idempotencyKey, fingerprint) : null;
      const { id, isNew, created } = replayed
        ? { id: replayed, isNew: false, created: undefined }
        : await (async () => {
            // Every check that can refuse runs before the number is taken, so a refused request leaves no gap.
            const reserved = await reserveTicketNumber(database.db, actor, request.body, now);
            return database.db.transaction((tx) => createTicket(tx, actor, request.body, now, { protector, idempotencyKey, fingerprint, reserved }));
          })();
      // A new ticket nothing changed after it was written is answered from what was written.
      if (created) ticketPolicy.authorize(actor, "read", created.row);
      const view = created
        ? (await presentTickets(database.db, actor, protector, [created.row], { isDetailed: true, now, deadlines: created.deadlines }))[0]
        : await loadTicketView(database.db, actor, protector, id, now);
      if (!isNew) reply.header("idempotent-replayed", "true");
      return reply.status(isNew ? 201 : 200).send(view);
    },
  });

  app.get("/api/tickets", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Queues and search: mine, unit, unassigned, due_soon, overdue, bounced, supervised, all",
      description:
        "Searching by `phone` or `idNumber` is a personal-data lookup: only roles that see the value in full may (403 naming the field otherwise), each is on the audit log (`ticket.lookup_personal`), and an account makes at most SANTAI_LOOKUP_LIMIT of them per SANTAI_LOOKUP_WINDOW_MINUTES (429 with Retry-After).",
      querystring: TicketListQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(TicketSchema), total: Type.Integer() }) },
    },
    handler: async (request, reply) => {
      await admitPersonalLookup(personalLookups, request, reply, request.query);
      // One transaction: a search by personal data is on the audit log if, and only if, it answered.
      return database.db.transaction(async (tx) => {
        const { rows, total } = await searchTickets(tx, request.actor!, request.query, { protector, now: clock.now(), via: "list" });
        return { items: await presentTickets(tx, request.actor!, protector, rows, { now: clock.now() }), total };
      });
    },
  });

  app.get("/api/tickets/:id", {
    config: staff,
    schema: { tags: ["tickets"], summary: "One ticket with its deadlines, materials and the actions you may take", params: IdParams, response: { 200: TicketSchema } },
    handler: async (request) => loadTicketView(database.db, request.actor!, protector, request.params.id, clock.now()),
  });

  app.post("/api/tickets/:id/actions", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Move the ticket on: accept, reject, assign, start, transfer, delegate, send_back, suspend, resume, resolve, follow_up, archive, reopen, merge_into",
      description:
        "Answers the ticket as it is now. When the action takes the ticket out of your view (you sent it back, transferred or delegated it away), the answer is a receipt instead: `{ receipt: true, id, number, status, action, unit }`.",
      params: IdParams,
      body: TicketActionSchema,
      response: { 200: Type.Union([TicketSchema, ActionReceiptSchema]) },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await actOnTicket(tx, actor, request.params.id, request.body, now, { protector });
        const row = (await getTicketRow(tx, request.params.id))!;
        // The action is done and stays done, even when the actor can no longer see the ticket.
        if (!ticketPolicy.can(actor, "read", row)) return presentActionReceipt(tx, row, request.body.action);
        const [view] = await presentTickets(tx, actor, protector, [row], { isDetailed: true, now });
        return view;
      });
    },
  });

  app.post("/api/tickets/:id/extensions", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Approve an extension: move one open deadline on (dispatcher, supervisor)",
      params: IdParams,
      body: Type.Object(
        {
          step: Type.String({ minLength: 1, maxLength: 30, description: "accept | resolve" }),
          amount: Type.Integer({ minimum: 1, maximum: 250 }),
          unit: Type.Union([Type.Literal("hours"), Type.Literal("working_days")]),
          reason: RequiredText({ maxLength: 1000 }),
        },
        { additionalProperties: false },
      ),
      response: { 200: TicketSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const now = clock.now();
        await extendTicketDeadline(tx, request.actor!, request.params.id, request.body, now);
        return loadTicketView(tx, request.actor!, protector, request.params.id, now);
      }),
  });

  app.get("/api/tickets/:id/audit", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "The ticket's audit trail, re-verified: `verified` is false if any event was altered, inserted or removed",
      description:
        "Each event's HMAC (under the audit key it names) is checked over every stored field, each link to the previous event, and the last event against the head kept on the ticket row. `reason`: sequence | link | content | unknown_key | head (docs/audit-trail.md).",
      params: IdParams,
      response: { 200: TicketAuditSchema },
    },
    handler: async (request) => {
      const row = await getTicketRow(database.db, request.params.id);
      if (!row) throw notFound("Ticket");
      ticketPolicy.authorize(request.actor!, "read", row);
      return ticketAudit(database.db, row.id);
    },
  });

  app.patch("/api/tickets/:id/materials", {
    config: staff,
    schema: {
      tags: ["tickets"],
      summary: "Record which checklist materials (一次性告知) the applicant has handed in",
      params: IdParams,
      body: MaterialsInputSchema,
      response: { 200: TicketSchema },
    },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const now = clock.now();
        await updateTicketMaterials(tx, request.actor!, request.params.id, request.body.materialsProvided, now);
        return loadTicketView(tx, request.actor!, protector, request.params.id, now);
      }),
  });
};
