import { describe, expect, it } from "vitest";
import type { ServiceGuideView } from "../content/content.types.ts";
import type { ServiceType } from "../services/service-catalogue.ts";
import { durationText, nextStepsFor, prefillOf, requestFormHref, requestKindFor } from "./next-steps.ts";

const venue = {
  id: "v1",
  name: "青川区法律援助中心",
  level: "county",
  region: { code: "990102", name: "青川区" },
  address: "青川区人民路 12 号",
  openingHours: "工作日 9:00–17:00",
  phone: "0871-1234567",
  windows: ["法律援助窗口"],
  mapUrl: "https://uri.amap.com/search?keyword=x",
};

const guideOf = (serviceType: ServiceType, overrides: Partial<ServiceGuideView> = {}): ServiceGuideView => ({
  serviceType,
  region: { code: "990102", name: "青川区" },
  fee: "free",
  basis: ["《中华人民共和国法律援助法》"],
  isOnline: true,
  materials: [
    { key: "id_card", name: "申请人身份证明", isRequired: true },
    { key: "agent_proof", name: "代理人身份证明", isRequired: false },
  ],
  deadlines: [
    { step: "accept", amount: 1, unit: "working_days" },
    { step: "resolve", amount: 7, unit: "working_days" },
  ],
  settingsSource: "default",
  venues: [venue],
  hotline: "12348",
  ...overrides,
});

const kinds = (steps: { kind: string }[]) => steps.map((s) => s.kind);

describe("next steps", () => {
  const question = "老板拖欠工资半年，没钱请律师，怎么办？";

  it("legal aid: you may qualify, what to bring, the nearest center, how long, the cost, the form filled in, the hotline, the guide", () => {
    const steps = nextStepsFor("legal_aid", guideOf("legal_aid"), prefillOf(question, "legal_aid", "劳动争议"));
    expect(kinds(steps)).toEqual(["eligibility", "materials", "venue", "time_limit", "fee", "online_request", "hotline", "guide"]);
    const [eligibility, materials, where, time] = steps;
    expect(eligibility.title).toBe("您可能符合法律援助条件");
    expect(materials.materials).toEqual([
      { name: "申请人身份证明", isRequired: true },
      { name: "代理人身份证明", isRequired: false },
    ]);
    expect(materials.text).toBe("申请人身份证明（必需）；代理人身份证明（如有）");
    expect(where).toMatchObject({ title: "就近办理：青川区法律援助中心", href: venue.mapUrl, venue: { phone: "0871-1234567", regionName: "青川区" } });
    expect(time).toMatchObject({ text: "法律援助一般在 7 个工作日内办结。", deadline: { amount: 7, unit: "working_days" } });
    expect(steps.find((s) => s.kind === "online_request")!.href).toBe(
      `/requests/new/legal_aid?category=${encodeURIComponent("劳动争议")}&description=${encodeURIComponent(question).replace(/%20/g, "+")}`,
    );
    expect(steps.find((s) => s.kind === "guide")!.href).toBe("/guides/legal_aid");
  });

  it("mediation: where to apply and the 30 days, counted in days", () => {
    const guide = guideOf("mediation", { venues: [{ ...venue, name: "东关街道人民调解委员会" }], deadlines: [{ step: "resolve", amount: 720, unit: "hours" }] });
    const steps = nextStepsFor("mediation", guide, prefillOf("邻居堵了我家的路怎么办", "mediation", "邻里"));
    expect(steps.find((s) => s.kind === "venue")!.title).toBe("就近办理：东关街道人民调解委员会");
    expect(steps.find((s) => s.kind === "time_limit")!.text).toBe("人民调解一般在 30 日内办结。");
    expect(steps.find((s) => s.kind === "online_request")!.href).toMatch(/^\/requests\/new\/mediation\?category=/);
  });

  it("consultation: the hotline first, then the form; no eligibility, deadline or fee", () => {
    const steps = nextStepsFor("consultation", guideOf("consultation", { materials: [] }), prefillOf("试用期可以随时辞退吗", "consultation", "劳动争议"));
    expect(kinds(steps)).toEqual(["venue", "hotline", "online_request", "guide"]);
    expect(steps.find((s) => s.kind === "hotline")).toMatchObject({ href: "tel:12348" });
  });

  it("a service the portal takes no form for starts from a consultation, and names the charge", () => {
    const prefill = prefillOf("想给房产做公证", "notarization", "房屋宅基地");
    expect(prefill.serviceType).toBe("consultation");
    const steps = nextStepsFor("notarization", guideOf("notarization", { fee: "charged", isOnline: false }), prefill);
    expect(steps.find((s) => s.kind === "online_request")!.href).toMatch(/^\/requests\/new\/consultation\?/);
    expect(steps.find((s) => s.kind === "fee")!.text).toMatch(/收费/);
    expect(steps.find((s) => s.kind === "guide")!.href).toBe("/guides/notarization");
  });

  it("without a region: the venue is a place to go, not the nearest", () => {
    const steps = nextStepsFor("legal_aid", guideOf("legal_aid", { region: null }), prefillOf(question, "legal_aid", null));
    expect(steps.find((s) => s.kind === "venue")!.title).toBe("办理地点：青川区法律援助中心");
  });

  it("no service type: ask for more, the hotline and a consultation", () => {
    const steps = nextStepsFor(null, null, prefillOf("你好", null, null));
    expect(kinds(steps)).toEqual(["describe_more", "hotline", "online_request"]);
    expect(steps[2].href).toBe("/requests/new/consultation?description=%E4%BD%A0%E5%A5%BD");
  });
});

describe("the pre-filled request form", () => {
  it("links to the portal form of the kind the service fits, with the category only when known", () => {
    expect(requestKindFor("legal_aid")).toBe("legal_aid");
    expect(requestKindFor("complaint")).toBe("complaint");
    expect(requestKindFor("arbitration")).toBe("consultation");
    expect(requestKindFor(null)).toBe("consultation");
    expect(requestFormHref({ serviceType: "mediation", category: null, description: "a&b=c" })).toBe("/requests/new/mediation?description=a%26b%3Dc");
  });

  it("carries the question trimmed and at most 1000 characters", () => {
    expect(prefillOf("  问题  ", null, null).description).toBe("问题");
    expect(prefillOf("字".repeat(1200), "consultation", "其他").description).toHaveLength(1000);
  });

  it("says durations as people count them", () => {
    expect(durationText(7, "working_days")).toBe("7 个工作日");
    expect(durationText(720, "hours")).toBe("30 日");
    expect(durationText(36, "hours")).toBe("36 小时");
  });
});
