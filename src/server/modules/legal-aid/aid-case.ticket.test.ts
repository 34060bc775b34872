import { describe, expect, it } from "vitest";
import { ticketGoalOfAidStep } from "./aid-case.ticket.ts";
import { ticketGoalOfMediationStep } from "../mediation/mediation-case.ticket.ts";
import type { AidCaseAction, AidCaseStatus } from "./aid-case.state.ts";

const CENTER = "990100";
const goal = (action: AidCaseAction, from: AidCaseStatus, to: AidCaseStatus, against: "refusal" | "termination" = "refusal") =>
  ticketGoalOfAidStep(action, from, to, { objection: { against, at: "", reason: "", decision: null, decidedAt: null, opinion: null } }, CENTER);

describe("legal aid steps as ticket goals", () => {
  it("every outcome resolves the ticket with a summary naming it", () => {
    expect(goal({ type: "decide", decision: "refuse", reasons: "收入高于标准" }, "under_review", "refused")).toEqual({ kind: "resolve", unitRegionCode: CENTER, summary: "不予法律援助：收入高于标准" });
    expect(goal({ type: "lapse" }, "materials_pending", "withdrawn")).toMatchObject({ kind: "resolve", summary: "未在告知期限内补充材料，法律援助申请视为撤回" });
    expect(goal({ type: "withdraw", reason: "已和解" }, "submitted", "withdrawn")).toMatchObject({ kind: "resolve", summary: "申请人撤回法律援助申请：已和解" });
    expect(goal({ type: "terminate", ground: "recipient_request", reason: "受援人要求" }, "handling", "terminated")).toMatchObject({ kind: "resolve", summary: "终止法律援助（第四十八条第一款第（七）项）：受援人要求" });
    expect(goal({ type: "close", outcome: "won", summary: "判决支持" }, "handling", "closed")).toMatchObject({ kind: "resolve", summary: "法律援助案件已结案（胜诉）：判决支持" });
    expect(goal({ type: "decide_objection", decision: "uphold", opinion: "维持" }, "objection_pending", "terminated", "termination")).toMatchObject({ kind: "resolve", summary: "异议不成立，维持终止法律援助的决定：维持" });
  });

  it("a corrected objection reopens; archive archives; the other steps leave the ticket", () => {
    expect(goal({ type: "decide_objection", decision: "correct", opinion: "重新审查" }, "objection_pending", "under_review")).toEqual({ kind: "reopen", reason: "异议成立，法律援助案件恢复办理：重新审查" });
    expect(goal({ type: "decide_objection", decision: "correct", opinion: "恢复" }, "objection_pending", "handling", "termination")).toMatchObject({ kind: "reopen" });
    expect(goal({ type: "archive" }, "closed", "archived")).toEqual({ kind: "archive" });
    for (const action of [{ type: "decide", decision: "grant" }, { type: "object", reason: "x" }, { type: "precheck", opinion: "x" }, { type: "progress_note", kind: "note", text: "x" }] as AidCaseAction[]) {
      expect(goal(action, "under_review", "under_review"), action.type).toBeNull();
    }
  });
});

describe("mediation steps as ticket goals", () => {
  it("agreement, failure, termination and a declined application resolve naming the outcome; archive archives", () => {
    const parties = [{ name: "张三", info: "x" }, { name: "李四", info: "y" }];
    expect(ticketGoalOfMediationStep({ type: "agree_oral", parties, content: "拆除围墙" }, "990101")).toEqual({ kind: "resolve", unitRegionCode: "990101", summary: "调解成功，达成口头调解协议：拆除围墙" });
    expect(ticketGoalOfMediationStep({ type: "fail", reason: "分歧大", guidance: ["litigation"] }, "990101")).toMatchObject({ summary: "调解不成：分歧大" });
    expect(ticketGoalOfMediationStep({ type: "terminate", party: "李四", reason: "拒绝" }, "990101")).toMatchObject({ summary: "调解终止：拒绝" });
    expect(ticketGoalOfMediationStep({ type: "decline", ground: "not_civil_dispute", reason: "行政争议" }, "990101")).toMatchObject({ summary: "不予受理调解申请（不属于民间纠纷）：行政争议" });
    expect(ticketGoalOfMediationStep({ type: "archive" }, "990101")).toEqual({ kind: "archive" });
    expect(ticketGoalOfMediationStep({ type: "accept" }, "990101")).toBeNull();
    expect(ticketGoalOfMediationStep({ type: "follow_up", performance: "performed", note: "x" }, "990101")).toBeNull();
  });
});
