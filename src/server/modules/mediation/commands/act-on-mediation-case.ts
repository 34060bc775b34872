import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { followCaseOnTicket } from "../../tickets/commands/follow-case-on-ticket.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { ticketGoalOfMediationStep } from "../mediation-case.ticket.ts";
import { mediationCases, type MediationCaseRow } from "../mediation.tables.ts";
import { mediationCasePolicy } from "../mediation.policy.ts";
import { MEDIATION_RULES } from "../mediation.rules.ts";
import { transitionMediationCase, type MediationCaseAction, type MediationCaseStatus } from "../mediation-case.state.ts";
import type { MediationCaseActionInput } from "../mediation.types.ts";
import { findMediators } from "../queries/find-mediators.ts";
import { applyMediationDeadlines } from "./apply-mediation-deadlines.ts";
import { followCaseInReferral } from "./update-referral.ts";

function need<T>(value: T | undefined | null, field: string, what: string): T {
  if (value === undefined || value === null || value === "") throw new AppError("VALIDATION_FAILED", `${field} is required to ${what}`, { field });
  return value;
}

/** The request body as a state-machine action, with what each action needs checked (400 naming the field). */
function toAction(input: MediationCaseActionInput, mediators: { id: string; name: string }[]): MediationCaseAction {
  const a = input.action;
  switch (a) {
    case "accept":
      return { type: a, note: input.note };
    case "decline":
      return { type: a, ground: need(input.ground, "ground", a), reason: need(input.reason, "reason", a) };
    case "assign_mediators":
      return { type: a, mediators, isChosenByParties: input.isChosenByParties ?? false };
    case "schedule_session":
      return { type: a, scheduledAt: need(input.scheduledAt, "scheduledAt", a), place: need(input.place, "place", a), invitees: input.invitees, isInviteeConsented: input.isInviteeConsented };
    case "record_session":
      return { type: a, sessionNo: need(input.sessionNo, "sessionNo", a), minutes: need(input.minutes, "minutes", a), participants: input.participants, heldAt: input.heldAt };
    case "agree_written":
      return {
        type: a,
        parties: need(input.parties, "parties", a),
        facts: need(input.facts, "facts", a),
        disputedMatters: need(input.disputedMatters, "disputedMatters", a),
        responsibilities: need(input.responsibilities, "responsibilities", a),
        terms: need(input.terms, "terms", a),
        performanceManner: need(input.performanceManner, "performanceManner", a),
        performanceDeadline: need(input.performanceDeadline, "performanceDeadline", a),
        signedAt: input.signedAt,
      };
    case "agree_oral":
      return { type: a, parties: need(input.parties, "parties", a), content: need(input.content, "content", a), agreedAt: input.agreedAt };
    case "fail":
      return { type: a, reason: need(input.reason, "reason", a), guidance: need(input.guidance, "guidance", a), note: input.note };
    case "terminate":
      return { type: a, party: need(input.party, "party", a), reason: need(input.reason, "reason", a) };
    case "follow_up":
      return { type: a, performance: need(input.performance, "performance", a), note: need(input.note, "note", a) };
    case "guide_confirmation":
    case "archive":
      return { type: a };
    case "record_confirmation":
      return { type: a, outcome: need(input.outcome, "outcome", a), court: input.court, appliedOn: input.appliedOn };
  }
}

function detailOf(action: MediationCaseAction): Record<string, unknown> {
  const { type: _type, ...fields } = action;
  return fields;
}

export const recordOfCase = (row: MediationCaseRow) => ({ regionPath: row.regionPath, mediatorIds: row.mediatorIds });

/** What an incoming referral becomes when its case moves (the referring court or office is told). */
const REFERRAL_FOLLOWS: Partial<Record<MediationCaseStatus, "accepted" | "returned" | "concluded">> = {
  accepted: "accepted",
  declined: "returned",
  agreed: "concluded",
  failed: "concluded",
  terminated: "concluded",
};

/**
 * One step of a mediation case by `actor`: authorize (who), the state machine (when,
 * and what it changes), the ticket's deadlines, the event on the ticket's trail with
 * the articles applied, the audit log, and the incoming referral's status — all in
 * the caller's transaction. The ticket is locked first, like every writer of a ticket.
 * The ticket's own status then follows the case's outcome (`ticketGoalOfMediationStep`),
 * each step its own event on the trail after the case's.
 */
export async function actOnMediationCase(tx: Tx, actor: Actor, caseId: string, input: MediationCaseActionInput, now: Date, protector: Protector): Promise<void> {
  const [found] = await tx.select({ ticketId: mediationCases.ticketId }).from(mediationCases).where(eq(mediationCases.id, caseId)).limit(1);
  if (!found) throw notFound("Mediation case");
  const ticket = await lockTicket(tx, found.ticketId);
  const [row] = await tx.select().from(mediationCases).where(eq(mediationCases.id, caseId)).for("update").limit(1);
  mediationCasePolicy.authorize(actor, input.action, recordOfCase(row));

  let mediators: { id: string; name: string }[] = [];
  if (input.action === "assign_mediators") {
    const ids = need(input.mediatorIds, "mediatorIds", input.action);
    // Art. 19: designated by the committee, or chosen by the parties — from the committee's mediators.
    const pool = new Map((await findMediators(tx, { id: row.committeeId, regionPath: row.regionPath })).map((m) => [m.id, m]));
    const unknown = ids.find((id) => !pool.has(id));
    if (unknown) throw new AppError("VALIDATION_FAILED", "That mediator is not one of the committee's mediators", { field: "mediatorIds" });
    mediators = ids.map((id) => ({ id, name: pool.get(id)!.displayName }));
  }
  const action = toAction(input, mediators);
  const { next, from, to, effects, rules } = transitionMediationCase(row.state, action, actor.kind === "staff" ? actor.id : null, now);

  await applyMediationDeadlines(tx, row.ticketId, effects, now);
  await tx
    .update(mediationCases)
    .set({ status: next.status, state: next, mediatorIds: next.mediators.map((m) => m.id), updatedAt: now })
    .where(eq(mediationCases.id, caseId));
  const detail = {
    caseId,
    from,
    to,
    ...detailOf(action),
    rules: rules.map((key) => ({ key, lawTitle: MEDIATION_RULES[key].lawTitle, articleNo: MEDIATION_RULES[key].articleNo })),
  };
  await recordTicketEvent(tx, row.ticketId, actor, `mediation_case.${action.type}`, detail, now, { seq: ticket.chainSeq, hash: ticket.chainHash });
  const goal = ticketGoalOfMediationStep(action, row.regionCode);
  if (goal) await followCaseOnTicket(tx, actor, row.ticketId, goal, now, { protector, caseEvent: `mediation_case.${action.type}`, caseId });
  const t = action.type;
  const auditAction =
    t === "accept" ? "mediation_case.accept" :
    t === "decline" ? "mediation_case.decline" :
    t === "assign_mediators" ? "mediation_case.assign_mediators" :
    t === "schedule_session" ? "mediation_case.schedule_session" :
    t === "record_session" ? "mediation_case.record_session" :
    t === "agree_written" ? "mediation_case.agree_written" :
    t === "agree_oral" ? "mediation_case.agree_oral" :
    t === "fail" ? "mediation_case.fail" :
    t === "terminate" ? "mediation_case.terminate" :
    t === "follow_up" ? "mediation_case.follow_up" :
    t === "guide_confirmation" ? "mediation_case.guide_confirmation" :
    t === "record_confirmation" ? "mediation_case.record_confirmation" :
    "mediation_case.archive";
  await recordAudit(tx, { actor, action: auditAction, entityType: "mediation_case", entityId: caseId, at: now, regionPath: row.regionPath, detail: { number: ticket.number, ...detail } });

  const follows = from !== to ? REFERRAL_FOLLOWS[to] : undefined;
  if (follows && next.origin.referralId) await followCaseInReferral(tx, actor, next.origin.referralId, follows, `调解案件：${to}`, now);
}
