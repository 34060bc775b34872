import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { loadCalendar } from "../../tickets/deadlines.ts";
import { followCaseOnTicket } from "../../tickets/commands/follow-case-on-ticket.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { ticketGoalOfAidStep } from "../aid-case.ticket.ts";
import { aidCases, type AidCaseRow } from "../aid-cases.tables.ts";
import { aidCasePolicy } from "../aid-cases.policy.ts";
import { ADVANCE_GROUND_ITEMS, ADVANCE_GROUNDS, AID_RULES, TERMINATION_GROUND_ITEMS, TERMINATION_GROUNDS, type AdvanceGround, type TerminationGround } from "../aid-case.rules.ts";
import { transitionAidCase, type AidCaseAction } from "../aid-case.state.ts";
import type { AidCaseActionInput } from "../aid-cases.types.ts";
import { checkAidLawyerChoice } from "../queries/find-aid-lawyers.ts";
import { applyDeadlineEffects } from "./apply-aid-deadlines.ts";

function need<T>(value: T | undefined | null, field: string, what: string): T {
  if (value === undefined || value === null || value === "") throw new AppError("VALIDATION_FAILED", `${field} is required to ${what}`, { field });
  return value;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string, what: string): T {
  const v = need(value, field, what);
  if (!(allowed as readonly string[]).includes(v)) throw new AppError("VALIDATION_FAILED", `${field} must be one of ${allowed.join(", ")} to ${what}`, { field });
  return v as T;
}

/** The request body as a state-machine action, with what each action needs checked (400 naming the field). */
function toAction(input: AidCaseActionInput, lawyerName: string | null): AidCaseAction {
  const a = input.action;
  switch (a) {
    case "precheck":
      return { type: a, opinion: need(input.opinion, "opinion", a) };
    case "review":
      return { type: a, opinion: need(input.opinion, "opinion", a), hardshipCheck: need(input.hardshipCheck, "hardshipCheck", a) };
    case "decide":
      return { type: a, decision: oneOf(input.decision, ["grant", "refuse"] as const, "decision", a), reasons: input.reasons };
    case "request_materials":
      return { type: a, items: need(input.items, "items", a), periodDays: input.periodDays };
    case "materials_supplied":
      return { type: a, note: input.note };
    case "lapse":
    case "archive":
      return { type: a };
    case "withdraw":
      return { type: a, reason: need(input.reason, "reason", a) };
    case "grant_in_advance":
      return { type: a, ground: oneOf<AdvanceGround>(input.ground, ADVANCE_GROUNDS, "ground", a), reason: need(input.reason, "reason", a) };
    case "assign_lawyer":
      return { type: a, lawyerId: need(input.lawyerId, "lawyerId", a), lawyerName: lawyerName ?? "", isChosenByApplicant: input.isChosenByApplicant ?? false };
    case "progress_note":
      return { type: a, kind: input.kind ?? "note", text: need(input.text, "text", a), hearingAt: input.hearingAt };
    case "close":
      return { type: a, outcome: need(input.outcome, "outcome", a), summary: need(input.summary, "summary", a) };
    case "quality_review":
      return { type: a, score: need(input.score, "score", a), comment: need(input.comment, "comment", a) };
    case "terminate":
      return { type: a, ground: oneOf<TerminationGround>(input.ground, TERMINATION_GROUNDS, "ground", a), reason: need(input.reason, "reason", a) };
    case "object":
      return { type: a, reason: need(input.reason, "reason", a) };
    case "decide_objection":
      return { type: a, decision: oneOf(input.decision, ["uphold", "correct"] as const, "decision", a), opinion: need(input.opinion, "opinion", a) };
  }
}

/** The action's own fields, for the trail and the audit log (what was decided and why). */
function detailOf(action: AidCaseAction): Record<string, unknown> {
  const { type: _type, ...fields } = action;
  // The ground names the item of its article (Art. 44 ¶1 (1)–(3), Art. 48 ¶1 (1)–(8)).
  if (action.type === "grant_in_advance") return { ...fields, groundItem: ADVANCE_GROUND_ITEMS[action.ground] };
  if (action.type === "terminate") return { ...fields, groundItem: TERMINATION_GROUND_ITEMS[action.ground] };
  return fields;
}

export const recordOf = (row: AidCaseRow) => ({ regionPath: row.regionPath, centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });

/**
 * One step of a legal aid case by `actor`: authorize (who), the state machine
 * (when, and what it changes), the ticket's deadlines, the event on the ticket's
 * hash-chained trail with the articles applied, and the audit log — all in the
 * caller's transaction. The ticket is locked first, like every writer of a ticket.
 * The ticket's own status then follows the case's outcome (`ticketGoalOfAidStep`),
 * each step its own event on the trail after the case's.
 */
export async function actOnAidCase(tx: Tx, actor: Actor, caseId: string, input: AidCaseActionInput, now: Date, protector: Protector): Promise<void> {
  const [found] = await tx.select({ ticketId: aidCases.ticketId }).from(aidCases).where(eq(aidCases.id, caseId)).limit(1);
  if (!found) throw notFound("Legal aid case");
  const ticket = await lockTicket(tx, found.ticketId);
  const [row] = await tx.select().from(aidCases).where(eq(aidCases.id, caseId)).for("update").limit(1);
  aidCasePolicy.authorize(actor, input.action, recordOf(row));

  let lawyerName: string | null = null;
  if (input.action === "assign_lawyer" && input.lawyerId) {
    // 点援制: the applicant chooses from the approved pool; the center assigns only from it (suspended: no; Art. 26: experience).
    lawyerName = (await checkAidLawyerChoice(tx, row.centerRegionPath, input.lawyerId, { isLifeOrDeathCase: input.isLifeOrDeathCase }, now)).displayName;
  }
  const action = toAction(input, lawyerName);
  const calendar = await loadCalendar(tx, row.regionPath);
  const { next, from, to, effects, rules } = transitionAidCase(row.state, action, actor.kind === "staff" ? actor.id : null, now, calendar);

  await applyDeadlineEffects(tx, row.ticketId, effects, now);
  await tx
    .update(aidCases)
    .set({ status: next.status, state: next, lawyerId: next.lawyer?.id ?? null, updatedAt: now })
    .where(eq(aidCases.id, caseId));
  const detail = {
    caseId,
    from,
    to,
    ...detailOf(action),
    rules: rules.map((key) => ({ key, lawTitle: AID_RULES[key].lawTitle, articleNo: AID_RULES[key].articleNo })),
  };
  await recordTicketEvent(tx, row.ticketId, actor, `aid_case.${action.type}`, detail, now, { seq: ticket.chainSeq, hash: ticket.chainHash });
  const goal = ticketGoalOfAidStep(action, from, to, next, row.centerRegionCode);
  if (goal) await followCaseOnTicket(tx, actor, row.ticketId, goal, now, { protector, caseEvent: `aid_case.${action.type}`, caseId });
  // Spelt out, so the audit page's labels can be checked against every code (test/architecture/audit-labels.test.ts).
  const t = action.type;
  const auditAction =
    t === "precheck" ? "aid_case.precheck" :
    t === "review" ? "aid_case.review" :
    t === "decide" ? "aid_case.decide" :
    t === "request_materials" ? "aid_case.request_materials" :
    t === "materials_supplied" ? "aid_case.materials_supplied" :
    t === "lapse" ? "aid_case.lapse" :
    t === "withdraw" ? "aid_case.withdraw" :
    t === "grant_in_advance" ? "aid_case.grant_in_advance" :
    t === "assign_lawyer" ? "aid_case.assign_lawyer" :
    t === "progress_note" ? "aid_case.progress_note" :
    t === "close" ? "aid_case.close" :
    t === "quality_review" ? "aid_case.quality_review" :
    t === "terminate" ? "aid_case.terminate" :
    t === "object" ? "aid_case.object" :
    t === "decide_objection" ? "aid_case.decide_objection" :
    "aid_case.archive";
  await recordAudit(tx, { actor, action: auditAction, entityType: "aid_case", entityId: caseId, at: now, regionPath: row.regionPath, detail: { number: ticket.number, ...detail } });
}
