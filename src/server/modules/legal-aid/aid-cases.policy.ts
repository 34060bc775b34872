import { or, eq, sql, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { aidCases } from "./aid-cases.tables.ts";
import { AID_CASE_ACTION_TYPES, isAidActionPossible, type AidCaseActionType, type AidCaseState } from "./aid-case.state.ts";

/** What the rules of who may act need to know of a case. */
export type AidCaseRecord = { regionPath: string; centerRegionPath: string; lawyerId: string | null };

/**
 * Where the matter is: a county center's reviewers see the county's subtree, a
 * township's station staff their township. The lawyer assigned sees the case
 * wherever they sit.
 */
const sees = (actor: Actor, c: AidCaseRecord) => isWithinScope(actor, c.regionPath) || (isStaff(actor) && c.lawyerId !== null && c.lawyerId === actor.id);
const inScopeWith = (...roles: Role[]) => (actor: Actor, c: AidCaseRecord) => isWithinScope(actor, c.regionPath) && hasRole(actor, ...roles);
/** The lawyer the center assigned (Art. 46: they report on the matter). */
const isAssignedLawyer = (actor: Actor, c: AidCaseRecord) => isStaff(actor) && c.lawyerId === actor.id;

/** The front desk that takes applications (window, hotline) and the center's reviewers. */
const INTAKE: Role[] = ["window", "operator", "reviewer"];
/** The legal aid center's decisions (审查、决定、指派、终止). */
const CENTER: Role[] = ["reviewer"];

export type AidCaseAbility = AidCaseActionType | "open";

/** Who may do each step (the state machine says when). */
export const aidCasePolicy = definePolicy<AidCaseRecord, AidCaseAbility>("legal aid case", {
  read: sees,
  open: inScopeWith(...INTAKE),
  // 初审: the township station where the application was taken (its window staff), or the center.
  precheck: inScopeWith(...INTAKE),
  review: inScopeWith(...CENTER),
  decide: inScopeWith(...CENTER),
  request_materials: inScopeWith(...INTAKE),
  materials_supplied: inScopeWith(...INTAKE),
  lapse: inScopeWith(...CENTER),
  withdraw: inScopeWith(...INTAKE),
  grant_in_advance: inScopeWith(...CENTER),
  assign_lawyer: inScopeWith(...CENTER),
  progress_note: (a, c) => isAssignedLawyer(a, c) || inScopeWith(...CENTER)(a, c),
  close: isAssignedLawyer,
  // 质量考核: supervisors of the region (Arts. 57, 59).
  quality_review: inScopeWith("supervisor"),
  // The center decides termination; the lawyer reports the grounds (Art. 48 ¶2) in a progress note.
  terminate: inScopeWith(...CENTER),
  // The applicant's objection is received at the front desk or by the bureau.
  object: inScopeWith("window", "operator", "reviewer", "leader"),
  // Art. 49: the justice bureau that set up the center decides — its leaders, at the center's county or above.
  decide_objection: (a, c) => isWithinScope(a, c.centerRegionPath) && hasRole(a, "leader"),
  archive: inScopeWith(...CENTER),
});

/** What the actor may do with the case now: who (the policy) and when (the state machine). */
export function aidCaseAbilities(actor: Actor, record: AidCaseRecord, state: AidCaseState, now: Date): Record<AidCaseActionType | "read", boolean> {
  const who = aidCasePolicy.abilities(actor, record);
  const result: Record<string, boolean> = { read: who.read };
  for (const action of AID_CASE_ACTION_TYPES) result[action] = who[action] && isAidActionPossible(state, action, now);
  return result as Record<AidCaseActionType | "read", boolean>;
}

/** The list filter: the same ways of seeing a case as `read`. */
export function aidCaseScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(scopeCondition(actor, aidCases.regionPath), eq(aidCases.lawyerId, actor.id))!;
}
