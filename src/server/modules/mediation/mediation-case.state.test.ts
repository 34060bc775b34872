import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { confirmationPeriod, MEDIATION_LAW, MEDIATION_RULES } from "./mediation.rules.ts";
import {
  isMediationActionPossible,
  MEDIATION_ACTION_RULES,
  MEDIATION_CASE_ACTION_TYPES,
  MEDIATION_CASE_STATUSES,
  newMediationCaseState,
  transitionMediationCase,
  type MediationCaseAction,
  type MediationCaseState,
  type MediationCaseStatus,
} from "./mediation-case.state.ts";

const at = (dateTime: string) => new Date(`${dateTime}:00+08:00`);
// Friday 20 November 2026, 10:00 Beijing time.
const APPLIED = at("2026-11-20T10:00");
const fresh = () => newMediationCaseState({ appliedAt: APPLIED, origin: { kind: "application", referralId: null, partnerName: null } });

function run(state: MediationCaseState, steps: [string, MediationCaseAction][]): MediationCaseState {
  return steps.reduce((s, [when, action]) => transitionMediationCase(s, action, "actor-1", at(when)).next, state);
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.field ?? ""}` : String(error);
  }
  return "ok";
};

const parties = [{ name: "张三", info: "男，1970年生，住某村一组" }, { name: "李四", info: "男，1975年生，住某村一组" }];
const written: MediationCaseAction = {
  type: "agree_written", parties, facts: "两家宅基地相邻，李四建房越界", disputedMatters: "越界部分是否拆除", responsibilities: "李四负主要责任",
  terms: "李四拆除越界围墙并赔偿500元", performanceManner: "现金支付、自行拆除", performanceDeadline: "2026年12月31日前",
};
const toMediating: [string, MediationCaseAction][] = [
  ["2026-11-20T11:00", { type: "accept" }],
  ["2026-11-20T11:30", { type: "assign_mediators", mediators: [{ id: "m1", name: "郑调解" }], isChosenByParties: true }],
  ["2026-11-20T12:00", { type: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00", place: "村委会调解室" }],
];
const heldOnce: [string, MediationCaseAction][] = [...toMediating, ["2026-11-23T11:00", { type: "record_session", sessionNo: 1, minutes: "双方陈述，调解员释法" }]];

describe("the mediation case state machine", () => {
  it("runs the main path: accept → mediators → session → written agreement → follow-up → confirmation → archive", () => {
    let s = run(fresh(), heldOnce);
    expect(s.status).toBe("mediating");
    expect(s.isMediatorChosenByParties).toBe(true);
    expect(s.sessions[0]).toMatchObject({ no: 1, place: "村委会调解室", heldAt: "2026-11-23T01:30:00.000Z", minutes: "双方陈述，调解员释法" });
    const agreed = transitionMediationCase(s, { ...written, signedAt: "2026-11-23T10:30:00+08:00" } as MediationCaseAction, "m1", at("2026-11-23T11:00"));
    expect(agreed.to).toBe("agreed");
    // Art. 33: 30 days from the day the agreement took effect (23 November), the day itself not counted: ends 23 December 24:00.
    expect(agreed.next.deadlines.mediation_confirmation).toMatchObject({ dueAt: at("2026-12-24T00:00").toISOString(), state: "running", amount: 720, unit: "hours" });
    expect(agreed.effects).toEqual([{ kind: "start", step: "mediation_confirmation", amount: 720, unit: "hours", startedAt: at("2026-11-24T00:00"), dueAt: at("2026-12-24T00:00") }]);
    expect(agreed.rules).toEqual(["agreement_form", "agreement_contents", "judicial_confirmation"]);
    s = agreed.next;
    // Not archived before the follow-up (Art. 31) and while the 30 days run.
    expect(isMediationActionPossible(s, "archive", at("2026-11-25T09:00"))).toBe(false);
    s = run(s, [
      ["2026-11-24T09:00", { type: "guide_confirmation" }],
      ["2026-12-01T09:00", { type: "follow_up", performance: "performed", note: "围墙已拆，款已付" }],
    ]);
    expect(s.status).toBe("performed");
    expect(isMediationActionPossible(s, "archive", at("2026-12-01T10:00"))).toBe(false);
    const confirmed = transitionMediationCase(s, { type: "record_confirmation", outcome: "applied", court: "某县人民法院", appliedOn: "2026-12-02" }, "m1", at("2026-12-02T15:00"));
    expect(confirmed.effects).toEqual([{ kind: "settle", step: "mediation_confirmation", state: "met" }]);
    s = run(confirmed.next, [["2026-12-03T09:00", { type: "archive" }]]);
    expect(s.status).toBe("archived");
  });

  it("records an oral agreement (Arts. 28, 30): effective the day agreed, its content recorded", () => {
    const s = run(fresh(), [...heldOnce, ["2026-11-23T11:30", { type: "agree_oral", parties, content: "李四当场赔偿200元" }]]);
    expect(s.agreement).toMatchObject({ kind: "oral", content: "李四当场赔偿200元", effectiveAt: at("2026-11-23T11:30").toISOString() });
    expect(s.deadlines.mediation_confirmation?.dueAt).toBe(at("2026-12-24T00:00").toISOString());
  });

  it("a failed mediation points the parties to arbitration, administrative or judicial ways (Art. 26)", () => {
    const failed = transitionMediationCase(run(fresh(), heldOnce), { type: "fail", reason: "双方分歧过大", guidance: ["litigation", "arbitration", "litigation"] }, "m1", at("2026-11-23T12:00"));
    expect(failed.to).toBe("failed");
    expect(failed.next.failure?.guidance).toEqual(["litigation", "arbitration"]);
    expect(failed.rules).toEqual(["failure_guidance"]);
    expect(code(() => transitionMediationCase(run(fresh(), heldOnce), { type: "fail", reason: "x", guidance: [] }, null, at("2026-11-23T12:00")))).toBe("VALIDATION_FAILED:guidance");
  });

  it.each(["applied", "accepted", "mediating"] as const)("a party may refuse or end the mediation while %s (Arts. 17, 23)", (status) => {
    const steps = status === "applied" ? [] : status === "accepted" ? toMediating.slice(0, 1) : toMediating;
    const s = run(fresh(), steps);
    expect(s.status).toBe(status);
    const ended = transitionMediationCase(s, { type: "terminate", party: "李四", reason: "明确拒绝调解" }, null, at("2026-11-24T09:00"));
    expect(ended.to).toBe("terminated");
  });

  it("the committee may decline (Art. 17), naming the ground", () => {
    const s = run(fresh(), [["2026-11-20T11:00", { type: "decline", ground: "party_refused", reason: "被申请人明确拒绝" }]]);
    expect(s.decline).toMatchObject({ ground: "party_refused" });
    expect(s.status).toBe("declined");
  });

  it("an agreement applied for after the 30 days is refused; archiving waits until the period ends or is settled", () => {
    let s = run(fresh(), [...heldOnce, ["2026-11-23T11:30", { type: "agree_oral", parties, content: "口头协议" }], ["2026-11-30T09:00", { type: "follow_up", performance: "partly_performed", note: "已付一半" }]]);
    expect(s.status).toBe("agreed");
    expect(code(() => transitionMediationCase(s, { type: "record_confirmation", outcome: "applied", court: "某县人民法院", appliedOn: "2026-12-24" }, null, at("2026-12-25T09:00")))).toBe("VALIDATION_FAILED:appliedOn");
    expect(code(() => transitionMediationCase(s, { type: "record_confirmation", outcome: "applied", appliedOn: "2026-12-20" }, null, at("2026-12-21T09:00")))).toBe("VALIDATION_FAILED:court");
    expect(isMediationActionPossible(s, "archive", at("2026-12-23T23:59"))).toBe(false);
    expect(isMediationActionPossible(s, "archive", at("2026-12-24T00:01"))).toBe(true);
    s = run(s, [["2026-12-24T09:00", { type: "archive" }]]);
    expect(s.deadlines.mediation_confirmation?.state).toBe("cancelled");
  });

  it.each<[string, MediationCaseAction, string]>([
    ["no parties", { ...written, parties: [parties[0]] } as MediationCaseAction, "VALIDATION_FAILED:parties"],
    ["no facts", { ...written, facts: " " } as MediationCaseAction, "VALIDATION_FAILED:facts"],
    ["no disputed matters", { ...written, disputedMatters: "" } as MediationCaseAction, "VALIDATION_FAILED:disputedMatters"],
    ["no responsibilities", { ...written, responsibilities: "" } as MediationCaseAction, "VALIDATION_FAILED:responsibilities"],
    ["no terms", { ...written, terms: "" } as MediationCaseAction, "VALIDATION_FAILED:terms"],
    ["no manner of performance", { ...written, performanceManner: "" } as MediationCaseAction, "VALIDATION_FAILED:performanceManner"],
    ["no deadline of performance", { ...written, performanceDeadline: "" } as MediationCaseAction, "VALIDATION_FAILED:performanceDeadline"],
    ["signed in the future", { ...written, signedAt: "2026-11-30T09:00:00+08:00" } as MediationCaseAction, "VALIDATION_FAILED:signedAt"],
  ])("a written agreement carries the contents of Art. 29: %s is refused", (_name, action, expected) => {
    expect(code(() => transitionMediationCase(run(fresh(), heldOnce), action, null, at("2026-11-23T12:00")))).toBe(expected);
  });

  it("steps wait for what comes before them", () => {
    const mediating = run(fresh(), toMediating);
    // No outcome before a session is recorded (Art. 27).
    expect(code(() => transitionMediationCase(mediating, written, null, at("2026-11-23T12:00")))).toBe("INVALID_TRANSITION:");
    // A session is recorded after it is held.
    expect(code(() => transitionMediationCase(mediating, { type: "record_session", sessionNo: 1, minutes: "x" }, null, at("2026-11-22T12:00")))).toBe("VALIDATION_FAILED:heldAt");
    expect(code(() => transitionMediationCase(mediating, { type: "record_session", sessionNo: 2, minutes: "x" }, null, at("2026-11-24T12:00")))).toBe("VALIDATION_FAILED:sessionNo");
    // Art. 20: others are invited only with the parties' consent.
    const invite = (isInviteeConsented: boolean) => transitionMediationCase(mediating, { type: "schedule_session", scheduledAt: "2026-11-24T09:30:00+08:00", place: "村委会", invitees: "村民小组长", isInviteeConsented }, null, at("2026-11-22T12:00"));
    expect(code(() => invite(false))).toBe("VALIDATION_FAILED:isInviteeConsented");
    expect(invite(true).next.sessions[1]).toMatchObject({ no: 2, invitees: "村民小组长" });
    // Sessions need mediators.
    const accepted = run(fresh(), toMediating.slice(0, 1));
    expect(isMediationActionPossible(accepted, "schedule_session", APPLIED)).toBe(false);
    expect(code(() => transitionMediationCase(accepted, { type: "assign_mediators", mediators: [], isChosenByParties: false }, null, APPLIED))).toBe("VALIDATION_FAILED:mediatorIds");
  });

  const reach: Record<MediationCaseStatus, [string, MediationCaseAction][]> = {
    applied: [],
    accepted: toMediating.slice(0, 1),
    mediating: toMediating,
    agreed: [...heldOnce, ["2026-11-23T11:30", { type: "agree_oral", parties, content: "口头协议" }]],
    performed: [...heldOnce, ["2026-11-23T11:30", { type: "agree_oral", parties, content: "口头协议" }], ["2026-11-24T11:30", { type: "follow_up", performance: "performed", note: "已履行" }]],
    failed: [...heldOnce, ["2026-11-23T11:30", { type: "fail", reason: "不成", guidance: ["litigation"] }]],
    declined: [["2026-11-20T11:00", { type: "decline", ground: "not_competent", reason: "不属本委员会" }]],
    terminated: [["2026-11-20T11:00", { type: "terminate", party: "李四", reason: "拒绝调解" }]],
    archived: [["2026-11-20T11:00", { type: "terminate", party: "李四", reason: "拒绝调解" }], ["2026-11-20T12:00", { type: "archive" }]],
  };
  const table = MEDIATION_CASE_STATUSES.flatMap((status) => MEDIATION_CASE_ACTION_TYPES.map((action) => [status, action] as const));
  it.each(table)("from %s, %s is allowed only where the table says", (status, action) => {
    const s = run(fresh(), reach[status]);
    expect(s.status).toBe(status);
    const listed: Record<MediationCaseStatus, readonly string[]> = {
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
    const isListed = listed[status].includes(action);
    if (!isListed) expect(isMediationActionPossible(s, action, at("2027-02-01T09:00"))).toBe(false);
  });

  it("every action names the articles it applies, all of the People's Mediation Law; mediation is free (Art. 4)", () => {
    for (const action of MEDIATION_CASE_ACTION_TYPES) {
      expect(MEDIATION_ACTION_RULES[action].length).toBeGreaterThan(0);
      for (const key of MEDIATION_ACTION_RULES[action]) expect(MEDIATION_RULES[key]).toMatchObject({ lawTitle: MEDIATION_LAW, articleNo: expect.stringMatching(/^第.+条$/) });
    }
    expect(MEDIATION_RULES.free_of_charge.articleNo).toBe("第四条");
    expect(MEDIATION_RULES.judicial_confirmation.articleNo).toBe("第三十三条");
    expect(JSON.stringify(fresh())).not.toMatch(/fee|charge|price/i);
  });

  it("the 30 days of Art. 33 count calendar days in Beijing time, not working days", () => {
    // An agreement effective on the evening of 31 December (Beijing) — 1 January is a holiday, it still counts.
    expect(confirmationPeriod(new Date("2026-12-31T15:30:00Z")).dueAt.toISOString()).toBe(at("2027-01-31T00:00").toISOString());
    expect(confirmationPeriod(at("2026-12-31T23:30")).dueAt.toISOString()).toBe(at("2027-01-31T00:00").toISOString());
  });
});
