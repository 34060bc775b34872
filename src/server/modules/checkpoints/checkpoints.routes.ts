import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { desc } from "drizzle-orm";
import { auditChainKeys } from "../../platform/audit-chain.ts";
import { AppError } from "../../platform/errors.ts";
import { ticketScope } from "../tickets/tickets.policy.ts";
import { ChainBreakReasonSchema } from "../tickets/tickets.types.ts";
import { auditCheckpoints } from "./checkpoints.tables.ts";
import { auditTrailPolicy, isDeploymentWide } from "./checkpoints.policy.ts";
import { exportCheckpoint } from "./queries/verify-checkpoints.ts";
import { verifyAuditTrail } from "./queries/verify-audit-trail.ts";

const forbidden = (what: string) => new AppError("FORBIDDEN", `You may not ${what}`);
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A Beijing date, YYYY-MM-DD" });
const BreakSchema = Type.Union([ChainBreakReasonSchema, Type.Null()]);

const CheckpointSchema = Type.Object({
  day: Type.String(),
  cutoff: Type.String({ format: "date-time" }),
  madeAt: Type.String({ format: "date-time" }),
  ticketCount: Type.Integer(),
  ticketsDigest: Type.String(),
  auditSeq: Type.Integer(),
  auditHash: Type.String(),
  keyId: Type.String(),
  prevHash: Type.String(),
  hash: Type.String(),
});

const VerifySchema = Type.Object({
  verified: Type.Boolean(),
  tickets: Type.Object({
    checked: Type.Integer(),
    events: Type.Integer(),
    brokenCount: Type.Integer(),
    broken: Type.Array(Type.Object({ ticketId: Type.String(), number: Type.String(), brokenAtSeq: Type.Union([Type.Integer(), Type.Null()]), reason: BreakSchema })),
  }),
  auditLog: Type.Union([
    Type.Object({
      verified: Type.Boolean(),
      checked: Type.Integer(),
      brokenAtSeq: Type.Union([Type.Integer(), Type.Null()]),
      reason: BreakSchema,
      unchained: Type.Integer(),
      head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
    }),
    Type.Null(),
  ]),
  checkpoints: Type.Union([
    Type.Object({
      verified: Type.Boolean(),
      checked: Type.Integer(),
      latestDay: Type.Union([Type.String(), Type.Null()]),
      broken: Type.Array(Type.Object({ day: Type.String(), reason: Type.String() })),
    }),
    Type.Null(),
  ]),
  keyIds: Type.Array(Type.String()),
});

export const checkpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/audit/verify", {
    config: { access: "staff" },
    schema: {
      tags: ["audit"],
      summary: "Re-verify the audit trail of your scope (admin, supervisor)",
      description:
        "Every ticket chain you may see (HMAC under the key each event names, links, head on the ticket row); for accounts at a root of the region tree also the audit log chain and the daily checkpoints. docs/audit-trail.md.",
      response: { 200: VerifySchema },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const isWhole = isDeploymentWide(actor);
      if (!auditTrailPolicy.can(actor, "verify", { scope: "region" })) throw forbidden("verify the audit trail");
      return verifyAuditTrail(database.db, auditChainKeys(database.db).keys, { scope: ticketScope(actor), isWholeTrail: isWhole });
    },
  });

  app.get("/api/audit/checkpoints", {
    config: { access: "staff" },
    schema: {
      tags: ["audit"],
      summary: "The daily checkpoints, newest first (admins and supervisors at a root region)",
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CheckpointSchema) }) },
    },
    handler: async (request) => {
      if (!auditTrailPolicy.can(request.actor!, "listCheckpoints", { scope: "deployment" })) throw forbidden("read the audit checkpoints");
      const rows = await database.db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.day)).limit(request.query.limit ?? 30);
      return { items: rows.map((r) => ({ ...r, cutoff: r.cutoff.toISOString(), madeAt: r.madeAt.toISOString() })) };
    },
  });

  app.get("/api/audit/checkpoints/:day", {
    config: { access: "staff" },
    schema: {
      tags: ["audit"],
      summary: "A day's checkpoint as a JSON file to keep elsewhere (admins at a root region)",
      description:
        "The checkpoint, every ticket's head as of its cutoff, and whether it still verifies. Keep it off-site: `santai verify-audit --checkpoint FILE` compares it with the trail later and names any ticket changed or missing.",
      params: Type.Object({ day: Day }),
    },
    handler: async (request, reply) => {
      if (!auditTrailPolicy.can(request.actor!, "exportCheckpoint", { scope: "deployment" })) throw forbidden("export the audit checkpoints");
      const file = await database.db.transaction((tx) => exportCheckpoint(tx, request.params.day, auditChainKeys(tx).keys, clock.now()), {
        isolationLevel: "repeatable read",
        accessMode: "read only",
      });
      if (!file) throw new AppError("NOT_FOUND", `No checkpoint for ${request.params.day}`);
      return reply
        .header("content-type", "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="santai-checkpoint-${file.day}.json"`)
        .send(JSON.stringify(file, null, 1));
    },
  });
};
