import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { AidLawyerSchema } from "./aid-cases.types.ts";
import { defenceNoticePolicy } from "./defence-notices.policy.ts";
import {
  AddDutyShiftSchema,
  AssignDefenceLawyerSchema,
  DefenceNoticeListQuerySchema,
  DefenceNoticeSchema,
  DutyShiftListQuerySchema,
  DutyShiftSchema,
  InformBodySchema,
  RecordDefenceNoticeSchema,
} from "./defence-notices.types.ts";
import { recordDefenceNotice } from "./commands/record-defence-notice.ts";
import { assignDefenceLawyer } from "./commands/assign-defence-lawyer.ts";
import { informNotifyingBody } from "./commands/inform-notifying-body.ts";
import { addDutyShift, removeDutyShift } from "./commands/keep-duty-roster.ts";
import { findDefenceNoticeLawyers, findDefenceNotices, getDefenceNoticeRow, loadDefenceNotice } from "./queries/find-defence-notices.ts";
import { findDutyShifts, findOnDutyToday } from "./queries/find-duty-shifts.ts";

const staff = { access: "staff" } as const;
const tags = ["legal-aid"];
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** 通知辩护 and 值班律师 (docs/legal-aid-pool.md, "Assigned defence"). */
export const defenceNoticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  app.get("/api/legal-aid/defence-notices", {
    config: staff,
    schema: { tags, summary: "Assigned defence notices in your scope (the center's reviewers, the county's leaders, supervisors; a lawyer: theirs), open ones nearest their Art. 36 limit first", querystring: DefenceNoticeListQuerySchema, response: { 200: Type.Object({ items: Type.Array(DefenceNoticeSchema), total: Type.Integer() }) } },
    handler: async (request) => findDefenceNotices(database.db, request.actor!, request.query, clock.now(), protector),
  });

  app.post("/api/legal-aid/defence-notices", {
    config: staff,
    schema: { tags, summary: "Record a notice from a court, procuratorate or police (Arts. 25, 28): Art. 36's 3 working days run from its receipt", body: RecordDefenceNoticeSchema, response: { 201: DefenceNoticeSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => loadDefenceNotice(tx, request.actor!, await recordDefenceNotice(tx, request.actor!, request.body, now, protector), now, protector));
      return reply.status(201).send(view);
    },
  });

  app.get("/api/legal-aid/defence-notices/:id", {
    config: staff,
    schema: { tags, summary: "One notice with its limit, lawyer, the articles and what you may do", params: IdParams, response: { 200: DefenceNoticeSchema } },
    handler: async (request) => loadDefenceNotice(database.db, request.actor!, request.params.id, clock.now(), protector),
  });

  app.get("/api/legal-aid/defence-notices/:id/lawyers", {
    config: staff,
    schema: { tags, summary: "The center's pool for the notice: the rotation's suggestion first (criminal defence; Art. 26 for life-or-death grounds), then who may not take it and why", params: IdParams, response: { 200: Type.Object({ items: Type.Array(AidLawyerSchema) }) } },
    handler: async (request) => {
      const row = await getDefenceNoticeRow(database.db, request.params.id);
      if (!row) throw notFound("Defence notice");
      defenceNoticePolicy.authorize(request.actor!, "assign_lawyer", { centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });
      return { items: await findDefenceNoticeLawyers(database.db, row, clock.now()) };
    },
  });

  app.post("/api/legal-aid/defence-notices/:id/assign", {
    config: staff,
    schema: { tags, summary: "Assign a lawyer of the center's pool (400 on lawyerId naming the rule when the lawyer may not take it)", params: IdParams, body: AssignDefenceLawyerSchema, response: { 200: DefenceNoticeSchema } },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await assignDefenceLawyer(tx, request.actor!, request.params.id, request.body.lawyerId, now);
        return loadDefenceNotice(tx, request.actor!, request.params.id, now, protector);
      });
    },
  });

  app.post("/api/legal-aid/defence-notices/:id/inform-body", {
    config: staff,
    schema: { tags, summary: "The notifying body was informed of the lawyer (Art. 36): ends the limit, met or missed", params: IdParams, body: InformBodySchema, response: { 200: DefenceNoticeSchema } },
    handler: async (request) => {
      const now = clock.now();
      return database.db.transaction(async (tx) => {
        await informNotifyingBody(tx, request.actor!, request.params.id, request.body.note, now);
        return loadDefenceNotice(tx, request.actor!, request.params.id, now, protector);
      });
    },
  });

  app.get("/api/legal-aid/duty-shifts", {
    config: staff,
    schema: { tags, summary: "The duty lawyer roster (Art. 30) between two days, by workstation: the county's staff read their center's", querystring: DutyShiftListQuerySchema, response: { 200: Type.Object({ items: Type.Array(DutyShiftSchema) }) } },
    handler: async (request) => findDutyShifts(database.db, request.actor!, request.query),
  });

  app.get("/api/legal-aid/duty-shifts/today", {
    config: staff,
    schema: {
      tags,
      summary: "Who is on duty today (Beijing) at the workstations you may see",
      querystring: Type.Object({ centerRegionCode: Type.Optional(RegionCodeSchema) }, { additionalProperties: false }),
      response: { 200: Type.Object({ date: Type.String(), items: Type.Array(DutyShiftSchema) }) },
    },
    handler: async (request) => findOnDutyToday(database.db, request.actor!, clock.now(), request.query.centerRegionCode),
  });

  app.post("/api/legal-aid/duty-shifts", {
    config: staff,
    schema: { tags, summary: "Put a pool lawyer on duty at a workstation on a day (the pool's managers)", body: AddDutyShiftSchema, response: { 201: DutyShiftSchema } },
    handler: async (request, reply) => {
      const now = clock.now();
      const view = await database.db.transaction(async (tx) => {
        const id = await addDutyShift(tx, request.actor!, request.body, now);
        const { items } = await findDutyShifts(tx, request.actor!, { from: request.body.date, to: request.body.date });
        return items.find((s) => s.id === id)!;
      });
      return reply.status(201).send(view);
    },
  });

  app.delete("/api/legal-aid/duty-shifts/:id", {
    config: staff,
    schema: { tags, summary: "Take a duty day off the roster (not a past one)", params: IdParams, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => removeDutyShift(tx, request.actor!, request.params.id, clock.now()));
      return reply.status(204).send(null);
    },
  });
};
