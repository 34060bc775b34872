import { eq, or, sql, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { defenceNotices, dutyLawyerShifts } from "./defence-notices.tables.ts";

/** What the rules of who may act on a notice need: the center's county, the lawyer assigned. */
export type DefenceNoticeRecord = { centerRegionPath: string; lawyerId: string | null };

/**
 * 通知辩护: the center's reviewers take the notice in, assign the lawyer and inform the
 * body (the same people who assign on legal aid cases, aid-cases.policy.ts `CENTER`).
 * The county's leaders, admins above and the supervisors (quality, Arts. 57, 59) read;
 * the lawyer assigned reads their own notice wherever they sit.
 */
const CENTER: Role[] = ["reviewer"];
const READERS: Role[] = ["reviewer", "leader", "admin", "supervisor"];

const isAssignedLawyer = (actor: Actor, n: DefenceNoticeRecord) => isStaff(actor) && n.lawyerId !== null && n.lawyerId === actor.id;
const handles = (actor: Actor, n: DefenceNoticeRecord) => isWithinScope(actor, n.centerRegionPath) && hasRole(actor, ...CENTER);

export const defenceNoticePolicy = definePolicy<DefenceNoticeRecord, "record" | "assign_lawyer" | "inform_body">("defence notice", {
  read: (actor, n) => (isWithinScope(actor, n.centerRegionPath) && hasRole(actor, ...READERS)) || isAssignedLawyer(actor, n),
  record: handles,
  assign_lawyer: handles,
  inform_body: handles,
});

/**
 * Who sees the suspect's or defendant's name in full: those who handle the notice and the
 * lawyer who defends them. Leaders, admins and supervisors read the ledger with it masked.
 */
export const seesPersonName = (actor: Actor, n: DefenceNoticeRecord) => actor.kind === "system" || handles(actor, n) || isAssignedLawyer(actor, n);

/** The list filter: the same as `read`. */
export function defenceNoticeScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  const own = eq(defenceNotices.lawyerId, actor.id);
  return hasRole(actor, ...READERS) ? or(scopeCondition(actor, defenceNotices.centerRegionPath), own)! : own;
}

/** What the roster's rules need: the center's county, the lawyer on duty. */
export type DutyShiftRecord = { centerRegionPath: string; lawyerId: string | null };

/** The pool's managers keep the roster (aid-lawyers.policy.ts). */
const ROSTER_KEEPERS: Role[] = ["reviewer", "leader", "admin"];

/**
 * 值班律师排班 (Art. 30): the pool's managers keep their center's roster. Everyone on the
 * county's staff reads it — the center's county or above, and the townships and villages
 * under it, whose windows send people to the duty lawyer — and a lawyer their own days.
 */
export const dutyShiftPolicy = definePolicy<DutyShiftRecord, "manage">("duty shift", {
  read: (actor, s) =>
    isStaff(actor) && (isWithinScope(actor, s.centerRegionPath) || actor.regionPath.startsWith(s.centerRegionPath) || s.lawyerId === actor.id),
  manage: (actor, s) => isWithinScope(actor, s.centerRegionPath) && hasRole(actor, ...ROSTER_KEEPERS),
});

/** The roster's list filter: the same as `read`. */
export function dutyShiftScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(
    scopeCondition(actor, dutyLawyerShifts.centerRegionPath),
    sql`${actor.regionPath} like ${dutyLawyerShifts.centerRegionPath} || '%'`,
    eq(dutyLawyerShifts.lawyerId, actor.id),
  )!;
}
