import { describe, expect, it } from "vitest";
import { citizenProgress } from "./citizen-progress.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 1, minute));
const event = (type: string, data: Record<string, unknown> = {}, actorKind = "staff", minute = 0) => ({ type, at: at(minute), actorKind, data });

describe("citizen progress", () => {
  it("words the steps the applicant is told about and drops everything internal", () => {
    const progress = citizenProgress([
      event("ticket.created", { channel: "portal" }, "citizen"),
      event("action.accept", { from: "submitted", to: "accepted" }),
      event("dispatch.auto", { unit: { name: "青川区公共法律服务中心" } }, "system"),
      event("action.assign", { unit: { code: "990102", name: "青川区公共法律服务中心" }, assignee: { id: "x", displayName: "王律师" } }),
      event("action.send_back", { reason: "不属本单位" }),
      event("deadline.overdue", { step: "resolve" }, "system"),
      event("supervision.issued", { note: "请加快" }),
      event("follow_up.created", {}, "system"),
      event("action.start"),
      event("action.suspend", { reason: "内部：等待鉴定" }),
      event("action.resume"),
      event("action.resolve", { summary: "可向劳动仲裁委申请仲裁" }),
      event("rating.recorded", { attitude: 5 }, "citizen"),
    ]);
    expect(progress.map((p) => p.step)).toEqual(["submitted", "accepted", "assigned", "in_progress", "suspended", "resumed", "resolved", "rated"]);
    expect(progress[2]).toMatchObject({ unitName: "青川区公共法律服务中心" });
    expect(JSON.stringify(progress)).not.toContain("王律师");
    expect(JSON.stringify(progress)).not.toContain("内部");
    expect(JSON.stringify(progress)).not.toContain("不属本单位");
    expect(progress[6]).toMatchObject({ answer: "可向劳动仲裁委申请仲裁" });
  });

  it("tells a refusal's reason and the request a duplicate was merged into", () => {
    expect(citizenProgress([event("action.reject", { reason: "不属于受理范围" })])).toEqual([{ step: "rejected", at: at(0).toISOString(), reason: "不属于受理范围" }]);
    expect(citizenProgress([event("action.merge_into", { target: { id: "t", number: "QC2026110200001" } })])[0]).toMatchObject({ step: "merged", mergedIntoNumber: "QC2026110200001" });
  });

  it("shows the applicant's own uploads, not the unit's", () => {
    const progress = citizenProgress([
      event("attachment.added", { fileName: "工资条.jpg" }, "citizen"),
      event("attachment.added", { fileName: "内部笔录.pdf" }, "staff"),
    ]);
    expect(progress).toEqual([{ step: "material_added", at: at(0).toISOString(), fileName: "工资条.jpg" }]);
  });
});
