import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, type Role } from "../../policies/actor.ts";
import { canTransition, type BulletinState } from "./bulletin.state.ts";
import { ASSESSMENT_ROLES as ROLES } from "./assessment-roles.ts";

/** Who reads the rankings and manages indicator sets, third-party scores and bulletins: within their region. */
export const ASSESSMENT_ROLES: Role[] = [...ROLES];

type RegionRecord = { regionPath: string };

/** An assessment region (its indicator set, its rankings, its third-party scores). */
export const assessmentPolicy = definePolicy<RegionRecord, "manage">("region", {
  read: (actor, r) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, r.regionPath),
  manage: (actor, r) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, r.regionPath),
});

type BulletinRecord = { regionPath: string; state: BulletinState };

/** A bulletin: who may (the roles, in scope) combined with when (its state machine). */
export const bulletinPolicy = definePolicy<BulletinRecord, "edit" | "review" | "return" | "publish">("bulletin", {
  read: (actor, b) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, b.regionPath),
  edit: (actor, b) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, b.regionPath) && canTransition(b.state, "edit"),
  review: (actor, b) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, b.regionPath) && canTransition(b.state, "review"),
  return: (actor, b) => hasRole(actor, ...ASSESSMENT_ROLES) && isWithinScope(actor, b.regionPath) && canTransition(b.state, "return"),
  // Publishing speaks for the bureau: its leader or admin, not a supervisor.
  publish: (actor, b) => hasRole(actor, "leader", "admin") && isWithinScope(actor, b.regionPath) && canTransition(b.state, "publish"),
});
