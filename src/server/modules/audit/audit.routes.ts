import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { OffsetSchema } from "../../platform/schema.ts";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { AppError } from "../../platform/errors.ts";
import { hasRole } from "../../policies/actor.ts";
import { auditLog } from "./audit.tables.ts";
import { auditScope } from "./audit.policy.ts";

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: "date-time" }),
  actorKind: Type.String(),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database } = app.ctx;
  app.get("/api/audit", {
    config: { access: "staff" },
    schema: {
      tags: ["audit"],
      summary: "Audit log of your scope (admin, leader, supervisor), newest first",
      querystring: Type.Object(
        {
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(OffsetSchema),
          entityType: Type.Optional(Type.String({ maxLength: 40 })),
          entityId: Type.Optional(Type.String({ maxLength: 100 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema), total: Type.Integer() }) },
    },
    handler: async (request) => {
      const actor = request.actor!;
      if (!hasRole(actor, "admin", "leader", "supervisor")) throw new AppError("FORBIDDEN", "You may not read the audit log");
      const conditions: SQL[] = [auditScope(actor)];
      if (request.query.entityType) conditions.push(eq(auditLog.entityType, request.query.entityType));
      if (request.query.entityId) conditions.push(eq(auditLog.entityId, request.query.entityId));
      const where = and(...conditions);
      const [rows, [{ total }]] = await Promise.all([
        database.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(request.query.limit ?? 50).offset(request.query.offset ?? 0),
        database.db.select({ total: count() }).from(auditLog).where(where),
      ]);
      return {
        items: rows.map((row) => ({ id: row.id, at: row.at.toISOString(), actorKind: row.actorKind, actorUsername: row.actorUsername, action: row.action, entityType: row.entityType, entityId: row.entityId, ip: row.ip, detail: row.detail })),
        total,
      };
    },
  });
};
