import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AppError } from "../../platform/errors.ts";
import { hasRole, type Actor } from "../../policies/actor.ts";
import { findAuditEntries } from "./queries/find-audit-entries.ts";
import { AuditListQuerySchema, AuditListSchema } from "./audit.types.ts";

/** Admins, leaders and supervisors read the log (of their scope, see audit.policy.ts); others are told no. */
function assertMayRead(actor: Actor): void {
  if (!hasRole(actor, "admin", "leader", "supervisor")) throw new AppError("FORBIDDEN", "You may not read the audit log");
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database } = app.ctx;
  app.get("/api/audit", {
    config: { access: "staff" },
    schema: {
      tags: ["audit"],
      summary: "Audit log of your scope (admin, leader, supervisor), newest first, with the names of people and objects",
      querystring: AuditListQuerySchema,
      response: { 200: AuditListSchema },
    },
    handler: async (request) => {
      const actor = request.actor!;
      assertMayRead(actor);
      const { limit = 50, offset = 0, ...filter } = request.query;
      return findAuditEntries(database.db, actor, { ...filter, limit, offset });
    },
  });
};
