import { AppError } from "../../platform/errors.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import type { CallOutcome } from "./hotline-call.ts";

/**
 * The pure rules of the hotline's callbacks (回拨), follow-up surveys (回访) and
 * quality sampling (质检): no database, tested table-driven
 * (hotline-callbacks.rules.test.ts). See docs/hotline-callbacks.md.
 */

export const CALLBACK_KINDS = ["missed", "voicemail", "abandoned", "follow_up", "negative_rating"] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];
export const CALLBACK_STATUSES = ["open", "closed"] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const ATTEMPT_OUTCOMES = ["reached", "no_answer", "wrong_number", "voicemail_left"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export const CLOSE_REASONS = ["reached", "wrong_number", "unreachable", "answered", "followed_up"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const SURVEY_QUESTION_KINDS = ["yes_no", "score", "text"] as const;
/** What an answer becomes: whether it was solved (the follow-up's outcome), a rating axis, all four axes at once, or the comment. */
export const SURVEY_TARGETS = ["resolved", "satisfaction", "attitude", "speed", "policy", "expertise", "comment"] as const;
export type SurveyQuestion = { id: string; text: string; kind: (typeof SURVEY_QUESTION_KINDS)[number]; target: (typeof SURVEY_TARGETS)[number]; isRequired: boolean };
export type ScoringItem = { id: string; label: string; weight: number };

export type CallbackSettings = {
  /** A callback is due by the end of this many working days after the call (1: the end of the next working day). */
  callbackWorkingDays: number;
  /** Failed attempts (no answer, voicemail left) after which a callback closes as unreachable. */
  maxAttempts: number;
  /** An abandoned call becomes a callback when the caller waited at least this long: shorter is a misdial. */
  abandonedMinWaitSeconds: number;
  /** The share of answered calls sampled for quality review, in basis points (500 = 5 %). */
  sampleBasisPoints: number;
  /** A review whose total (0–100) is below this flags the operator. */
  flagBelowTotal: number;
  surveyScript: SurveyQuestion[];
  scoringForm: ScoringItem[];
};

/** The defaults where no bureau up the region tree set its own. */
export const DEFAULT_CALLBACK_SETTINGS: CallbackSettings = {
  callbackWorkingDays: 1,
  maxAttempts: 3,
  abandonedMinWaitSeconds: 10,
  sampleBasisPoints: 500,
  flagBelowTotal: 60,
  surveyScript: [
    { id: "resolved", text: "您反映的问题是否已经解决？", kind: "yes_no", target: "resolved", isRequired: true },
    { id: "satisfaction", text: "您对这次服务的满意度（1–5 分，5 分最满意）？", kind: "score", target: "satisfaction", isRequired: true },
    { id: "suggestion", text: "您还有什么意见或建议？", kind: "text", target: "comment", isRequired: false },
  ],
  scoringForm: [
    { id: "greeting", label: "问候规范", weight: 15 },
    { id: "accuracy", label: "答复准确", weight: 30 },
    { id: "citation", label: "引用法条", weight: 20 },
    { id: "attitude", label: "态度", weight: 20 },
    { id: "record", label: "记录完整", weight: 15 },
  ],
};

/** Which callback a finished call needs, if any: missed and voicemail always; abandoned after a real wait. */
export function callbackKindForCall(call: { outcome: CallOutcome | null; waitSeconds: number | null }, settings: Pick<CallbackSettings, "abandonedMinWaitSeconds">): CallbackKind | null {
  if (call.outcome === "missed" || call.outcome === "voicemail") return call.outcome;
  if (call.outcome === "abandoned" && (call.waitSeconds ?? 0) >= settings.abandonedMinWaitSeconds) return "abandoned";
  return null;
}

/** When a callback raised at `from` is due: the end of the configured working day, on the region's calendar. */
export const callbackDueAt = (calendar: WorkingCalendar, from: Date, settings: Pick<CallbackSettings, "callbackWorkingDays">): Date =>
  calendar.addWorkingDays(from, Math.max(1, settings.callbackWorkingDays));

/** A callback as the state machine sees it. */
export type CallbackState = { kind: CallbackKind; status: CallbackStatus; claimedBy: string | null; attemptCount: number; closeReason: CloseReason | null };
export type CallbackAction = { type: "claim" } | { type: "attempt"; outcome: AttemptOutcome } | { type: "survey" };

/**
 * One step of a callback by `operatorId`. Claim: an open one nobody else holds
 * (claiming your own again changes nothing). Attempt and survey: only by whoever
 * claimed it. Reached (or a recorded survey) closes it; a wrong number closes it;
 * a failed try releases it for anyone, and the `maxAttempts`-th closes it as
 * unreachable. A follow-up is reached only through its survey.
 */
export function callbackTransition(state: CallbackState, action: CallbackAction, operatorId: string, settings: Pick<CallbackSettings, "maxAttempts">): CallbackState {
  if (state.status === "closed") throw new AppError("INVALID_TRANSITION", "This callback is closed", { field: "callback" });
  if (action.type === "claim") {
    if (state.claimedBy && state.claimedBy !== operatorId) throw new AppError("CONFLICT", "Another operator has claimed this callback", { field: "callback" });
    return { ...state, claimedBy: operatorId };
  }
  if (state.claimedBy !== operatorId) throw new AppError("INVALID_TRANSITION", "Claim the callback before recording on it", { field: "callback" });
  if (action.type === "survey") {
    if (state.kind !== "follow_up") throw new AppError("INVALID_TRANSITION", "Only a follow-up has a survey", { field: "callback" });
    return { ...state, status: "closed", closeReason: "reached" };
  }
  const attemptCount = state.attemptCount + 1;
  switch (action.outcome) {
    case "reached":
      if (state.kind === "follow_up") throw new AppError("INVALID_TRANSITION", "A follow-up that reached the citizen is recorded with its survey", { field: "outcome" });
      return { ...state, attemptCount, status: "closed", closeReason: "reached" };
    case "wrong_number":
      return { ...state, attemptCount, status: "closed", closeReason: "wrong_number" };
    case "no_answer":
    case "voicemail_left":
      return attemptCount >= settings.maxAttempts
        ? { ...state, attemptCount, status: "closed", closeReason: "unreachable" }
        : { ...state, attemptCount, claimedBy: null };
  }
}

export type SurveyAnswers = Record<string, string | number | boolean>;
export type SurveyRating = { attitude: number; speed: number; policy: number; expertise: number; comment?: string; isResolved: boolean | null; outcome: string };

/**
 * The survey's answers as the ticket's rating (the four axes of 满意度评价) and
 * the follow-up's outcome. A satisfaction question fills the axes not asked on
 * their own; every axis must end up with a score. Wrong answers name their
 * question (`answers.<id>`).
 */
export function surveyToRating(script: readonly SurveyQuestion[], answers: SurveyAnswers): SurveyRating {
  for (const key of Object.keys(answers)) {
    if (!script.some((q) => q.id === key)) throw new AppError("VALIDATION_FAILED", `No question ${key} in the survey script`, { field: `answers.${key}` });
  }
  const axes: Partial<Record<"attitude" | "speed" | "policy" | "expertise", number>> = {};
  let overall: number | null = null;
  let isResolved: boolean | null = null;
  const comments: string[] = [];
  for (const question of script) {
    const field = `answers.${question.id}`;
    const value = answers[question.id];
    if (value === undefined || value === "") {
      if (question.isRequired) throw new AppError("VALIDATION_FAILED", `The question “${question.text}” needs an answer`, { field });
      continue;
    }
    if (question.kind === "yes_no") {
      if (typeof value !== "boolean") throw new AppError("VALIDATION_FAILED", `${question.id} is answered yes (true) or no (false)`, { field });
      if (question.target === "resolved") isResolved = value;
    } else if (question.kind === "score") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 5) throw new AppError("VALIDATION_FAILED", `${question.id} is a score from 1 to 5`, { field });
      if (question.target === "satisfaction") overall = value;
      else if (question.target !== "resolved" && question.target !== "comment") axes[question.target] = value;
    } else {
      if (typeof value !== "string" || value.length > 500) throw new AppError("VALIDATION_FAILED", `${question.id} is a text of at most 500 characters`, { field });
      if (question.target === "comment" && value.trim()) comments.push(value.trim());
    }
  }
  const score = (axis: "attitude" | "speed" | "policy" | "expertise") => {
    const value = axes[axis] ?? overall;
    if (value === null) throw new AppError("VALIDATION_FAILED", `The survey gives no score for ${axis}: answer its satisfaction question`, { field: "answers" });
    return value;
  };
  const rating = { attitude: score("attitude"), speed: score("speed"), policy: score("policy"), expertise: score("expertise") };
  const resolvedText = isResolved === null ? "" : isResolved ? "已解决；" : "未解决；";
  const outcome = `电话回访：${resolvedText}满意度 ${Math.min(rating.attitude, rating.speed, rating.policy, rating.expertise)}–${Math.max(rating.attitude, rating.speed, rating.policy, rating.expertise)} 分`;
  return { ...rating, ...(comments.length ? { comment: comments.join("；").slice(0, 500) } : {}), isResolved, outcome };
}

/**
 * A review's total on 0–100: each item is scored 0–10 and weighs its share of
 * the form's total weight. Below `flagBelowTotal` the operator is flagged.
 */
export function scoreReview(form: readonly ScoringItem[], scores: Record<string, number>, flagBelowTotal: number): { total: number; isFlagged: boolean } {
  for (const key of Object.keys(scores)) {
    if (!form.some((item) => item.id === key)) throw new AppError("VALIDATION_FAILED", `No item ${key} on the scoring form`, { field: `scores.${key}` });
  }
  const totalWeight = form.reduce((sum, item) => sum + item.weight, 0);
  let sum = 0;
  for (const item of form) {
    const value = scores[item.id];
    if (value === undefined) throw new AppError("VALIDATION_FAILED", `Score ${item.label}`, { field: `scores.${item.id}` });
    if (!Number.isInteger(value) || value < 0 || value > 10) throw new AppError("VALIDATION_FAILED", `${item.id} is scored 0 to 10`, { field: `scores.${item.id}` });
    sum += (value / 10) * item.weight;
  }
  const total = totalWeight > 0 ? Math.round((sum / totalWeight) * 1000) / 10 : 0;
  return { total, isFlagged: total < flagBelowTotal };
}

/** A bureau's settings checked as a whole (the schema checks the shapes): names the first wrong field. */
export function settingsProblem(settings: CallbackSettings): { field: string; message: string } | null {
  const ids = new Set<string>();
  for (const [i, q] of settings.surveyScript.entries()) {
    if (ids.has(q.id)) return { field: `surveyScript[${i}].id`, message: `Question id ${q.id} is used twice` };
    ids.add(q.id);
    const fits = q.kind === "yes_no" ? q.target === "resolved" : q.kind === "text" ? q.target === "comment" : q.target !== "resolved" && q.target !== "comment";
    if (!fits) return { field: `surveyScript[${i}].target`, message: `A ${q.kind} question cannot give ${q.target}` };
  }
  const axes = new Set(settings.surveyScript.filter((q) => q.kind === "score").map((q) => q.target));
  if (!axes.has("satisfaction") && !["attitude", "speed", "policy", "expertise"].every((axis) => axes.has(axis as never))) {
    return { field: "surveyScript", message: "The survey needs a satisfaction question, or one for each of attitude, speed, policy and expertise" };
  }
  const itemIds = new Set<string>();
  for (const [i, item] of settings.scoringForm.entries()) {
    if (itemIds.has(item.id)) return { field: `scoringForm[${i}].id`, message: `Item id ${item.id} is used twice` };
    itemIds.add(item.id);
  }
  return null;
}
