import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, type Actor } from "../../policies/actor.ts";

/**
 * Whether the actor's scope is a whole tree: an account bound to a root node of
 * the region tree. The audit log chain and the checkpoints cover the whole
 * deployment (every region's tickets by id, the global audit chain), so only such
 * accounts see them; below, staff verify the ticket chains of their scope.
 */
export const isDeploymentWide = (actor: Actor) => actor.kind === "system" || (isStaff(actor) && actor.regionPath.split("/").filter(Boolean).length === 1);

/** The audit trail as a whole: its verification and its checkpoints. */
export type AuditTrailRecord = { scope: "deployment" | "region" };

export const auditTrailPolicy = definePolicy<AuditTrailRecord, "verify" | "listCheckpoints" | "exportCheckpoint">("audit trail", {
  // Admins and supervisors verify the chains of their scope (the tickets' through the ticket scope filter).
  read: (actor) => hasRole(actor, "admin", "supervisor"),
  verify: (actor, trail) => hasRole(actor, "admin", "supervisor") && (trail.scope === "region" || isDeploymentWide(actor)),
  listCheckpoints: (actor) => hasRole(actor, "admin", "supervisor") && isDeploymentWide(actor),
  // The file to keep off-site: the deployment's administrators, whose duty the custody is.
  exportCheckpoint: (actor) => hasRole(actor, "admin") && isDeploymentWide(actor),
});
