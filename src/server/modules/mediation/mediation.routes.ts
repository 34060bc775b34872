import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { committeePolicy, mediationCasePolicy } from "./mediation.policy.ts";
import {
  CommitteeListQuerySchema,
  CommitteeMemberSchema,
  MediatorCandidateSchema,
  CommitteeSchema,
  MediationCaseActionSchema,
  MediationCaseListQuerySchema,
  MediationCaseSchema,
  MediatorSchema,
  OpenMediationCaseSchema,
  ReceiveReferralSchema,
  ReferOutSchema,
  ReferralListQuerySchema,
  ReferralSchema,
  ReferralStatusUpdateSchema,
  SaveCommitteeSchema,
} from "./mediation.types.ts";
import { saveCommittee } from "./commands/save-committee.ts";
import { openMediationCase } from "./commands/open-mediation-case.ts";
import { actOnMediationCase, recordOfCase } from "./commands/act-on-mediation-case.ts";
import { receiveReferral } from "./commands/receive-referral.ts";
import { referOut } from "./commands/refer-out.ts";
import { updateReferralStatus } from "./commands/update-referral.ts";
import { findCommittees, getCommitteeRow } from "./queries/find-committees.ts";
import { findMediationCases, getMediationCaseRow, loadMediationCase } from "./queries/find-mediation-cases.ts";
import { findMediatorCandidates, findMediators } from "./queries/find-mediators.ts";
import { appointCommitteeMediator, dismissCommitteeMediator } from "./commands/appoint-committee-mediator.ts";
import { findReferrals, loadReferral } from "./queries/find-referrals.ts";

const staff = { access: "staff" } as const;
const tags = ["mediation"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 人民调解: committees, cases on top of tickets, referrals (docs/mediation.md). */
export const mediationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.get("/api/mediation/committees", {
    config: staff,
    schema: { tags, summary: "People's mediation committees; with forRegion, the ones competent for a dispute there (its village's, township's, industry committees above), nearest first", querystring: CommitteeListQuerySchema, response: { 200: Type.Object({ items: Type.Array(CommitteeSchema) }) } },
    handler: async (request) => ({ items: await findCommittees(database.db, request.actor!, request.query) }),
  });

  app.post("/api/mediation/committees", {
    config: staff,
    schema: { tags, summary: "A committee (village Art. 8, township Art. 34, industry); leaders and admins of its region", body: SaveCommitteeSchema, response: { 201: Type.Object({ id: Type.String() }) } },
    handler: async (request, reply) => reply.status(201).send({ id: await database.db.transaction((tx) => saveCommittee(tx, request.actor!, null, request.body, clock.now())) }),
  });

  app.put("/api/mediation/committees/:id", {
    config: staff,
    schema: { tags, summary: "Change a committee (name, kind, region, field, in service)", params: IdParams, body: SaveCommitteeSchema, response: { 200: Type.Object({ id: Type.String() }) } },
    handler: async (request) => ({ id: await database.db.transaction((tx) => saveCommittee(tx, request.actor!, request.params.id, request.body, clock.now())) }),
  });

  app.get("/api/mediation/committees/:id/mediators", {
    config: staff,
    schema: { tags, summary: "The committee's mediators: the mediator accounts of its region (a village committee's: its township's), Art. 13", params: IdParams, response: { 200: Type.Object({ items: Type.Array(MediatorSchema) }) } },
    handler: async (request) => {
      const row = await getCommitteeRow(database.db, request.params.id);
      if (!row) throw notFound("Mediation committee");
      committeePolicy.authorize(request.actor!, "read", { regionPath: row.regionPath });
      return { items: await findMediators(database.db, row) };
    },
  });

  app.get("/api/mediation/committees/:id/candidates", {
    config: staff,
    schema: { tags, summary: "Mediator accounts in your scope the committee could appoint (聘任, Art. 13); those who keep the committee only", params: IdParams, response: { 200: Type.Object({ items: Type.Array(MediatorCandidateSchema) }) } },
    handler: async (request) => {
      const row = await getCommitteeRow(database.db, request.params.id);
      if (!row) throw notFound("Mediation committee");
      const actor = request.actor!;
      committeePolicy.authorize(actor, "appoint", { regionPath: row.regionPath });
      return { items: await findMediatorCandidates(database.db, actor.kind === "staff" ? actor.regionPath : row.regionPath, row) };
    },
  });

  app.post("/api/mediation/committees/:id/mediators", {
    config: staff,
    schema: { tags, summary: "Appoint a mediator account to the committee by name (聘任, Art. 13); audited", params: IdParams, body: CommitteeMemberSchema, response: { 201: Type.Object({ items: Type.Array(MediatorSchema) }) } },
    handler: async (request, reply) => {
      const items = await database.db.transaction(async (tx) => {
        await appointCommitteeMediator(tx, request.actor!, request.params.id, request.body.accountId, clock.now());
        return findMediators(tx, (await getCommitteeRow(tx, request.params.id))!);
      });
      return reply.status(201).send({ items });
    },
  });

  app.delete("/api/mediation/committees/:id/mediators/:accountId", {
    config: staff,
    schema: { tags, summary: "End a mediator's appointment to the committee (only those appointed by name); audited", params: Type.Object({ id: Type.String({ format: "uuid" }), accountId: Type.String({ format: "uuid" }) }), response: { 200: Type.Object({ items: Type.Array(MediatorSchema) }) } },
    handler: async (request) => ({
      items: await database.db.transaction(async (tx) => {
        await dismissCommitteeMediator(tx, request.actor!, request.params.id, request.params.accountId, clock.now());
        return findMediators(tx, (await getCommitteeRow(tx, request.params.id))!);
      }),
    }),
  });

  app.get("/api/mediation/cases", {
    config: staff,
    schema: { tags, summary: "Mediation cases in your scope (a committee's region; a mediator's own cases)", querystring: MediationCaseListQuerySchema, response: { 200: Type.Object({ items: Type.Array(MediationCaseSchema), total: Type.Integer() }) } },
    handler: async (request) => findMediationCases(database.db, request.actor!, request.query, clock.now()),
  });

  app.post("/api/mediation/cases", {
    config: staff,
    schema: { tags, summary: "A mediation ticket goes before a competent committee (Art. 17); free of charge (Art. 4)", body: OpenMediationCaseSchema, response: { 201: MediationCaseSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => loadMediationCase(tx, request.actor!, await openMediationCase(tx, request.actor!, request.body, now, protector), now));
      return reply.status(201).send(view);
    },
  });

  app.get("/api/mediation/cases/by-ticket/:id", {
    config: staff,
    schema: { tags, summary: "The mediation case of a ticket (404 when it has none)", params: IdParams, response: { 200: MediationCaseSchema } },
    handler: async (request) => loadMediationCase(database.db, request.actor!, request.params.id, clock.now(), true),
  });

  app.get("/api/mediation/cases/:id", {
    config: staff,
    schema: { tags, summary: "One case: sessions, agreement, deadlines, timeline, the rules with their articles, and what you may do", params: IdParams, response: { 200: MediationCaseSchema } },
    handler: async (request) => loadMediationCase(database.db, request.actor!, request.params.id, clock.now()),
  });

  app.get("/api/mediation/cases/:id/mediators", {
    config: staff,
    schema: { tags, summary: "The committee's mediators to designate or for the parties to choose from (Art. 19)", params: IdParams, response: { 200: Type.Object({ items: Type.Array(MediatorSchema) }) } },
    handler: async (request) => {
      const row = await getMediationCaseRow(database.db, request.params.id);
      if (!row) throw notFound("Mediation case");
      mediationCasePolicy.authorize(request.actor!, "assign_mediators", recordOfCase(row));
      return { items: await findMediators(database.db, { id: row.committeeId, regionPath: row.regionPath }) };
    },
  });

  app.post("/api/mediation/cases/:id/actions", {
    config: staff,
    schema: {
      tags,
      summary: "Move the case on: accept, decline, assign_mediators, schedule_session, record_session, agree_written, agree_oral, fail, terminate, follow_up, guide_confirmation, record_confirmation, archive",
      params: IdParams,
      body: MediationCaseActionSchema,
      response: { 200: MediationCaseSchema },
    },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await actOnMediationCase(tx, request.actor!, request.params.id, request.body, now, protector);
        return loadMediationCase(tx, request.actor!, request.params.id, now);
      });
    },
  });

  app.post("/api/mediation/cases/:id/referrals", {
    config: staff,
    schema: { tags, summary: "Refer a failed or ended mediation on to a court, arbitration or another authority (Art. 26)", params: IdParams, body: ReferOutSchema, response: { 201: ReferralSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => loadReferral(tx, request.actor!, await referOut(tx, request.actor!, request.params.id, request.body, now)));
      return reply.status(201).send(view);
    },
  });

  app.get("/api/mediation/referrals", {
    config: staff,
    schema: { tags, summary: "Referrals in and out (诉调、公调、访调对接) in your scope", querystring: ReferralListQuerySchema, response: { 200: Type.Object({ items: Type.Array(ReferralSchema), total: Type.Integer() }) } },
    handler: async (request) => findReferrals(database.db, request.actor!, request.query),
  });

  app.post("/api/mediation/referrals/incoming", {
    config: staff,
    schema: { tags, summary: "A referral from a court, the police or a petition office: a mediation ticket and case before the committee named, the partner's reference, a receipt", body: ReceiveReferralSchema, response: { 201: ReferralSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => loadReferral(tx, request.actor!, (await receiveReferral(tx, request.actor!, request.body, now, protector)).referralId));
      return reply.status(201).send(view);
    },
  });

  app.get("/api/mediation/referrals/:id", {
    config: staff,
    schema: { tags, summary: "One referral with its history", params: IdParams, response: { 200: ReferralSchema } },
    handler: async (request) => loadReferral(database.db, request.actor!, request.params.id),
  });

  app.post("/api/mediation/referrals/:id/status", {
    config: staff,
    schema: { tags, summary: "Record the referral's new status (sent → received → accepted / returned → concluded)", params: IdParams, body: ReferralStatusUpdateSchema, response: { 200: ReferralSchema } },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await updateReferralStatus(tx, request.actor!, request.params.id, request.body, now);
        return loadReferral(tx, request.actor!, request.params.id);
      });
    },
  });
};
