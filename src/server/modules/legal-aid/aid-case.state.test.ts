import { describe, expect, it } from "vitest";
import { SHIPPED_HOLIDAYS } from "../calendar/shipped-holidays.ts";
import { endOfBeijingDay, WorkingCalendar } from "../calendar/working-calendar.ts";
import { AppError } from "../../platform/errors.ts";
import { AID_RULES, isSampledForQuality, TERMINATION_GROUND_ITEMS, TERMINATION_GROUNDS } from "./aid-case.rules.ts";
import {
  AID_CASE_ACTION_TYPES,
  AID_CASE_STATUSES,
  isAidActionPossible,
  newAidCaseState,
  transitionAidCase,
  type AidCaseAction,
  type AidCaseState,
  type AidCaseStatus,
} from "./aid-case.state.ts";

const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS);
const at = (dateTime: string) => new Date(`${dateTime}:00+08:00`);
const dayEnd = (date: string) => endOfBeijingDay(date).toISOString();
// Friday 20 November 2026, 10:00 Beijing time.
const APPLIED = at("2026-11-20T10:00");

const fresh = (isPrecheckRequired = false, isSampledForQuality = false) => newAidCaseState({ appliedAt: APPLIED, isPrecheckRequired, isSampledForQuality }, calendar).state;

/** Runs actions one after another, each at its own time. */
function run(state: AidCaseState, steps: [string, AidCaseAction][]): AidCaseState {
  return steps.reduce((s, [when, action]) => transitionAidCase(s, action, "actor-1", at(when), calendar).next, state);
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.field ?? ""}` : String(error);
  }
  return "ok";
};

const review: AidCaseAction = { type: "review", opinion: "符合条件", hardshipCheck: "self_declared" };
const grant: AidCaseAction = { type: "decide", decision: "grant" };
const refuse: AidCaseAction = { type: "decide", decision: "refuse", reasons: "不属于法律援助事项范围" };
const assign: AidCaseAction = { type: "assign_lawyer", lawyerId: "lawyer-1", lawyerName: "王律师", isChosenByApplicant: true };

describe("a new case", () => {
  it("starts at the station when taken there, at the center otherwise, with Art. 43's 7 working days from the application", () => {
    expect(fresh(true).status).toBe("submitted");
    expect(fresh(false).status).toBe("under_review");
    // Fri 20 Nov + 7 working days = Tue 1 Dec, end of day.
    expect(fresh().deadlines.aid_decision).toMatchObject({ state: "running", amount: 7, dueAt: dayEnd("2026-12-01") });
  });
});

describe("the main path", () => {
  it("pre-check → review → grant → assign within 3 days → handling → close → archive (not sampled)", () => {
    let s = run(fresh(true), [["2026-11-20T11:00", { type: "precheck", opinion: "材料齐全，报送中心" }]]);
    expect(s.status).toBe("under_review");
    s = run(s, [["2026-11-23T09:00", review]]);
    const decided = transitionAidCase(s, grant, "r", at("2026-11-24T09:00"), calendar);
    expect(decided.to).toBe("granted");
    expect(decided.next.deadlines.aid_decision?.state).toBe("met");
    // Tue 24 Nov + 3 working days = Fri 27 Nov.
    expect(decided.next.deadlines.aid_assignment).toMatchObject({ state: "running", dueAt: dayEnd("2026-11-27") });
    expect(decided.rules).toContain("decision_within_7_days");
    s = run(decided.next, [
      ["2026-11-25T09:00", assign],
      ["2026-11-26T09:00", { type: "progress_note", kind: "hearing", text: "开庭", hearingAt: "2026-12-10T09:00:00+08:00" }],
      ["2026-12-20T09:00", { type: "close", outcome: "won", summary: "判决支持全部请求" }],
    ]);
    expect(s).toMatchObject({ status: "closed", notes: 1, lawyer: { id: "lawyer-1", isChosenByApplicant: true } });
    expect(s.deadlines.aid_assignment?.state).toBe("met");
    expect(run(s, [["2026-12-21T09:00", { type: "archive" }]]).status).toBe("archived");
  });

  it("a sampled case is quality-reviewed and scored before it is archived", () => {
    const closed = run({ ...fresh(), isSampledForQuality: true }, [
      ["2026-11-23T09:00", review], ["2026-11-23T10:00", grant], ["2026-11-23T11:00", assign], ["2026-12-01T09:00", { type: "close", outcome: "mediated", summary: "调解结案" }],
    ]);
    expect(code(() => transitionAidCase(closed, { type: "archive" }, null, at("2026-12-02T09:00"), calendar))).toBe("INVALID_TRANSITION:action");
    const reviewed = run(closed, [["2026-12-02T09:00", { type: "quality_review", score: 92, comment: "案卷完整" }]]);
    expect(reviewed).toMatchObject({ status: "quality_reviewed", quality: { score: 92 } });
    expect(run(reviewed, [["2026-12-03T09:00", { type: "archive" }]]).status).toBe("archived");
  });

  it("cannot decide before the review is recorded, and a refusal needs its reasons in writing (Art. 43)", () => {
    expect(code(() => transitionAidCase(fresh(), grant, null, at("2026-11-21T09:00"), calendar))).toBe("INVALID_TRANSITION:action");
    const reviewed = run(fresh(), [["2026-11-23T09:00", review]]);
    expect(code(() => transitionAidCase(reviewed, { type: "decide", decision: "refuse", reasons: "  " }, null, at("2026-11-23T10:00"), calendar))).toBe("VALIDATION_FAILED:reasons");
    const refused = transitionAidCase(reviewed, refuse, null, at("2026-11-23T10:00"), calendar);
    expect(refused.next).toMatchObject({ status: "refused", decision: { kind: "refuse", reasons: "不属于法律援助事项范围" } });
    expect(refused.rules).toContain("refusal_in_writing");
    expect(refused.next.deadlines.aid_assignment).toBeUndefined();
  });
});

describe("missing materials (一次性告知, Art. 43 ¶2)", () => {
  const requested = () => transitionAidCase(fresh(), { type: "request_materials", items: ["收入状况说明", "劳动合同"], periodDays: 5 }, null, at("2026-11-23T09:00"), calendar);

  it("lists everything in one notice, pauses the 7 days and sets the period to supply", () => {
    const t = requested();
    expect(t.to).toBe("materials_pending");
    expect(t.next.materials).toMatchObject({ items: ["收入状况说明", "劳动合同"], returnTo: "under_review" });
    expect(t.next.deadlines.aid_decision).toMatchObject({ state: "paused", pausedAt: at("2026-11-23T09:00").toISOString() });
    // Mon 23 Nov + 5 working days = Mon 30 Nov.
    expect(t.next.deadlines.aid_materials).toMatchObject({ state: "running", dueAt: dayEnd("2026-11-30") });
    expect(t.effects.map((e) => e.kind)).toEqual(["pause_all", "start"]);
  });

  it("refuses an empty list and a period outside 1–30 working days, naming the field", () => {
    const s = fresh();
    expect(code(() => transitionAidCase(s, { type: "request_materials", items: [" "] }, null, APPLIED, calendar))).toBe("VALIDATION_FAILED:items");
    expect(code(() => transitionAidCase(s, { type: "request_materials", items: ["x"], periodDays: 31 }, null, APPLIED, calendar))).toBe("VALIDATION_FAILED:periodDays");
  });

  it("resumes when supplied: the decision deadline moves on by the working days it was paused", () => {
    // Paused Mon 23 Nov, supplied Thu 26 Nov: 3 working days (23, 24, 25) → Tue 1 Dec becomes Fri 4 Dec.
    const t = transitionAidCase(requested().next, { type: "materials_supplied" }, null, at("2026-11-26T15:00"), calendar);
    expect(t.to).toBe("under_review");
    expect(t.next.deadlines.aid_decision).toMatchObject({ state: "running", pausedAt: null, dueAt: dayEnd("2026-12-04") });
    expect(t.next.deadlines.aid_materials?.state).toBe("met");
    expect(t.effects.map((e) => e.kind)).toEqual(["settle", "resume_all"]);
  });

  it("is treated as withdrawn only once the period has run out", () => {
    const pending = requested().next;
    expect(isAidActionPossible(pending, "lapse", at("2026-11-30T23:59"))).toBe(false);
    expect(code(() => transitionAidCase(pending, { type: "lapse" }, null, at("2026-11-30T23:59"), calendar))).toBe("INVALID_TRANSITION:action");
    const lapsed = transitionAidCase(pending, { type: "lapse" }, null, at("2026-12-01T00:01"), calendar).next;
    expect(lapsed).toMatchObject({ status: "withdrawn", withdrawal: { isLapsed: true } });
    expect(lapsed.deadlines.aid_decision?.state).toBe("cancelled");
    expect(lapsed.deadlines.aid_materials?.state).toBe("cancelled");
  });

  it("a station's pre-check may send the notice too, and the case returns to the station", () => {
    const s = run(fresh(true), [["2026-11-20T11:00", { type: "request_materials", items: ["身份证明"] }], ["2026-11-21T11:00", { type: "materials_supplied" }]]);
    expect(s.status).toBe("submitted");
  });
});

describe("aid before review (先行提供, Art. 44)", () => {
  it("grants at once with the ground, starts the 3 days to assign, and the review decides later", () => {
    const t = transitionAidCase(fresh(true), { type: "grant_in_advance", ground: "limitation_within_7_days", reason: "仲裁时效五日后届满" }, null, at("2026-11-20T11:00"), calendar);
    expect(t.next).toMatchObject({ status: "granted", advance: { ground: "limitation_within_7_days" }, decision: null });
    expect(t.next.deadlines.aid_assignment).toMatchObject({ state: "running", dueAt: dayEnd("2026-11-25") });
    expect(t.rules).toContain("advance_aid");
    const handling = run(t.next, [["2026-11-21T09:00", assign]]);
    expect(handling.status).toBe("handling");
    // The review's decision: grant confirms and stays handling; once decided, no second decision.
    const confirmed = run(handling, [["2026-11-24T09:00", grant]]);
    expect(confirmed).toMatchObject({ status: "handling", decision: { kind: "grant" } });
    expect(confirmed.deadlines.aid_decision?.state).toBe("met");
    expect(isAidActionPossible(confirmed, "decide", at("2026-11-24T10:00"))).toBe(false);
    // …or refuse stops the aid, and the refusal can be objected to.
    const stopped = run(handling, [["2026-11-24T09:00", refuse]]);
    expect(stopped.status).toBe("refused");
    expect(isAidActionPossible(stopped, "object", at("2026-11-24T10:00"))).toBe(true);
  });

  it("ends a pending materials notice and restarts the paused clock", () => {
    const pending = transitionAidCase(fresh(), { type: "request_materials", items: ["证据"] }, null, at("2026-11-23T09:00"), calendar).next;
    const t = transitionAidCase(pending, { type: "grant_in_advance", ground: "urgent_preservation_or_execution", reason: "需立即申请财产保全" }, null, at("2026-11-24T09:00"), calendar);
    expect(t.next.status).toBe("granted");
    expect(t.next.deadlines.aid_materials?.state).toBe("met");
    expect(t.next.deadlines.aid_decision?.state).toBe("running");
    expect(t.effects.some((e) => e.kind === "resume_all")).toBe(true);
  });
});

describe("termination (Art. 48) and objection (Art. 49)", () => {
  const handling = () => run(fresh(), [["2026-11-23T09:00", review], ["2026-11-23T10:00", grant], ["2026-11-23T11:00", assign]]);

  it("names each ground by its item of Art. 48", () => {
    expect(TERMINATION_GROUNDS).toHaveLength(8);
    expect(TERMINATION_GROUND_ITEMS.retained_own_lawyer).toBe("第四十八条第一款第（六）项");
    expect(AID_RULES.termination).toMatchObject({ lawTitle: "中华人民共和国法律援助法", articleNo: "第四十八条" });
  });

  it("terminates with ground and reason; an objection is decided within 5 working days; uphold is final", () => {
    const terminated = run(handling(), [["2026-11-24T09:00", { type: "terminate", ground: "retained_own_lawyer", reason: "受援人自行委托律师" }]]);
    expect(terminated).toMatchObject({ status: "terminated", termination: { ground: "retained_own_lawyer" } });
    const objected = transitionAidCase(terminated, { type: "object", reason: "并未委托律师" }, null, at("2026-11-25T09:00"), calendar);
    expect(objected.next).toMatchObject({ status: "objection_pending", objection: { against: "termination" } });
    // Wed 25 Nov + 5 working days = Wed 2 Dec.
    expect(objected.next.deadlines.aid_objection).toMatchObject({ state: "running", dueAt: dayEnd("2026-12-02") });
    const upheld = run(objected.next, [["2026-11-27T09:00", { type: "decide_objection", decision: "uphold", opinion: "维持原决定" }]]);
    expect(upheld).toMatchObject({ status: "terminated", objection: { decision: "uphold" } });
    expect(upheld.deadlines.aid_objection?.state).toBe("met");
    // One objection per decision: 行政复议 or 诉讼 remain (Art. 49 ¶3).
    expect(isAidActionPossible(upheld, "object", at("2026-11-28T09:00"))).toBe(false);
  });

  it("a corrected termination resumes the aid; a corrected refusal goes back for a new decision within 7 days", () => {
    const terminated = run(handling(), [["2026-11-24T09:00", { type: "terminate", ground: "no_longer_eligible", reason: "收入变化" }]]);
    const resumed = run(terminated, [["2026-11-25T09:00", { type: "object", reason: "收入未变化" }], ["2026-11-26T09:00", { type: "decide_objection", decision: "correct", opinion: "责令改正" }]]);
    expect(resumed).toMatchObject({ status: "handling", termination: null });

    const refused = run(fresh(), [["2026-11-23T09:00", review], ["2026-11-23T10:00", refuse]]);
    const corrected = run(refused, [["2026-11-24T09:00", { type: "object", reason: "属于援助范围" }], ["2026-11-25T09:00", { type: "decide_objection", decision: "correct", opinion: "责令改正" }]]);
    expect(corrected).toMatchObject({ status: "under_review", decision: null });
    // Wed 25 Nov + 7 working days = Fri 4 Dec.
    expect(corrected.deadlines.aid_decision).toMatchObject({ state: "running", dueAt: dayEnd("2026-12-04") });
    // A new refusal can be objected to again.
    const refusedAgain = run(corrected, [["2026-11-26T09:00", refuse]]);
    expect(isAidActionPossible(refusedAgain, "object", at("2026-11-27T09:00"))).toBe(true);
  });
});

describe("the machine as a table", () => {
  // Every status reached by a short path, and which actions it allows.
  const reach: Record<AidCaseStatus, () => AidCaseState> = {
    submitted: () => fresh(true),
    under_review: () => fresh(),
    materials_pending: () => run(fresh(), [["2026-11-23T09:00", { type: "request_materials", items: ["x"] }]]),
    granted: () => run(fresh(), [["2026-11-23T09:00", review], ["2026-11-23T10:00", grant]]),
    handling: () => run(reach.granted(), [["2026-11-23T11:00", assign]]),
    closed: () => run(reach.handling(), [["2026-11-24T11:00", { type: "close", outcome: "won", summary: "s" }]]),
    quality_reviewed: () => run({ ...reach.closed(), isSampledForQuality: true }, [["2026-11-25T11:00", { type: "quality_review", score: 80, comment: "c" }]]),
    refused: () => run(fresh(), [["2026-11-23T09:00", review], ["2026-11-23T10:00", refuse]]),
    terminated: () => run(reach.handling(), [["2026-11-24T09:00", { type: "terminate", ground: "recipient_request", reason: "r" }]]),
    objection_pending: () => run(reach.refused(), [["2026-11-24T09:00", { type: "object", reason: "r" }]]),
    withdrawn: () => run(fresh(), [["2026-11-23T09:00", { type: "withdraw", reason: "已和解" }]]),
    archived: () => run(reach.withdrawn(), [["2026-11-24T09:00", { type: "archive" }]]),
  };
  const NOW = at("2026-11-26T12:00");
  const possible: Record<AidCaseStatus, string[]> = {
    submitted: ["precheck", "request_materials", "withdraw", "grant_in_advance"],
    under_review: ["review", "request_materials", "withdraw", "grant_in_advance"],
    materials_pending: ["materials_supplied", "withdraw", "grant_in_advance"],
    granted: ["assign_lawyer", "terminate"],
    handling: ["progress_note", "close", "terminate"],
    closed: ["archive"],
    quality_reviewed: ["archive"],
    refused: ["object", "archive"],
    terminated: ["object", "archive"],
    objection_pending: ["decide_objection"],
    withdrawn: ["archive"],
    archived: [],
  };
  it.each(AID_CASE_STATUSES.map((status) => ({ status })))("$status allows exactly its actions", ({ status }) => {
    const state = reach[status]();
    expect(state.status).toBe(status);
    const allowed = AID_CASE_ACTION_TYPES.filter((a) => isAidActionPossible(state, a, NOW));
    expect([...allowed].sort()).toEqual([...possible[status]].sort());
  });

  it("never mutates the state it is given", () => {
    const s = fresh();
    const copy = structuredClone(s);
    transitionAidCase(s, { type: "request_materials", items: ["x"] }, null, APPLIED, calendar);
    expect(s).toEqual(copy);
  });

  it("samples a fixed share of cases for quality review, by id alone", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const share = ids.filter((id) => isSampledForQuality(id)).length / ids.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    expect(isSampledForQuality(ids[7])).toBe(isSampledForQuality(ids[7]));
    expect(isSampledForQuality(ids[7], 0)).toBe(false);
    expect(isSampledForQuality(ids[7], 100)).toBe(true);
  });
});
