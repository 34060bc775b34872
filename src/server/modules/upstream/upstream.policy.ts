import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { sql, type SQL, type AnyColumn } from "drizzle-orm";

type UpstreamClientRecord = { regionPath: string };

/** Admins register and see the platforms above that send tickets into their region. */
export const upstreamClientPolicy = definePolicy<UpstreamClientRecord, "manage">("upstream client", {
  read: (actor, client) => isWithinScope(actor, client.regionPath) && hasRole(actor, "admin"),
  manage: (actor, client) => isWithinScope(actor, client.regionPath) && hasRole(actor, "admin"),
});

/** The list filter: the same rule as `read`. */
export const upstreamClientScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, "admin") ? scopeCondition(actor, regionPath) : sql`false`;
