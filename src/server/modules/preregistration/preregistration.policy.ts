import { or, and, eq, type SQL, sql } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { preregistrations } from "./preregistration.tables.ts";

type PreregistrationRecord = { regionPath: string; routeRegionPath: string; createdByKind: string; createdBy: string | null };

/** The applicant's region, or the region it was routed to (the provider's, or the service centre's). */
const sees = (actor: Actor, p: PreregistrationRecord) => isWithinScope(actor, p.regionPath) || isWithinScope(actor, p.routeRegionPath);
const owns = (actor: Actor, p: PreregistrationRecord) => actor.kind === "citizen" && p.createdByKind === "citizen" && p.createdBy === actor.id;

/** The front desk and the service centre record what the provider reports (窗口、服务中心). */
const FRONT = ["window", "operator", "dispatcher", "admin"] as const;

export const preregistrationPolicy = definePolicy<PreregistrationRecord, "recordStatus" | "checkMaterials">("pre-registration", {
  read: (a, p) => (isStaff(a) && sees(a, p)) || owns(a, p),
  recordStatus: (a, p) => sees(a, p) && hasRole(a, ...FRONT),
  checkMaterials: (a, p) => (sees(a, p) && hasRole(a, ...FRONT)) || owns(a, p),
});

/** Staff at the window take pre-registrations for matters in their scope; a citizen for themselves. */
export const canPreregisterIn = (actor: Actor, regionPath: string) =>
  actor.kind === "citizen" || actor.kind === "system" || (isWithinScope(actor, regionPath) && hasRole(actor, "window", "operator", "admin"));

/** The list filter: the same ways of seeing one as `read`. */
export function preregistrationScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (actor.kind === "citizen") return and(eq(preregistrations.createdByKind, "citizen"), eq(preregistrations.createdBy, actor.id))!;
  return or(scopeCondition(actor, preregistrations.regionPath), scopeCondition(actor, preregistrations.routeRegionPath))!;
}

/** An admin of the provider's region issues and revokes its API credentials. */
export const canManageProviderClients = (actor: Actor, providerRegionPath: string) => isWithinScope(actor, providerRegionPath) && hasRole(actor, "admin");
