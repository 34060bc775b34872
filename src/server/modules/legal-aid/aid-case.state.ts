import { AppError } from "../../platform/errors.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import {
  AID_DEADLINES,
  aidDueAfterPause,
  aidDueAt,
  MATERIALS_PERIOD,
  type AdvanceGround,
  type AidDeadlineStep,
  type AidRuleKey,
  type ClosingOutcome,
  type HardshipCheck,
  type TerminationGround,
} from "./aid-case.rules.ts";

/**
 * The life of a legal aid case (法律援助案件) as a pure state machine, on top of its
 * ticket: pre-check at the township station (初审) → review at the county center
 * (审查) → decision within 7 days (Art. 43) → assignment within 3 days → handling →
 * closing → sampled quality review → archive; missing materials pause the clock
 * (一次性告知, withdrawn when not supplied), aid before review (Art. 44),
 * termination (Art. 48) and objection to the justice bureau (Art. 49).
 * Timestamps are ISO strings so the state is stored as it is (jsonb).
 */
export const AID_CASE_STATUSES = [
  "submitted",
  "under_review",
  "materials_pending",
  "granted",
  "handling",
  "closed",
  "quality_reviewed",
  "refused",
  "terminated",
  "objection_pending",
  "withdrawn",
  "archived",
] as const;
export type AidCaseStatus = (typeof AID_CASE_STATUSES)[number];

export type AidDeadline = { startedAt: string; amount: number; dueAt: string; state: "running" | "paused" | "met" | "cancelled"; pausedAt: string | null };

export type AidCaseState = {
  status: AidCaseStatus;
  /** Taken at a township station: the station pre-checks before the center reviews. */
  isPrecheckRequired: boolean;
  /** When the application was received (the ticket's intake): Art. 43's 7 days count from here. */
  appliedAt: string;
  precheck: { at: string; by: string | null; opinion: string } | null;
  review: { at: string; by: string | null; opinion: string; hardshipCheck: HardshipCheck } | null;
  decision: { kind: "grant" | "refuse"; at: string; by: string | null; reasons: string | null } | null;
  advance: { at: string; ground: AdvanceGround; reason: string } | null;
  /** The one notice of what is missing; `returnTo` is the status the case goes back to once supplied. */
  materials: { at: string; items: string[]; periodDays: number; dueAt: string; returnTo: AidCaseStatus; suppliedAt: string | null } | null;
  lawyer: { id: string; name: string; assignedAt: string; isChosenByApplicant: boolean } | null;
  notes: number;
  closing: { at: string; outcome: ClosingOutcome; summary: string } | null;
  isSampledForQuality: boolean;
  quality: { at: string; by: string | null; score: number; comment: string } | null;
  termination: { at: string; ground: TerminationGround; reason: string } | null;
  objection: {
    against: "refusal" | "termination";
    at: string;
    reason: string;
    decision: "uphold" | "correct" | null;
    decidedAt: string | null;
    opinion: string | null;
  } | null;
  withdrawal: { at: string; reason: string; isLapsed: boolean } | null;
  deadlines: Partial<Record<AidDeadlineStep, AidDeadline>>;
};

export type AidCaseAction =
  | { type: "precheck"; opinion: string }
  | { type: "review"; opinion: string; hardshipCheck: HardshipCheck }
  | { type: "decide"; decision: "grant" | "refuse"; reasons?: string }
  | { type: "request_materials"; items: string[]; periodDays?: number }
  | { type: "materials_supplied"; note?: string }
  | { type: "lapse" }
  | { type: "withdraw"; reason: string }
  | { type: "grant_in_advance"; ground: AdvanceGround; reason: string }
  | { type: "assign_lawyer"; lawyerId: string; lawyerName: string; isChosenByApplicant: boolean }
  | { type: "progress_note"; kind: "note" | "hearing"; text: string; hearingAt?: string }
  | { type: "close"; outcome: ClosingOutcome; summary: string }
  | { type: "quality_review"; score: number; comment: string }
  | { type: "terminate"; ground: TerminationGround; reason: string }
  | { type: "object"; reason: string }
  | { type: "decide_objection"; decision: "uphold" | "correct"; opinion: string }
  | { type: "archive" };
export type AidCaseActionType = AidCaseAction["type"];

/** Every action, in the order the workbench offers them. */
export const AID_CASE_ACTION_TYPES = [
  "precheck", "review", "decide", "request_materials", "materials_supplied", "lapse", "withdraw", "grant_in_advance",
  "assign_lawyer", "progress_note", "close", "quality_review", "terminate", "object", "decide_objection", "archive",
] as const satisfies readonly AidCaseActionType[];

/** The rule each action applies (sent with the event and shown beside the action). */
export const ACTION_RULES: Record<AidCaseActionType, AidRuleKey[]> = {
  precheck: ["application"],
  review: ["application", "hardship_exempt"],
  decide: ["decision_within_7_days", "refusal_in_writing", "objection"],
  request_materials: ["materials_one_notice"],
  materials_supplied: ["materials_one_notice"],
  lapse: ["materials_one_notice"],
  withdraw: [],
  grant_in_advance: ["advance_aid", "assignment_within_3_days"],
  assign_lawyer: ["assignment_within_3_days", "lawyer_duty"],
  progress_note: ["lawyer_duty"],
  close: ["closing_report"],
  quality_review: ["quality"],
  terminate: ["termination", "objection"],
  object: ["objection", "objection_within_5_days"],
  decide_objection: ["objection_within_5_days", "objection_remedy"],
  archive: [],
};

const ALLOWED: Record<AidCaseStatus, readonly AidCaseActionType[]> = {
  submitted: ["precheck", "request_materials", "grant_in_advance", "withdraw"],
  under_review: ["review", "decide", "request_materials", "grant_in_advance", "withdraw"],
  materials_pending: ["materials_supplied", "lapse", "grant_in_advance", "withdraw"],
  granted: ["assign_lawyer", "decide", "terminate"],
  handling: ["progress_note", "close", "decide", "terminate"],
  closed: ["quality_review", "archive"],
  quality_reviewed: ["archive"],
  refused: ["object", "archive"],
  terminated: ["object", "archive"],
  objection_pending: ["decide_objection"],
  withdrawn: ["archive"],
  archived: [],
};

const ms = (iso: string) => new Date(iso).getTime();

/** Has an objection already been lodged against the decision in force (refusal or termination)? One per decision. */
function isObjectionSpent(state: AidCaseState): boolean {
  if (!state.objection) return false;
  const decidedAt = state.status === "terminated" ? state.termination?.at : state.decision?.at;
  return decidedAt !== undefined && ms(state.objection.at) >= ms(decidedAt);
}

/**
 * Why `action` cannot be taken now, or null: the status allows it and its
 * condition holds. `transition` and the abilities use the same answer.
 */
export function refusalOf(state: AidCaseState, action: AidCaseActionType, now: Date): string | null {
  if (!ALLOWED[state.status].includes(action)) return `A ${state.status} legal aid case cannot take ${action}`;
  switch (action) {
    case "decide":
      // After advance aid (Art. 44) the review still decides, once.
      if (state.status === "granted" || state.status === "handling") return state.advance && !state.decision ? null : "The case has been decided";
      return state.review ? null : "Record the review (审查意见) before deciding";
    case "lapse":
      return state.materials && now.getTime() > ms(state.materials.dueAt) ? null : "The period to supply the materials has not run out";
    case "quality_review":
      return state.isSampledForQuality ? null : "This case was not sampled for quality review";
    case "archive":
      return state.status === "closed" && state.isSampledForQuality ? "A sampled case is archived after its quality review" : null;
    case "object":
      return isObjectionSpent(state) ? "An objection to this decision was already decided" : null;
    default:
      return null;
  }
}

export const isAidActionPossible = (state: AidCaseState, action: AidCaseActionType, now: Date) => refusalOf(state, action, now) === null;
export const allowedAidActions = (status: AidCaseStatus): readonly AidCaseActionType[] => ALLOWED[status];

/** What the deadline engine must do to the ticket's deadlines, in order. */
export type DeadlineEffect =
  | { kind: "start"; step: AidDeadlineStep; amount: number; startedAt: Date; dueAt: Date }
  | { kind: "settle"; step: AidDeadlineStep; state: "met" | "cancelled" }
  | { kind: "pause_all" }
  | { kind: "resume_all" };

export type AidTransition = { next: AidCaseState; from: AidCaseStatus; to: AidCaseStatus; effects: DeadlineEffect[]; rules: AidRuleKey[] };

function need(value: string | undefined, field: string, what: string): string {
  if (value === undefined || value.trim() === "") throw new AppError("VALIDATION_FAILED", `${field} is required to ${what}`, { field });
  return value.trim();
}

/**
 * Applies `action` by `actorId` at `now`, counting limits on `calendar` (the
 * matter's region's working days). Throws INVALID_TRANSITION (409) when the
 * status or the case's facts do not allow it, VALIDATION_FAILED naming the field
 * when the action lacks what it needs; never mutates `state`.
 */
export function transitionAidCase(state: AidCaseState, action: AidCaseAction, actorId: string | null, now: Date, calendar: WorkingCalendar): AidTransition {
  const refusal = refusalOf(state, action.type, now);
  if (refusal) throw new AppError("INVALID_TRANSITION", refusal, { field: "action", extra: { status: state.status, allowed: ALLOWED[state.status] } });
  const at = now.toISOString();
  const effects: DeadlineEffect[] = [];
  const deadlines = { ...state.deadlines };
  const settle = (step: AidDeadlineStep, to: "met" | "cancelled") => {
    const d = deadlines[step];
    if (d && (d.state === "running" || d.state === "paused")) {
      deadlines[step] = { ...d, state: to, pausedAt: null };
      effects.push({ kind: "settle", step, state: to });
    }
  };
  const start = (step: AidDeadlineStep, amount: number) => {
    const due = aidDueAt(calendar, amount, now);
    deadlines[step] = { startedAt: at, amount, dueAt: due.toISOString(), state: "running", pausedAt: null };
    effects.push({ kind: "start", step, amount, startedAt: now, dueAt: due });
  };
  let next: AidCaseState = { ...state };

  switch (action.type) {
    case "precheck":
      next = { ...next, status: "under_review", precheck: { at, by: actorId, opinion: need(action.opinion, "opinion", "pre-check") } };
      break;
    case "review":
      next = { ...next, review: { at, by: actorId, opinion: need(action.opinion, "opinion", "review"), hardshipCheck: action.hardshipCheck } };
      break;
    case "decide": {
      // Legal Aid Law Art. 43: a refusal is written and gives its reasons.
      const reasons = action.decision === "refuse" ? need(action.reasons, "reasons", "refuse") : (action.reasons?.trim() || null);
      next = { ...next, decision: { kind: action.decision, at, by: actorId, reasons } };
      settle("aid_decision", "met");
      if (action.decision === "grant") {
        // Advance aid already runs: the decision confirms it; otherwise assign within 3 days.
        if (!state.advance) {
          next.status = "granted";
          start("aid_assignment", AID_DEADLINES.aid_assignment.amount);
        }
      } else {
        next.status = "refused";
        settle("aid_assignment", "cancelled");
      }
      break;
    }
    case "request_materials": {
      const items = action.items.map((item) => item.trim()).filter(Boolean);
      if (items.length === 0) throw new AppError("VALIDATION_FAILED", "items: list everything still needed, in one notice", { field: "items" });
      const periodDays = action.periodDays ?? MATERIALS_PERIOD.default;
      if (!Number.isInteger(periodDays) || periodDays < MATERIALS_PERIOD.min || periodDays > MATERIALS_PERIOD.max) {
        throw new AppError("VALIDATION_FAILED", `periodDays must be ${MATERIALS_PERIOD.min}–${MATERIALS_PERIOD.max} working days`, { field: "periodDays" });
      }
      // Art. 43 ¶2: the decision's clock stops while the applicant gathers what the one notice lists.
      const decision = deadlines.aid_decision;
      if (decision?.state === "running") deadlines.aid_decision = { ...decision, state: "paused", pausedAt: at };
      effects.push({ kind: "pause_all" });
      start("aid_materials", periodDays);
      next = { ...next, status: "materials_pending", materials: { at, items, periodDays, dueAt: deadlines.aid_materials!.dueAt, returnTo: state.status, suppliedAt: null } };
      break;
    }
    case "materials_supplied": {
      settle("aid_materials", "met");
      const decision = deadlines.aid_decision;
      if (decision?.state === "paused" && decision.pausedAt) {
        const moved = aidDueAfterPause(calendar, new Date(decision.dueAt), new Date(decision.pausedAt), now);
        deadlines.aid_decision = { ...decision, state: "running", pausedAt: null, dueAt: moved.toISOString() };
      }
      effects.push({ kind: "resume_all" });
      next = { ...next, status: state.materials!.returnTo, materials: { ...state.materials!, suppliedAt: at } };
      break;
    }
    case "lapse":
      // Art. 43 ¶2: not supplied within the period — treated as withdrawn.
      settle("aid_materials", "cancelled");
      settle("aid_decision", "cancelled");
      effects.push({ kind: "resume_all" });
      next = { ...next, status: "withdrawn", withdrawal: { at, reason: "逾期未补充材料，视为撤回申请", isLapsed: true } };
      break;
    case "withdraw":
      settle("aid_materials", "cancelled");
      settle("aid_decision", "cancelled");
      if (state.status === "materials_pending") effects.push({ kind: "resume_all" });
      next = { ...next, status: "withdrawn", withdrawal: { at, reason: need(action.reason, "reason", "withdraw"), isLapsed: false } };
      break;
    case "grant_in_advance":
      // Art. 44: aid first; the applicant completes the formalities and materials after.
      if (state.status === "materials_pending") {
        settle("aid_materials", "met");
        const decision = deadlines.aid_decision;
        if (decision?.state === "paused" && decision.pausedAt) {
          deadlines.aid_decision = { ...decision, state: "running", pausedAt: null, dueAt: aidDueAfterPause(calendar, new Date(decision.dueAt), new Date(decision.pausedAt), now).toISOString() };
        }
        effects.push({ kind: "resume_all" });
      }
      next = { ...next, status: "granted", advance: { at, ground: action.ground, reason: need(action.reason, "reason", "grant aid in advance") } };
      start("aid_assignment", AID_DEADLINES.aid_assignment.amount);
      break;
    case "assign_lawyer":
      settle("aid_assignment", "met");
      next = { ...next, status: "handling", lawyer: { id: action.lawyerId, name: action.lawyerName, assignedAt: at, isChosenByApplicant: action.isChosenByApplicant } };
      break;
    case "progress_note":
      need(action.text, "text", "add a progress note");
      if (action.kind === "hearing" && !action.hearingAt) throw new AppError("VALIDATION_FAILED", "hearingAt is required for a hearing", { field: "hearingAt" });
      next = { ...next, notes: state.notes + 1 };
      break;
    case "close":
      next = { ...next, status: "closed", closing: { at, outcome: action.outcome, summary: need(action.summary, "summary", "close") } };
      break;
    case "quality_review":
      next = { ...next, status: "quality_reviewed", quality: { at, by: actorId, score: action.score, comment: need(action.comment, "comment", "review quality") } };
      break;
    case "terminate":
      settle("aid_assignment", "cancelled");
      next = { ...next, status: "terminated", termination: { at, ground: action.ground, reason: need(action.reason, "reason", "terminate") } };
      break;
    case "object":
      // Art. 49: the justice bureau decides within 5 days of receiving the objection.
      next = {
        ...next,
        status: "objection_pending",
        objection: { against: state.status === "terminated" ? "termination" : "refusal", at, reason: need(action.reason, "reason", "object"), decision: null, decidedAt: null, opinion: null },
      };
      start("aid_objection", AID_DEADLINES.aid_objection.amount);
      break;
    case "decide_objection": {
      const objection = state.objection!;
      settle("aid_objection", "met");
      const decided = { ...objection, decision: action.decision, decidedAt: at, opinion: need(action.opinion, "opinion", "decide the objection") };
      if (action.decision === "uphold") {
        // The decision stands; 行政复议 or 行政诉讼 remain (Art. 49 ¶3).
        next = { ...next, status: objection.against === "termination" ? "terminated" : "refused", objection: decided };
      } else if (objection.against === "termination") {
        // 责令改正: the aid goes on.
        next = { ...next, status: state.lawyer ? "handling" : "granted", termination: null, objection: decided };
        if (!state.lawyer) start("aid_assignment", AID_DEADLINES.aid_assignment.amount);
      } else {
        // 责令改正 of a refusal: the center decides again, within the 7 days of Art. 43 from the order.
        next = { ...next, status: "under_review", decision: null, objection: decided };
        start("aid_decision", AID_DEADLINES.aid_decision.amount);
      }
      break;
    }
    case "archive":
      settle("aid_objection", "cancelled");
      next = { ...next, status: "archived" };
      break;
  }
  next.deadlines = deadlines;
  return { next, from: state.status, to: next.status, effects, rules: ACTION_RULES[action.type] };
}

/** A new case on a ticket: the decision's 7 days run from the application. */
export function newAidCaseState(input: { appliedAt: Date; isPrecheckRequired: boolean; isSampledForQuality: boolean }, calendar: WorkingCalendar): { state: AidCaseState; effects: DeadlineEffect[] } {
  const due = aidDueAt(calendar, AID_DEADLINES.aid_decision.amount, input.appliedAt);
  const appliedAt = input.appliedAt.toISOString();
  return {
    state: {
      status: input.isPrecheckRequired ? "submitted" : "under_review",
      isPrecheckRequired: input.isPrecheckRequired,
      appliedAt,
      precheck: null,
      review: null,
      decision: null,
      advance: null,
      materials: null,
      lawyer: null,
      notes: 0,
      closing: null,
      isSampledForQuality: input.isSampledForQuality,
      quality: null,
      termination: null,
      objection: null,
      withdrawal: null,
      deadlines: { aid_decision: { startedAt: appliedAt, amount: AID_DEADLINES.aid_decision.amount, dueAt: due.toISOString(), state: "running", pausedAt: null } },
    },
    effects: [{ kind: "start", step: "aid_decision", amount: AID_DEADLINES.aid_decision.amount, startedAt: input.appliedAt, dueAt: due }],
  };
}
