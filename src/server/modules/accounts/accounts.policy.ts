import { sql } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { accounts } from "./accounts.tables.ts";

type AccountRecord = { id: string; regionPath: string };

/**
 * Admins manage the accounts of their scope; leaders may look at them. Nobody
 * disables their own account (an admin could lock everyone out).
 */
export const accountPolicy = definePolicy<AccountRecord, "update" | "disable" | "resetPassword">("account", {
  read: (actor, account) => isWithinScope(actor, account.regionPath) && hasRole(actor, "admin", "leader"),
  update: (actor, account) => isWithinScope(actor, account.regionPath) && hasRole(actor, "admin"),
  disable: (actor, account) => isWithinScope(actor, account.regionPath) && hasRole(actor, "admin") && actor.id !== account.id,
  resetPassword: (actor, account) => isWithinScope(actor, account.regionPath) && hasRole(actor, "admin"),
});

/** May the actor create an account bound to this region? */
export const canCreateAccountIn = (actor: Actor, regionPath: string) => accountPolicy.can(actor, "update", { id: "", regionPath });

/** Leaders and admins list accounts of their scope; others list none. */
export const accountScope = (actor: Actor) => (hasRole(actor, "admin", "leader") ? scopeCondition(actor, accounts.regionPath) : sql`false`);
