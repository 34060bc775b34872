import { AppError } from "../../platform/errors.ts";
import {
  confirmationPeriod,
  type DeclineGround,
  type FailureGuidance,
  type MediationDeadlineStep,
  type MediationRuleKey,
  type PerformanceState,
} from "./mediation.rules.ts";

/**
 * The life of a people's mediation case (人民调解案件) as a pure state machine, on top
 * of its ticket: application or referral → acceptance by the competent committee
 * (Art. 17) → mediators designated or chosen by the parties (Art. 19) → sessions,
 * recorded (Art. 27) → a written agreement (Arts. 28, 29), an oral one recorded
 * (Arts. 28, 30), or failure with guidance to arbitration, administrative or
 * judicial ways (Art. 26) → follow-up on performance (Art. 31) → guidance for
 * judicial confirmation within 30 days of the agreement taking effect (Art. 33) →
 * archive (Art. 27). A party may refuse or end the mediation at any point before
 * an outcome (Arts. 17, 23). Free of charge (Art. 4): there is nothing to pay.
 * Timestamps are ISO strings so the state is stored as it is (jsonb).
 */
export const MEDIATION_CASE_STATUSES = ["applied", "accepted", "mediating", "agreed", "performed", "failed", "declined", "terminated", "archived"] as const;
export type MediationCaseStatus = (typeof MEDIATION_CASE_STATUSES)[number];

export type MediationDeadline = { startedAt: string; amount: number; unit: "hours"; dueAt: string; state: "running" | "met" | "cancelled" };

export type AgreementParty = { name: string; info: string };

export type MediationAgreement =
  | {
      kind: "written";
      at: string;
      /** Art. 29 ¶2: effective when signed by the parties and the mediator and sealed by the committee. */
      effectiveAt: string;
      /** Art. 29 (1): the parties' basic information. */
      parties: AgreementParty[];
      /** Art. 29 (2): the main facts, the matters in dispute, each party's responsibility. */
      facts: string;
      disputedMatters: string;
      responsibilities: string;
      /** Art. 29 (3): what was agreed, how and by when it is performed. */
      terms: string;
      performanceManner: string;
      performanceDeadline: string;
    }
  | {
      kind: "oral";
      at: string;
      /** Art. 30: effective the day the parties agree. */
      effectiveAt: string;
      parties: AgreementParty[];
      /** Art. 28: the mediator records what was agreed. */
      content: string;
    };

export type MediationSession = {
  no: number;
  scheduledAt: string;
  place: string;
  /** Art. 20: relatives, neighbours, colleagues or experts invited — only with the parties' consent. */
  invitees: string | null;
  scheduledBy: string | null;
  heldAt: string | null;
  minutes: string | null;
  participants: string | null;
};

export type MediationCaseState = {
  status: MediationCaseStatus;
  origin: { kind: "application" | "referral"; referralId: string | null; partnerName: string | null };
  appliedAt: string;
  acceptance: { at: string; by: string | null; note: string | null } | null;
  decline: { at: string; ground: DeclineGround; reason: string } | null;
  mediators: { id: string; name: string }[];
  /** Art. 19 / Art. 23 (1): the parties chose the mediators rather than the committee designating them. */
  isMediatorChosenByParties: boolean;
  mediatorsAssignedAt: string | null;
  sessions: MediationSession[];
  agreement: MediationAgreement | null;
  failure: { at: string; reason: string; guidance: FailureGuidance[]; note: string | null } | null;
  termination: { at: string; party: string; reason: string } | null;
  followUps: { at: string; by: string | null; performance: PerformanceState; note: string }[];
  /** Art. 33: guidance given, and what the parties did (applied jointly to a court, or saw no need). */
  confirmation: { guidedAt: string | null; outcome: "applied" | "declined" | null; court: string | null; appliedOn: string | null; recordedAt: string | null };
  deadlines: Partial<Record<MediationDeadlineStep, MediationDeadline>>;
};

export type MediationCaseAction =
  | { type: "accept"; note?: string }
  | { type: "decline"; ground: DeclineGround; reason: string }
  | { type: "assign_mediators"; mediators: { id: string; name: string }[]; isChosenByParties: boolean }
  | { type: "schedule_session"; scheduledAt: string; place: string; invitees?: string; isInviteeConsented?: boolean }
  | { type: "record_session"; sessionNo: number; minutes: string; participants?: string; heldAt?: string }
  | ({ type: "agree_written"; signedAt?: string } & Omit<Extract<MediationAgreement, { kind: "written" }>, "kind" | "at" | "effectiveAt">)
  | { type: "agree_oral"; parties: AgreementParty[]; content: string; agreedAt?: string }
  | { type: "fail"; reason: string; guidance: FailureGuidance[]; note?: string }
  | { type: "terminate"; party: string; reason: string }
  | { type: "follow_up"; performance: PerformanceState; note: string }
  | { type: "guide_confirmation" }
  | { type: "record_confirmation"; outcome: "applied" | "declined"; court?: string; appliedOn?: string }
  | { type: "archive" };
export type MediationCaseActionType = MediationCaseAction["type"];

export const MEDIATION_CASE_ACTION_TYPES = [
  "accept", "decline", "assign_mediators", "schedule_session", "record_session", "agree_written", "agree_oral", "fail", "terminate",
  "follow_up", "guide_confirmation", "record_confirmation", "archive",
] as const satisfies readonly MediationCaseActionType[];

/** The rules each action applies (sent with the event and shown beside the action). */
export const MEDIATION_ACTION_RULES: Record<MediationCaseActionType, MediationRuleKey[]> = {
  accept: ["application", "free_of_charge"],
  decline: ["application"],
  assign_mediators: ["mediator_choice", "party_rights"],
  schedule_session: ["mediation_method", "invitees"],
  record_session: ["records"],
  agree_written: ["agreement_form", "agreement_contents", "judicial_confirmation"],
  agree_oral: ["agreement_form", "oral_effect", "judicial_confirmation"],
  fail: ["failure_guidance"],
  terminate: ["party_rights", "application"],
  follow_up: ["performance", "performance_dispute"],
  guide_confirmation: ["judicial_confirmation"],
  record_confirmation: ["judicial_confirmation"],
  archive: ["records"],
};

const ALLOWED: Record<MediationCaseStatus, readonly MediationCaseActionType[]> = {
  applied: ["accept", "decline", "terminate"],
  accepted: ["assign_mediators", "terminate"],
  mediating: ["assign_mediators", "schedule_session", "record_session", "agree_written", "agree_oral", "fail", "terminate"],
  agreed: ["follow_up", "guide_confirmation", "record_confirmation", "archive"],
  performed: ["follow_up", "guide_confirmation", "record_confirmation", "archive"],
  failed: ["archive"],
  declined: ["archive"],
  terminated: ["archive"],
  archived: [],
};

const ms = (iso: string) => new Date(iso).getTime();
const heldSessions = (state: MediationCaseState) => state.sessions.filter((s) => s.heldAt !== null);

/** Why `action` cannot be taken now, or null. `transition` and the abilities use the same answer. */
export function mediationRefusalOf(state: MediationCaseState, action: MediationCaseActionType, now: Date): string | null {
  if (!ALLOWED[state.status].includes(action)) return `A ${state.status} mediation case cannot take ${action}`;
  switch (action) {
    case "schedule_session":
      return state.mediators.length > 0 ? null : "Assign the mediators before scheduling a session";
    case "record_session":
      return state.sessions.some((s) => s.heldAt === null) ? null : "No scheduled session is waiting for its record";
    case "agree_written":
    case "agree_oral":
    case "fail":
      // Art. 27: the mediation is recorded; an outcome follows at least one recorded session.
      return heldSessions(state).length > 0 ? null : "Record a session (调解记录) before the outcome";
    case "guide_confirmation":
      if (state.confirmation.outcome) return "The parties have already decided on judicial confirmation";
      return state.confirmation.guidedAt ? "The guidance has been given" : null;
    case "record_confirmation":
      return state.confirmation.outcome ? "The parties' decision on judicial confirmation is recorded" : null;
    case "archive": {
      if (state.status !== "agreed" && state.status !== "performed") return null;
      // Art. 31: the committee follows up the performance before the file is closed;
      // Art. 33: and the 30 days for judicial confirmation are settled or have run out.
      if (state.followUps.length === 0) return "Follow up the performance (回访) before archiving";
      const d = state.deadlines.mediation_confirmation;
      return d && d.state === "running" && now.getTime() <= ms(d.dueAt) ? "The 30 days for judicial confirmation are still running; record the parties' decision first" : null;
    }
    default:
      return null;
  }
}

export const isMediationActionPossible = (state: MediationCaseState, action: MediationCaseActionType, now: Date) => mediationRefusalOf(state, action, now) === null;

/** What the deadline engine must do to the ticket's deadlines. */
export type MediationDeadlineEffect =
  | { kind: "start"; step: MediationDeadlineStep; amount: number; unit: "hours"; startedAt: Date; dueAt: Date }
  | { kind: "settle"; step: MediationDeadlineStep; state: "met" | "cancelled" };

export type MediationTransition = { next: MediationCaseState; from: MediationCaseStatus; to: MediationCaseStatus; effects: MediationDeadlineEffect[]; rules: MediationRuleKey[] };

function need(value: string | undefined, field: string, what: string): string {
  if (value === undefined || value.trim() === "") throw new AppError("VALIDATION_FAILED", `${field} is required to ${what}`, { field });
  return value.trim();
}

function instant(value: string | undefined, field: string, fallback: Date): Date {
  if (value === undefined) return fallback;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new AppError("VALIDATION_FAILED", `${field} must be a date and time`, { field });
  return at;
}

function partiesOf(parties: AgreementParty[] | undefined): AgreementParty[] {
  const list = (parties ?? []).map((p) => ({ name: p.name.trim(), info: p.info.trim() })).filter((p) => p.name !== "");
  // An agreement is between parties: at least two.
  if (list.length < 2) throw new AppError("VALIDATION_FAILED", "parties: name at least two parties with their basic information (Art. 29 (1))", { field: "parties" });
  return list;
}

/**
 * Applies `action` by `actorId` at `now`. Throws INVALID_TRANSITION when the status
 * or the step's condition does not allow it, VALIDATION_FAILED (naming the field)
 * when the action lacks what the step records.
 */
export function transitionMediationCase(state: MediationCaseState, action: MediationCaseAction, actorId: string | null, now: Date): MediationTransition {
  const refusal = mediationRefusalOf(state, action.type, now);
  if (refusal) throw new AppError("INVALID_TRANSITION", refusal, { extra: { status: state.status, action: action.type } });
  const at = now.toISOString();
  const effects: MediationDeadlineEffect[] = [];
  const deadlines = { ...state.deadlines };
  let next: MediationCaseState = { ...state };

  const startConfirmation = (effectiveAt: Date) => {
    const period = confirmationPeriod(effectiveAt);
    deadlines.mediation_confirmation = { startedAt: period.startedAt.toISOString(), amount: period.amountHours, unit: "hours", dueAt: period.dueAt.toISOString(), state: "running" };
    effects.push({ kind: "start", step: "mediation_confirmation", amount: period.amountHours, unit: "hours", startedAt: period.startedAt, dueAt: period.dueAt });
  };
  const settle = (state: "met" | "cancelled") => {
    const d = deadlines.mediation_confirmation;
    if (d && d.state === "running") {
      deadlines.mediation_confirmation = { ...d, state };
      effects.push({ kind: "settle", step: "mediation_confirmation", state });
    }
  };

  switch (action.type) {
    case "accept":
      next = { ...next, status: "accepted", acceptance: { at, by: actorId, note: action.note?.trim() || null } };
      break;
    case "decline":
      next = { ...next, status: "declined", decline: { at, ground: action.ground, reason: need(action.reason, "reason", "decline") } };
      break;
    case "assign_mediators": {
      if (action.mediators.length === 0) throw new AppError("VALIDATION_FAILED", "mediatorIds: name one or more mediators (Art. 19)", { field: "mediatorIds" });
      next = { ...next, status: "mediating", mediators: action.mediators, isMediatorChosenByParties: action.isChosenByParties, mediatorsAssignedAt: at };
      break;
    }
    case "schedule_session": {
      const when = instant(need(action.scheduledAt, "scheduledAt", "schedule a session"), "scheduledAt", now);
      const invitees = action.invitees?.trim() || null;
      // Art. 20: others take part only once the parties have agreed.
      if (invitees && !action.isInviteeConsented) throw new AppError("VALIDATION_FAILED", "isInviteeConsented: invite others only with the parties' consent (Art. 20)", { field: "isInviteeConsented" });
      const session: MediationSession = { no: state.sessions.length + 1, scheduledAt: when.toISOString(), place: need(action.place, "place", "schedule a session"), invitees, scheduledBy: actorId, heldAt: null, minutes: null, participants: null };
      next = { ...next, sessions: [...state.sessions, session] };
      break;
    }
    case "record_session": {
      const session = state.sessions.find((s) => s.no === action.sessionNo);
      if (!session || session.heldAt !== null) throw new AppError("VALIDATION_FAILED", "sessionNo: no scheduled session of that number is waiting for its record", { field: "sessionNo" });
      const heldAt = instant(action.heldAt, "heldAt", new Date(session.scheduledAt));
      if (heldAt.getTime() > now.getTime()) throw new AppError("VALIDATION_FAILED", "heldAt: a session is recorded after it is held", { field: "heldAt" });
      const minutes = need(action.minutes, "minutes", "record a session");
      next = { ...next, sessions: state.sessions.map((s) => (s.no === session.no ? { ...s, heldAt: heldAt.toISOString(), minutes, participants: action.participants?.trim() || null } : s)) };
      break;
    }
    case "agree_written": {
      const effectiveAt = instant(action.signedAt, "signedAt", now);
      if (effectiveAt.getTime() > now.getTime()) throw new AppError("VALIDATION_FAILED", "signedAt: the agreement is recorded once signed", { field: "signedAt" });
      const what = "record a written agreement (Art. 29)";
      next = {
        ...next,
        status: "agreed",
        agreement: {
          kind: "written",
          at,
          effectiveAt: effectiveAt.toISOString(),
          parties: partiesOf(action.parties),
          facts: need(action.facts, "facts", what),
          disputedMatters: need(action.disputedMatters, "disputedMatters", what),
          responsibilities: need(action.responsibilities, "responsibilities", what),
          terms: need(action.terms, "terms", what),
          performanceManner: need(action.performanceManner, "performanceManner", what),
          performanceDeadline: need(action.performanceDeadline, "performanceDeadline", what),
        },
      };
      startConfirmation(effectiveAt);
      break;
    }
    case "agree_oral": {
      const effectiveAt = instant(action.agreedAt, "agreedAt", now);
      if (effectiveAt.getTime() > now.getTime()) throw new AppError("VALIDATION_FAILED", "agreedAt: the agreement is recorded once reached", { field: "agreedAt" });
      next = { ...next, status: "agreed", agreement: { kind: "oral", at, effectiveAt: effectiveAt.toISOString(), parties: partiesOf(action.parties), content: need(action.content, "content", "record an oral agreement (Art. 28)") } };
      startConfirmation(effectiveAt);
      break;
    }
    case "fail":
      if (action.guidance.length === 0) throw new AppError("VALIDATION_FAILED", "guidance: tell the parties the ways open to them (Art. 26)", { field: "guidance" });
      next = { ...next, status: "failed", failure: { at, reason: need(action.reason, "reason", "end a failed mediation"), guidance: [...new Set(action.guidance)], note: action.note?.trim() || null } };
      break;
    case "terminate":
      next = { ...next, status: "terminated", termination: { at, party: need(action.party, "party", "terminate"), reason: need(action.reason, "reason", "terminate") } };
      break;
    case "follow_up": {
      const followUp = { at, by: actorId, performance: action.performance, note: need(action.note, "note", "record the follow-up") };
      next = { ...next, followUps: [...state.followUps, followUp], status: action.performance === "performed" ? "performed" : "agreed" };
      break;
    }
    case "guide_confirmation":
      next = { ...next, confirmation: { ...state.confirmation, guidedAt: at } };
      break;
    case "record_confirmation": {
      if (action.outcome === "applied") {
        const court = need(action.court, "court", "record the application for judicial confirmation");
        const appliedOn = need(action.appliedOn, "appliedOn", "record the application for judicial confirmation");
        if (!/^\d{4}-\d{2}-\d{2}$/.test(appliedOn)) throw new AppError("VALIDATION_FAILED", "appliedOn must be a date (YYYY-MM-DD)", { field: "appliedOn" });
        const d = deadlines.mediation_confirmation;
        // Art. 33: within 30 days of the agreement taking effect; a court will not confirm after.
        if (d && Date.parse(`${appliedOn}T00:00:00+08:00`) >= ms(d.dueAt)) {
          throw new AppError("VALIDATION_FAILED", "appliedOn: the application was made after the 30 days of Art. 33", { field: "appliedOn" });
        }
        settle("met");
        next = { ...next, confirmation: { ...state.confirmation, outcome: "applied", court, appliedOn, recordedAt: at } };
      } else {
        settle("cancelled");
        next = { ...next, confirmation: { ...state.confirmation, outcome: "declined", court: null, appliedOn: null, recordedAt: at } };
      }
      break;
    }
    case "archive":
      // The period ran out unused: the deadline closes with the file.
      settle("cancelled");
      next = { ...next, status: "archived" };
      break;
  }
  next.deadlines = deadlines;
  return { next, from: state.status, to: next.status, effects, rules: MEDIATION_ACTION_RULES[action.type] };
}

/** A new case: an application to a committee, or a referral received from a court, the police or a petition office. */
export function newMediationCaseState(input: { appliedAt: Date; origin: MediationCaseState["origin"] }): MediationCaseState {
  return {
    status: "applied",
    origin: input.origin,
    appliedAt: input.appliedAt.toISOString(),
    acceptance: null,
    decline: null,
    mediators: [],
    isMediatorChosenByParties: false,
    mediatorsAssignedAt: null,
    sessions: [],
    agreement: null,
    failure: null,
    termination: null,
    followUps: [],
    confirmation: { guidedAt: null, outcome: null, court: null, appliedOn: null, recordedAt: null },
    deadlines: {},
  };
}
