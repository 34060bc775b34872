import { describe, expect, it } from "vitest";
import { NOTIFICATION_TEXTS, renderNotification } from "./notification-texts.ts";

describe("notification texts", () => {
  it("every template about a ticket renders signed Chinese text with the ticket number", () => {
    for (const template of Object.keys(NOTIFICATION_TEXTS).filter((t) => t !== "one_time_code" && t !== "roster_gap" && t !== "early_warning" && !t.startsWith("appointment_"))) {
      const text = renderNotification(template, { number: "990102-20261120-0001", reason: "不属于法律服务事项", serviceType: "legal_aid" });
      expect(text.startsWith("【12348公共法律服务】"), template).toBe(true);
      expect(text, template).toContain("990102-20261120-0001");
    }
  });

  it("every appointment template renders signed Chinese text with the booking code, the venue and the time", () => {
    const templates = Object.keys(NOTIFICATION_TEXTS).filter((t) => t.startsWith("appointment_"));
    expect(templates).toHaveLength(5);
    for (const template of templates) {
      const text = renderNotification(template, { code: "K7Q2M9XA", venue: "青川区公共法律服务中心", time: "2026-11-20 09:00–10:00", serviceType: "consultation" });
      expect(text.startsWith("【12348公共法律服务】"), template).toBe(true);
      for (const part of ["K7Q2M9XA", "青川区公共法律服务中心", "09:00–10:00"]) expect(text, template).toContain(part);
    }
  });

  it("warns a supervisor of a gap in the hotline roster, with the region, the role, the time and the need", () => {
    expect(renderNotification("roster_gap", { region: "青川区", role: "operator", required: 1, time: "12/09 08:00–12/10 10:00" })).toBe(
      "【12348公共法律服务】值班缺口预警：青川区12348热线话务员在12/09 08:00–12/10 10:00（北京时间）在岗不足1人，请及时排班。",
    );
    expect(renderNotification("roster_gap", { region: "青川区", role: "duty_lawyer", required: 2, time: "t" })).toContain("值班律师在t（北京时间）在岗不足2人");
  });

  it("tells the township office of a dispute early warning, with the place, what clustered and the counts", () => {
    expect(renderNotification("early_warning", { region: "测试镇", what: "“某某建筑”被多人反映", applicants: 6, tickets: 7 })).toBe(
      "【12348公共法律服务】矛盾纠纷预警：测试镇“某某建筑”被多人反映（6人、7件），请及时签收并研判处置。",
    );
  });

  it("says what was received and why a request was refused", () => {
    expect(renderNotification("ticket_received", { number: "N1", serviceType: "legal_aid" })).toBe(
      "【12348公共法律服务】您的法律援助申请已受理登记，编号N1，可凭编号查询办理进度；如需补充材料，工作人员将一次性告知。",
    );
    expect(renderNotification("ticket_rejected", { number: "N1", reason: "已超过申请期限" })).toContain("原因：已超过申请期限。");
    expect(renderNotification("ticket_rejected", { number: "N1" })).toContain("原因：未说明。");
  });

  it("an unknown template still renders something readable", () => {
    expect(renderNotification("ticket_exploded", { number: "N2" })).toContain("编号N2");
  });

  it("a one-time code shows only where the reader may open it", () => {
    const payload = { sealedCode: "sealed-123456", purpose: "sign_in" };
    expect(renderNotification("one_time_code", payload)).toContain("验证码******");
    expect(renderNotification("one_time_code", payload, (s) => s.replace("sealed-", ""))).toContain("验证码123456");
    expect(renderNotification("one_time_code", { ...payload, purpose: "tracking" }, () => "654321")).toContain("查询办理进度");
  });
});
