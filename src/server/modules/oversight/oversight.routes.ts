import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import { formatBeijingDateTime } from "../../platform/beijing-time.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { admitPersonalLookup, personalLookupLimiter } from "../tickets/personal-lookups.ts";
import {
  CompleteFollowUpSchema,
  FollowUpListQuerySchema,
  FollowUpSchema,
  IssueSupervisionSchema,
  RatingSchema,
  RatingViewSchema,
  RespondSupervisionSchema,
  SupervisionListQuerySchema,
  SupervisionOrderSchema,
  TicketExportQuerySchema,
} from "./oversight.types.ts";
import { requireRole, SUPERVISION_LEDGER_ROLES, visibleFollowUpRoles } from "./oversight.policy.ts";
import { issueSupervision } from "./commands/issue-supervision.ts";
import { respondSupervision } from "./commands/respond-supervision.ts";
import { recordRating } from "./commands/record-rating.ts";
import { getRating } from "./queries/get-rating.ts";
import { completeFollowUp } from "./commands/complete-follow-up.ts";
import { findSupervisionOrders } from "./queries/find-supervision-orders.ts";
import { findFollowUps } from "./queries/find-follow-ups.ts";
import { exportTickets, XLSX_MEDIA_TYPE } from "./queries/export-tickets.ts";

const staff = { access: "staff" } as const;
const tags = ["oversight"];
const TicketParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const OrderParams = Type.Object({ orderId: Type.String({ format: "uuid" }) });
const FollowUpParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const OrderList = Type.Object({ items: Type.Array(SupervisionOrderSchema), total: Type.Integer() });

/** 督办, 回访 and 满意度评价, the outbox read model and the Excel export. */
export const oversightRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;
  const personalLookups = personalLookupLimiter(app, app.ctx);

  app.post("/api/tickets/:id/supervision", {
    config: staff,
    schema: { tags, summary: "督办: order the handler to respond by dueAt (supervisors in scope)", params: TicketParams, body: IssueSupervisionSchema, response: { 201: SupervisionOrderSchema } },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const now = clock.now();
      const order = await database.db.transaction(async (tx) => {
        const id = await issueSupervision(tx, actor, request.params.id, { reason: request.body.reason, dueAt: new Date(request.body.dueAt) }, now);
        return (await findSupervisionOrders(tx, actor, { state: "all", ticketId: request.params.id, limit: 200 }, now)).items.find((o) => o.id === id)!;
      });
      return reply.status(201).send(order);
    },
  });

  app.get("/api/tickets/:id/supervision", {
    config: staff,
    schema: { tags, summary: "The 督办 orders on one ticket (whoever may read the ticket, so the handler finds what to answer)", params: TicketParams, response: { 200: OrderList } },
    handler: async (request) => {
      const row = await getTicketRow(database.db, request.params.id);
      if (!row) throw notFound("Ticket");
      ticketPolicy.authorize(request.actor!, "read", row);
      return findSupervisionOrders(database.db, request.actor!, { state: "all", ticketId: row.id, limit: 200 }, clock.now());
    },
  });

  app.post("/api/supervision/:orderId/respond", {
    config: staff,
    schema: { tags, summary: "The handler answers a 督办 order (once)", params: OrderParams, body: RespondSupervisionSchema, response: { 200: SupervisionOrderSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        const ticketId = await respondSupervision(tx, actor, request.params.orderId, request.body, now);
        return (await findSupervisionOrders(tx, actor, { state: "all", ticketId, limit: 200 }, now)).items.find((o) => o.id === request.params.orderId)!;
      });
    },
  });

  app.get("/api/supervision", {
    config: staff,
    schema: { tags, summary: "督办台账: open, overdue, responded or all orders in your scope", querystring: SupervisionListQuerySchema, response: { 200: OrderList } },
    handler: async (request) => {
      requireRole(request.actor!, SUPERVISION_LEDGER_ROLES, "the supervision ledger");
      return findSupervisionOrders(database.db, request.actor!, request.query, clock.now());
    },
  });

  app.post("/api/tickets/:id/rating", {
    config: staff,
    schema: { tags, summary: "满意度评价 as the citizen gave it (phone or window); one per ticket, a score ≤ 2 opens a supervisor's follow-up", params: TicketParams, body: RatingSchema, response: { 201: RatingViewSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => {
        const { followUpId } = await recordRating(tx, request.actor!, request.params.id, request.body, now);
        return { ...(await getRating(tx, request.params.id))!, followUpId };
      });
      return reply.status(201).send(view);
    },
  });

  app.get("/api/follow-ups", {
    config: staff,
    schema: { tags, summary: "回访 queues: mine (open tasks of your roles), open, done", querystring: FollowUpListQuerySchema, response: { 200: Type.Object({ items: Type.Array(FollowUpSchema), total: Type.Integer() }) } },
    handler: async (request) => {
      if (visibleFollowUpRoles(request.actor!).length === 0) throw new AppError("FORBIDDEN", "Follow-ups are for operators, supervisors, dispatchers, leaders and admins");
      return findFollowUps(database.db, request.actor!, protector, request.query, clock.now());
    },
  });

  app.post("/api/follow-ups/:id/complete", {
    config: staff,
    schema: { tags, summary: "A supervisor records the mandatory follow-up a low rating opened", params: FollowUpParams, body: CompleteFollowUpSchema, response: { 200: FollowUpSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await completeFollowUp(tx, actor, request.params.id, request.body, now);
        const done = await findFollowUps(tx, actor, protector, { queue: "done", id: request.params.id, limit: 1 }, now);
        return done.items[0];
      });
    },
  });

  app.get("/api/tickets/export.xlsx", {
    config: staff,
    schema: {
      tags,
      summary: "The ticket list as an Excel file: the filters of GET /api/tickets, up to 10,000 rows, phones masked as the list shows them",
      querystring: TicketExportQuerySchema,
      produces: [XLSX_MEDIA_TYPE],
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const now = clock.now();
      await admitPersonalLookup(personalLookups, request, reply, request.query);
      const { buffer, count, total } = await exportTickets(database.db, actor, request.query, { protector, now });
      // A bulk read of personal data is worth a line in the audit log; the search terms are not (they may be a phone or ID number).
      const { phone, idNumber, name, ...filters } = request.query;
      await recordAudit(database.db, {
        actor,
        action: "ticket.export",
        entityType: "ticket",
        at: now,
        detail: { rows: count, total, filters, ...(phone || idNumber || name ? { searchedByPerson: true } : {}) },
      });
      // The Beijing date, like every date people read.
      const stamp = formatBeijingDateTime(now).slice(0, 10).replace(/-/g, "");
      return reply
        .header("content-type", XLSX_MEDIA_TYPE)
        .header("content-disposition", `attachment; filename="tickets-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`工单-${stamp}`)}.xlsx`)
        .header("x-total-count", String(total))
        .send(buffer);
    },
  });
};
