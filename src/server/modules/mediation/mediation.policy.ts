import { arrayContains, or, sql, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { disputeScreenings, mediationCases, mediationCommittees, mediationReferrals } from "./mediation.tables.ts";
import { MEDIATION_CASE_ACTION_TYPES, isMediationActionPossible, type MediationCaseActionType, type MediationCaseState } from "./mediation-case.state.ts";

/** What the rules of who may act need to know of a case: the committee's region and the mediators on it. */
export type MediationCaseRecord = { regionPath: string; mediatorIds: readonly string[] };

const isOnCase = (actor: Actor, c: MediationCaseRecord) => isStaff(actor) && c.mediatorIds.includes(actor.id);
/**
 * A committee's cases are seen where it is: a township's staff see its committee's and
 * its villages' committees' cases, never the next township's. The mediators on a case
 * see it wherever they sit (a county industry committee may call on a township mediator).
 */
const sees = (actor: Actor, c: MediationCaseRecord) => isWithinScope(actor, c.regionPath) || isOnCase(actor, c);
const inScopeWith = (...roles: Role[]) => (actor: Actor, c: MediationCaseRecord) => isWithinScope(actor, c.regionPath) && hasRole(actor, ...roles);
/** The committee's mediators (in its region) and the mediators on the case. */
const mediates = (actor: Actor, c: MediationCaseRecord) => isOnCase(actor, c) || inScopeWith("mediator")(actor, c);

/** Who takes an application or a referral: the front desk, the hotline, dispatchers and the committees' mediators. */
const INTAKE: Role[] = ["window", "operator", "dispatcher", "mediator"];

export type MediationCaseAbility = MediationCaseActionType | "open" | "refer_out";

/** Who may do each step (the state machine says when). */
export const mediationCasePolicy = definePolicy<MediationCaseRecord, MediationCaseAbility>("mediation case", {
  read: sees,
  open: inScopeWith(...INTAKE),
  // Art. 17: the committee decides whether to take the dispute — its mediators.
  accept: inScopeWith("mediator"),
  decline: inScopeWith("mediator"),
  // Art. 19: the committee designates, or records the parties' choice.
  assign_mediators: inScopeWith("mediator"),
  schedule_session: mediates,
  record_session: mediates,
  agree_written: mediates,
  agree_oral: mediates,
  fail: mediates,
  // Art. 23 (2): a party's refusal may reach the mediator or the front desk.
  terminate: (a, c) => mediates(a, c) || inScopeWith("window", "operator")(a, c),
  follow_up: mediates,
  guide_confirmation: mediates,
  record_confirmation: mediates,
  // Art. 27: the committee keeps the file.
  archive: inScopeWith("mediator"),
  refer_out: mediates,
});

/** What the actor may do with the case now: who (the policy) and when (the state machine). */
export function mediationCaseAbilities(actor: Actor, record: MediationCaseRecord, state: MediationCaseState, now: Date): Record<MediationCaseActionType | "read" | "refer_out", boolean> {
  const who = mediationCasePolicy.abilities(actor, record);
  const result: Record<string, boolean> = { read: who.read };
  for (const action of MEDIATION_CASE_ACTION_TYPES) result[action] = who[action] && isMediationActionPossible(state, action, now);
  // Out to a court or an arbitration body once mediation has failed or a party ended it (Art. 26).
  result.refer_out = who.refer_out && (state.status === "failed" || state.status === "terminated" || state.status === "declined");
  return result as Record<MediationCaseActionType | "read" | "refer_out", boolean>;
}

/** The case list filter: the same ways of seeing a case as `read`. */
export function mediationCaseScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(scopeCondition(actor, mediationCases.regionPath), arrayContains(mediationCases.mediatorIds, [actor.id]))!;
}

/**
 * Committees are seen on the actor's own line of the region tree: those in their region
 * and below (the committees they oversee or work in) and those above it (the township's
 * and the county's industry committees, competent for a dispute in the actor's region),
 * never a sibling township's. The bureau's leaders and admins of the region keep them.
 */
export type CommitteeRecord = { regionPath: string };
const isCommitteeAbove = (actor: Actor, c: CommitteeRecord) => isStaff(actor) && actor.regionPath.startsWith(c.regionPath);
export const committeePolicy = definePolicy<CommitteeRecord, "save" | "appoint">("mediation committee", {
  read: (a, c) => isWithinScope(a, c.regionPath) || isCommitteeAbove(a, c),
  save: (a, c) => isWithinScope(a, c.regionPath) && hasRole(a, "admin", "leader"),
  // Art. 13: the committee appoints (聘任) mediators; the bureau's leaders and admins keep the list.
  appoint: (a, c) => isWithinScope(a, c.regionPath) && hasRole(a, "admin", "leader"),
});

/** The committee list filter: the same line of the tree as `read`. */
export function committeeScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(scopeCondition(actor, mediationCommittees.regionPath), sql`left(${actor.regionPath}, length(${mediationCommittees.regionPath})) = ${mediationCommittees.regionPath}`)!;
}

/** A referral is seen by whoever sees its case; the intake records what the partner answers. */
export type ReferralRecord = MediationCaseRecord;
export const referralPolicy = definePolicy<ReferralRecord, "receive" | "update">("mediation referral", {
  read: sees,
  receive: inScopeWith(...INTAKE),
  update: (a, c) => mediates(a, c) || inScopeWith(...INTAKE)(a, c),
});

export function referralScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(
    scopeCondition(actor, mediationReferrals.regionPath),
    sql`exists (select 1 from mediation_cases c where c.id = ${mediationReferrals.caseId} and ${actor.id}::uuid = any(c.mediator_ids))`,
  )!;
}

/**
 * The screening ledger: a village's or township's mediators, legal advisors and
 * station staff report for their region; everyone above sees the reports and the
 * overdue overview of their subtree; the bureau's leaders set the schedule.
 */
export type ScreeningRecord = { regionPath: string };
export const screeningPolicy = definePolicy<ScreeningRecord, "report" | "schedule">("dispute screening", {
  read: (a, r) => isWithinScope(a, r.regionPath),
  report: (a, r) => isWithinScope(a, r.regionPath) && hasRole(a, "mediator", "advisor", "window", "operator"),
  schedule: (a, r) => isWithinScope(a, r.regionPath) && hasRole(a, "leader", "admin"),
});

export const screeningScope = (actor: Actor): SQL => scopeCondition(actor, disputeScreenings.regionPath);
