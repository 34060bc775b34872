import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { aidCasePolicy } from "./aid-cases.policy.ts";
import { AidCaseActionSchema, AidCaseListQuerySchema, AidCaseSchema, AidLawyerSchema, OpenAidCaseSchema } from "./aid-cases.types.ts";
import { openAidCase } from "./commands/open-aid-case.ts";
import { actOnAidCase, recordOf } from "./commands/act-on-aid-case.ts";
import { findAidCases, getAidCaseRow, loadAidCase } from "./queries/find-aid-cases.ts";
import { findAidLawyers } from "./queries/find-aid-lawyers.ts";
import { PoolNeedQuerySchema } from "./aid-lawyers.types.ts";

const staff = { access: "staff" } as const;
const tags = ["legal-aid"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 法律援助案件: the legal aid workflow on top of tickets (docs/legal-aid-flow.md). */
export const aidCaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.get("/api/legal-aid/cases", {
    config: staff,
    schema: { tags, summary: "Legal aid cases in your scope (a center's reviewers: its county; a station: its township; a lawyer: theirs)", querystring: AidCaseListQuerySchema, response: { 200: Type.Object({ items: Type.Array(AidCaseSchema), total: Type.Integer() }) } },
    handler: async (request) => findAidCases(database.db, request.actor!, request.query, clock.now()),
  });

  app.post("/api/legal-aid/cases", {
    config: staff,
    schema: {
      tags,
      summary: "A legal aid ticket becomes a case: Art. 43's 7 days to decide run from the application. Intake opens it already; a ticket that is a case answers 200 with it (idempotent), a new case 201",
      body: OpenAidCaseSchema,
      response: { 200: AidCaseSchema, 201: AidCaseSchema },
    },
    handler: async (request, reply) => {
      const now = clock.now();
      const { view, isNew } = await database.db.transaction(async (tx) => {
        const opened = await openAidCase(tx, request.actor!, request.body, now, protector);
        return { view: await loadAidCase(tx, request.actor!, opened.id, now), isNew: opened.isNew };
      });
      return reply.status(isNew ? 201 : 200).send(view);
    },
  });

  app.get("/api/legal-aid/cases/by-ticket/:id", {
    config: staff,
    schema: { tags, summary: "The legal aid case of a ticket (404 when it has none)", params: IdParams, response: { 200: AidCaseSchema } },
    handler: async (request) => loadAidCase(database.db, request.actor!, null, clock.now(), request.params.id),
  });

  app.get("/api/legal-aid/cases/:id", {
    config: staff,
    schema: { tags, summary: "One case: its steps, deadlines, timeline, the rules with their articles, and what you may do", params: IdParams, response: { 200: AidCaseSchema } },
    handler: async (request) => loadAidCase(database.db, request.actor!, request.params.id, clock.now()),
  });

  app.get("/api/legal-aid/cases/:id/lawyers", {
    config: staff,
    schema: {
      tags,
      summary: "The center's pool of aid lawyers to assign or let the applicant choose from (点援制): the rotation's suggestion first, then the others eligible, then those who may not take it and why (Art. 26)",
      params: IdParams,
      querystring: PoolNeedQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(AidLawyerSchema) }) },
    },
    handler: async (request) => {
      const row = await getAidCaseRow(database.db, request.params.id);
      if (!row) throw notFound("Legal aid case");
      aidCasePolicy.authorize(request.actor!, "assign_lawyer", recordOf(row));
      return { items: await findAidLawyers(database.db, row.centerRegionPath, request.query, clock.now()) };
    },
  });

  app.post("/api/legal-aid/cases/:id/actions", {
    config: staff,
    schema: {
      tags,
      summary: "Move the case on: precheck, review, decide, request_materials, materials_supplied, lapse, withdraw, grant_in_advance, assign_lawyer, progress_note, close, quality_review, terminate, object, decide_objection, archive",
      params: IdParams,
      body: AidCaseActionSchema,
      response: { 200: AidCaseSchema },
    },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await actOnAidCase(tx, request.actor!, request.params.id, request.body, now, protector);
        return loadAidCase(tx, request.actor!, request.params.id, now);
      });
    },
  });
};
