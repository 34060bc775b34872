import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { WorkingCalendar } from "../calendar/working-calendar.ts";
import { SHIPPED_HOLIDAYS } from "../calendar/shipped-holidays.ts";
import { hasLowScore } from "../oversight/commands/record-rating.ts";
import {
  callbackDueAt,
  callbackKindForCall,
  callbackTransition,
  DEFAULT_CALLBACK_SETTINGS,
  scoreReview,
  settingsProblem,
  surveyToRating,
  type CallbackAction,
  type CallbackState,
} from "./hotline-callbacks.rules.ts";
import { isSampled } from "./hotline-sampling.ts";

const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS);
const settings = DEFAULT_CALLBACK_SETTINGS;

describe("which calls need a callback", () => {
  it.each([
    ["missed", 30, "missed"],
    ["voicemail", 40, "voicemail"],
    ["abandoned", 10, "abandoned"],
    ["abandoned", 25, "abandoned"],
    ["abandoned", 9, null],
    ["abandoned", null, null],
    ["answered", 5, null],
    [null, null, null],
  ] as const)("%s after %s s → %s", (outcome, waitSeconds, kind) => {
    expect(callbackKindForCall({ outcome, waitSeconds }, settings)).toBe(kind);
  });

  it("the abandoned threshold is the bureau's", () => {
    expect(callbackKindForCall({ outcome: "abandoned", waitSeconds: 5 }, { abandonedMinWaitSeconds: 0 })).toBe("abandoned");
    expect(callbackKindForCall({ outcome: "abandoned", waitSeconds: 25 }, { abandonedMinWaitSeconds: 30 })).toBe(null);
  });
});

describe("callback deadlines (working days, Beijing time)", () => {
  it.each([
    ["a Wednesday morning", "2026-11-18T10:00:00+08:00", 1, "2026-11-19T24:00:00+08:00"],
    ["a Wednesday just before midnight", "2026-11-18T23:59:00+08:00", 1, "2026-11-19T24:00:00+08:00"],
    ["a Friday", "2026-11-20T16:00:00+08:00", 1, "2026-11-23T24:00:00+08:00"],
    ["a Saturday", "2026-11-21T09:00:00+08:00", 1, "2026-11-23T24:00:00+08:00"],
    ["a Friday, two working days", "2026-11-20T16:00:00+08:00", 2, "2026-11-24T24:00:00+08:00"],
    ["the eve of National Day", "2026-09-30T18:00:00+08:00", 1, "2026-10-08T24:00:00+08:00"],
    ["zero days is read as one", "2026-11-18T10:00:00+08:00", 0, "2026-11-19T24:00:00+08:00"],
  ])("%s", (_, from, days, due) => {
    const expected = new Date(due.replace("T24:00:00+08:00", "T00:00:00+08:00"));
    expected.setUTCDate(expected.getUTCDate() + 1);
    expect(callbackDueAt(calendar, new Date(from), { callbackWorkingDays: days }).toISOString()).toBe(expected.toISOString());
  });
});

describe("the attempt state machine", () => {
  const open = (over: Partial<CallbackState> = {}): CallbackState => ({ kind: "missed", status: "open", claimedBy: null, attemptCount: 0, closeReason: null, ...over });
  const mine = (over: Partial<CallbackState> = {}) => open({ claimedBy: "me", ...over });
  const attempt = (outcome: "reached" | "no_answer" | "wrong_number" | "voicemail_left"): CallbackAction => ({ type: "attempt", outcome });

  it.each<[string, CallbackState, CallbackAction, Partial<CallbackState> | string]>([
    ["claim an open one", open(), { type: "claim" }, { claimedBy: "me" }],
    ["claim my own again", mine(), { type: "claim" }, { claimedBy: "me" }],
    ["claim someone else's", open({ claimedBy: "other" }), { type: "claim" }, "CONFLICT"],
    ["claim a closed one", open({ status: "closed", closeReason: "reached" }), { type: "claim" }, "INVALID_TRANSITION"],
    ["attempt unclaimed", open(), attempt("no_answer"), "INVALID_TRANSITION"],
    ["attempt on someone else's", open({ claimedBy: "other" }), attempt("reached"), "INVALID_TRANSITION"],
    ["reached closes", mine(), attempt("reached"), { status: "closed", closeReason: "reached", attemptCount: 1 }],
    ["wrong number closes", mine(), attempt("wrong_number"), { status: "closed", closeReason: "wrong_number", attemptCount: 1 }],
    ["no answer releases", mine(), attempt("no_answer"), { status: "open", claimedBy: null, attemptCount: 1 }],
    ["voicemail left releases", mine({ attemptCount: 1 }), attempt("voicemail_left"), { status: "open", claimedBy: null, attemptCount: 2 }],
    ["the third failure is unreachable", mine({ attemptCount: 2 }), attempt("no_answer"), { status: "closed", closeReason: "unreachable", attemptCount: 3 }],
    ["a follow-up is not reached without its survey", mine({ kind: "follow_up" }), attempt("reached"), "INVALID_TRANSITION"],
    ["a follow-up's survey closes it", mine({ kind: "follow_up" }), { type: "survey" }, { status: "closed", closeReason: "reached" }],
    ["a missed call has no survey", mine(), { type: "survey" }, "INVALID_TRANSITION"],
  ])("%s", (_, state, action, expected) => {
    const run = () => callbackTransition(state, action, "me", settings);
    if (typeof expected === "string") {
      expect(run).toThrow(AppError);
      try {
        run();
      } catch (error) {
        expect((error as AppError).code).toBe(expected);
      }
    } else {
      expect(run()).toMatchObject(expected);
    }
  });

  it("the number of tries is the bureau's", () => {
    expect(callbackTransition(mine(), attempt("no_answer"), "me", { maxAttempts: 1 })).toMatchObject({ status: "closed", closeReason: "unreachable" });
    expect(callbackTransition(mine({ attemptCount: 3 }), attempt("no_answer"), "me", { maxAttempts: 5 })).toMatchObject({ status: "open", attemptCount: 4 });
  });
});

describe("quality sampling", () => {
  it("is the same for the same call, every time", () => {
    for (let i = 0; i < 200; i++) expect(isSampled(`src:call-${i}`, 500)).toBe(isSampled(`src:call-${i}`, 500));
  });

  it.each([0, 100, 500, 2000, 10_000])("over 20 000 calls the share is close to %i basis points", (basisPoints) => {
    let sampled = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (isSampled(`7f0c-source:call-${i}`, basisPoints)) sampled += 1;
    const expected = (basisPoints / 10_000) * n;
    // Binomial: within 4 standard deviations (and exact at 0 and 100 %).
    const sd = Math.sqrt(n * (basisPoints / 10_000) * (1 - basisPoints / 10_000));
    expect(Math.abs(sampled - expected)).toBeLessThanOrEqual(4 * sd);
  });

  it("a larger share keeps every call a smaller share sampled", () => {
    for (let i = 0; i < 1000; i++) if (isSampled(`s:c${i}`, 300)) expect(isSampled(`s:c${i}`, 800)).toBe(true);
  });
});

describe("the negative-rating rule (oversight's hasLowScore, the one definition)", () => {
  it.each([
    [{ attitude: 5, speed: 5, policy: 5, expertise: 5 }, false],
    [{ attitude: 3, speed: 3, policy: 3, expertise: 3 }, false],
    [{ attitude: 2, speed: 5, policy: 5, expertise: 5 }, true],
    [{ attitude: 5, speed: 5, policy: 5, expertise: 1 }, true],
  ])("%o → %s", (scores, isNegative) => expect(hasLowScore(scores)).toBe(isNegative));

  it.each([
    [1, true],
    [2, true],
    [3, false],
    [5, false],
  ])("the default survey's 满意度 %i is negative: %s", (satisfaction, isNegative) => {
    expect(hasLowScore(surveyToRating(settings.surveyScript, { resolved: true, satisfaction }))).toBe(isNegative);
  });
});

describe("the survey's answers as the rating", () => {
  it("the default script: satisfaction fills the four axes, the suggestion is the comment", () => {
    expect(surveyToRating(settings.surveyScript, { resolved: false, satisfaction: 4, suggestion: " 希望办理更快 " })).toEqual({
      attitude: 4,
      speed: 4,
      policy: 4,
      expertise: 4,
      comment: "希望办理更快",
      isResolved: false,
      outcome: "电话回访：未解决；满意度 4–4 分",
    });
  });

  it("a script asking an axis on its own keeps it", () => {
    const script = [...settings.surveyScript, { id: "attitude", text: "态度", kind: "score" as const, target: "attitude" as const, isRequired: true }];
    expect(surveyToRating(script, { resolved: true, satisfaction: 5, attitude: 2 })).toMatchObject({ attitude: 2, speed: 5, policy: 5, expertise: 5 });
  });

  it.each([
    [{ satisfaction: 4 }, "answers.resolved"],
    [{ resolved: true }, "answers.satisfaction"],
    [{ resolved: "yes", satisfaction: 4 }, "answers.resolved"],
    [{ resolved: true, satisfaction: 6 }, "answers.satisfaction"],
    [{ resolved: true, satisfaction: 2.5 }, "answers.satisfaction"],
    [{ resolved: true, satisfaction: 4, suggestion: 3 }, "answers.suggestion"],
    [{ resolved: true, satisfaction: 4, extra: "x" }, "answers.extra"],
  ])("%o is refused naming %s", (answers, field) => {
    expect(() => surveyToRating(settings.surveyScript, answers as never)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field }));
  });
});

describe("the scoring form", () => {
  const all = (value: number) => Object.fromEntries(settings.scoringForm.map((item) => [item.id, value]));
  it.each([
    [all(10), 100, false],
    [all(6), 60, false],
    [all(5), 50, true],
    [{ greeting: 10, accuracy: 0, citation: 10, attitude: 10, record: 10 }, 70, false],
    [{ greeting: 10, accuracy: 2, citation: 0, attitude: 10, record: 10 }, 56, true],
  ])("%o → %d (flagged %s)", (scores, total, isFlagged) => expect(scoreReview(settings.scoringForm, scores, 60)).toEqual({ total, isFlagged }));

  it.each([
    [{ ...all(8), greeting: 11 }, "scores.greeting"],
    [{ ...all(8), extra: 3 }, "scores.extra"],
    [{ greeting: 8 }, "scores.accuracy"],
  ])("%o is refused naming %s", (scores, field) => {
    expect(() => scoreReview(settings.scoringForm, scores, 60)).toThrow(expect.objectContaining({ field }));
  });
});

describe("settings as a whole", () => {
  it("the defaults hold", () => expect(settingsProblem(settings)).toBeNull());
  it.each([
    [{ surveyScript: [settings.surveyScript[0], settings.surveyScript[0], settings.surveyScript[1]] }, "surveyScript[1].id"],
    [{ surveyScript: [{ ...settings.surveyScript[0], target: "attitude" as const }, settings.surveyScript[1]] }, "surveyScript[0].target"],
    [{ surveyScript: [settings.surveyScript[0]] }, "surveyScript"],
    [{ scoringForm: [settings.scoringForm[0], settings.scoringForm[0]] }, "scoringForm[1].id"],
  ])("a problem names %s", (change, field) => expect(settingsProblem({ ...settings, ...change })?.field).toBe(field));
});
