import { sql } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { auditLog } from "./audit.tables.ts";

/** Admins, leaders and supervisors read the audit entries of their scope. */
export const auditPolicy = definePolicy<{ regionPath: string | null }, never>("audit entry", {
  read: (actor, entry) => entry.regionPath !== null && isWithinScope(actor, entry.regionPath) && hasRole(actor, "admin", "leader", "supervisor"),
});

export const auditScope = (actor: Actor) =>
  hasRole(actor, "admin", "leader", "supervisor") ? scopeCondition(actor, auditLog.regionPath) : sql`false`;
