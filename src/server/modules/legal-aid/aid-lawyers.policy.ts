import { sql, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { aidLawyers } from "./aid-lawyers.tables.ts";

/** What the rules of who may manage a pool entry need: the center's county. */
export type AidLawyerRecord = { centerRegionPath: string };

/**
 * 法律援助律师库: the center's reviewers and the bureau's leaders manage the pool of
 * their county (its center) — approve, change, suspend, reinstate, remove; admins
 * in their scope too. Reading is the same people and the supervisors (quality).
 */
const POOL_MANAGERS = ["reviewer", "leader", "admin"] as const;
const POOL_READERS = [...POOL_MANAGERS, "supervisor"] as const;

const manages = (actor: Actor, r: AidLawyerRecord) => isWithinScope(actor, r.centerRegionPath) && hasRole(actor, ...POOL_MANAGERS);

export const aidLawyerPolicy = definePolicy<AidLawyerRecord, "manage">("aid lawyer", {
  read: (actor, r) => isWithinScope(actor, r.centerRegionPath) && hasRole(actor, ...POOL_READERS),
  manage: manages,
});

/** May the actor approve lawyers into this center's pool (no entry yet)? */
export const canManagePoolOf = (actor: Actor, centerRegionPath: string) => actor.kind === "system" || manages(actor, { centerRegionPath });

/** The list filter: the same as `read`. */
export function aidLawyerScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor) || !hasRole(actor, ...POOL_READERS)) return sql`false`;
  return scopeCondition(actor, aidLawyers.centerRegionPath);
}
