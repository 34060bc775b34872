/**
 * The eligibility engine over the Legal Aid Law's cases, table-driven: each
 * covered matter (Art. 31), each matter without a hardship condition (Art. 32),
 * the criminal matters (Arts. 24, 29, 33), each exempt group (Art. 42), the
 * migrant worker's narrow exemption, income at, below and above the line,
 * missing income, a standard changing on a date and a province's own matters.
 */
import { describe, expect, it } from "vitest";
import {
  APPLICANT_GROUPS,
  COVERED_MATTERS,
  decideEligibility,
  extraMattersProblem,
  isCalendarDate,
  isKnownMatter,
  NO_HARDSHIP_MATTERS,
  standardInForce,
  type ApplicantGroup,
  type EligibilityInput,
  type HardshipStandard,
} from "./eligibility-rules.ts";

const standard: HardshipStandard = {
  provinceCode: "990000",
  effectiveFrom: "2026-01-01",
  incomeLinePerMember: 1800,
  extraMatters: [
    { key: "land_contract", label: "农村土地承包经营纠纷", isHardshipRequired: true },
    { key: "veteran_rights", label: "退役军人维护合法权益", isHardshipRequired: false },
  ],
  basis: "demo",
};
const poor = { householdSize: 3, householdMonthlyIncome: 4500 }; // 1500 a head
const comfortable = { householdSize: 2, householdMonthlyIncome: 8000 }; // 4000 a head
const decide = (input: EligibilityInput, s: HardshipStandard | null = standard) => decideEligibility(input, s);
const articles = (r: { rules: { articleNo: string }[] }) => r.rules.map((x) => x.articleNo);

describe("Art. 31 (1)–(8): covered matters need hardship", () => {
  it.each(COVERED_MATTERS.map((m, i) => [m, i + 1] as const))("%s (item %i): eligible below the line, not above, under review without income", (matter, item) => {
    const below = decide({ matter, applicant: poor });
    expect(below).toMatchObject({ outcome: "eligible", hardshipCheck: "required", hardshipEvidence: "self_declaration", incomePerMember: 1500 });
    expect(articles(below)).toEqual(["第三十一条", "第三十四条", "第四十一条"]);
    expect(below.rules[0].explanation).toContain(`第（${"一二三四五六七八"[item - 1]}）项`);
    expect(below.rules.every((r) => r.lawTitle === "中华人民共和国法律援助法")).toBe(true);
    expect(decide({ matter, applicant: comfortable })).toMatchObject({ outcome: "not_eligible", hardshipCheck: "required", incomePerMember: 4000 });
    expect(decide({ matter, applicant: { groups: [] } })).toMatchObject({ outcome: "needs_review", hardshipCheck: "required", incomePerMember: null });
  });
});

describe("Art. 32 (1)–(4): no hardship condition", () => {
  it.each(NO_HARDSHIP_MATTERS)("%s is eligible whatever the income", (matter) => {
    for (const applicant of [undefined, comfortable, { householdSize: 1, householdMonthlyIncome: 1_000_000 }]) {
      const result = decide({ matter, applicant });
      expect(result).toMatchObject({ outcome: "eligible", hardshipCheck: "not_applicable", hardshipEvidence: "none" });
      expect(articles(result)).toEqual(["第三十二条"]);
    }
  });
});

describe("Art. 42: exempt groups", () => {
  const exempt: ApplicantGroup[] = ["minor_no_income", "elderly_no_income", "disabled_no_income", "social_assistance_recipient"];
  it.each(exempt)("%s: the hardship check is waived for any covered matter, income not asked", (group) => {
    for (const matter of [...COVERED_MATTERS, "criminal_defense", "criminal_victim", "retrial"]) {
      const result = decide({ matter, applicant: { groups: [group] } });
      expect(result, matter).toMatchObject({ outcome: "eligible", hardshipCheck: "waived", hardshipEvidence: "group_proof" });
      expect(articles(result)).toContain("第四十二条");
      expect(articles(result)).not.toContain("第三十四条");
    }
    // Even a high income does not matter.
    expect(decide({ matter: "support_payment", applicant: { groups: [group], ...comfortable } }).outcome).toBe("eligible");
  });

  it("lists every group the applicant is in", () => {
    const result = decide({ matter: "support_payment", applicant: { groups: ["elderly_no_income", "social_assistance_recipient"] } });
    expect(result.rules.filter((r) => r.articleNo === "第四十二条").map((r) => r.explanation.slice(0, 6))).toEqual(["第（一）项：", "第（二）项："]);
  });

  it("a migrant worker claiming wages is exempt", () => {
    const result = decide({ matter: "labor_relation_or_wages", applicant: { groups: ["migrant_worker"], ...comfortable } });
    expect(result).toMatchObject({ outcome: "eligible", hardshipCheck: "waived" });
    expect(result.rules.find((r) => r.articleNo === "第四十二条")!.explanation).toContain("第（三）项");
  });

  it("a migrant worker claiming for a work injury is exempt; for a traffic accident is not", () => {
    expect(decide({ matter: "personal_injury", injuryKind: "work_injury", applicant: { groups: ["migrant_worker"], ...comfortable } })).toMatchObject({ outcome: "eligible", hardshipCheck: "waived" });
    const traffic = decide({ matter: "personal_injury", injuryKind: "traffic_accident", applicant: { groups: ["migrant_worker"], ...comfortable } });
    expect(traffic).toMatchObject({ outcome: "not_eligible", hardshipCheck: "required" });
    expect(traffic.rules.find((r) => r.articleNo === "第四十二条")!.explanation).toContain("本事项不在其列");
  });

  it("a migrant worker's injury of an unsaid kind over the line is for the center to review (it may be a work injury)", () => {
    const result = decide({ matter: "personal_injury", applicant: { groups: ["migrant_worker"], ...comfortable } });
    expect(result).toMatchObject({ outcome: "needs_review", hardshipCheck: "required" });
    expect(result.rules.find((r) => r.articleNo === "第四十二条")!.explanation).toContain("请说明是否属于工伤");
    // Below the line the kind does not matter.
    expect(decide({ matter: "personal_injury", applicant: { groups: ["migrant_worker"], ...poor } }).outcome).toBe("eligible");
  });

  it.each(["support_payment", "state_compensation", "criminal_victim", "retrial"])("a migrant worker asking for %s (not wages, not a work injury) goes through the hardship check", (matter) => {
    expect(decide({ matter, applicant: { groups: ["migrant_worker"], ...comfortable } })).toMatchObject({ outcome: "not_eligible", hardshipCheck: "required" });
    expect(decide({ matter, applicant: { groups: ["migrant_worker"], ...poor } })).toMatchObject({ outcome: "eligible", hardshipCheck: "required" });
    expect(decide({ matter, applicant: { groups: ["migrant_worker"] } })).toMatchObject({ outcome: "needs_review", hardshipCheck: "required" });
  });

  it("knows every group of the API", () => {
    expect([...APPLICANT_GROUPS].sort()).toEqual([...exempt, "migrant_worker"].sort());
  });
});

describe("criminal matters", () => {
  it("criminal_defense (Art. 24): hardship required, notified defence (Art. 25) explained alongside", () => {
    const result = decide({ matter: "criminal_defense", applicant: poor });
    expect(result).toMatchObject({ outcome: "eligible", hardshipCheck: "required" });
    expect(articles(result)[0]).toBe("第二十四条");
    expect(result.related.map((r) => r.articleNo)).toEqual(["第二十五条", "第三十条", "第四十八条"]);
    expect(result.related[0].explanation).toContain("不需要本人申请");
    // Over the line: "或者其他原因" — the center decides, the self-check does not refuse.
    const over = decide({ matter: "criminal_defense", applicant: comfortable });
    expect(over.outcome).toBe("needs_review");
    expect(over.rules.at(-1)!.explanation).toContain("其他原因");
  });

  it.each([["criminal_victim", "第二十九条"], ["retrial", "第三十三条"]])("%s (%s): hardship required", (matter, article) => {
    expect(articles(decide({ matter, applicant: poor }))[0]).toBe(article);
    expect(decide({ matter, applicant: poor }).outcome).toBe("eligible");
    expect(decide({ matter, applicant: comfortable }).outcome).toBe("not_eligible");
  });
});

describe("the line (Art. 34)", () => {
  it.each([
    [3, 5400, "eligible", 1800], // exactly at the line: 不高于
    [3, 5401, "not_eligible", 1800.33],
    [4, 0, "eligible", 0],
    [1, 1799.99, "eligible", 1799.99],
  ] as const)("household of %i with %d yuan a month → %s", (householdSize, householdMonthlyIncome, outcome, perMember) => {
    const result = decide({ matter: "support_payment", applicant: { householdSize, householdMonthlyIncome } });
    expect(result.outcome).toBe(outcome);
    expect(result.incomePerMember).toBe(perMember);
  });

  it("says what is missing when only one of size and income is given", () => {
    expect(decide({ matter: "support_payment", applicant: { householdMonthlyIncome: 1000 } }).rules.find((r) => r.articleNo === "第三十四条")!.explanation).toContain("未填写家庭人口数");
    expect(decide({ matter: "support_payment", applicant: { householdSize: 2 } }).rules.find((r) => r.articleNo === "第三十四条")!.explanation).toContain("未填写家庭月收入");
  });

  it("without a standard for the province, the center reviews", () => {
    const result = decide({ matter: "support_payment", applicant: poor }, null);
    expect(result).toMatchObject({ outcome: "needs_review", hardshipCheck: "required" });
    expect(result.rules.find((r) => r.articleNo === "第三十四条")!.explanation).toContain("尚未登记");
  });

  it("the standard changes on its effective date", () => {
    const history = [
      { ...standard, effectiveFrom: "2025-01-01", incomeLinePerMember: 1500 },
      { ...standard, effectiveFrom: "2026-07-01", incomeLinePerMember: 2000 },
      { ...standard, effectiveFrom: "2026-01-01", incomeLinePerMember: 1800 },
    ];
    expect(standardInForce(history, "2024-12-31")).toBeNull();
    expect(standardInForce(history, "2025-01-01")!.incomeLinePerMember).toBe(1500);
    expect(standardInForce(history, "2026-06-30")!.incomeLinePerMember).toBe(1800);
    expect(standardInForce(history, "2026-07-01")!.incomeLinePerMember).toBe(2000);
    const applicant = { householdSize: 1, householdMonthlyIncome: 1900 };
    expect(decide({ matter: "support_payment", applicant }, standardInForce(history, "2026-06-30")).outcome).toBe("not_eligible");
    expect(decide({ matter: "support_payment", applicant }, standardInForce(history, "2026-07-01")).outcome).toBe("eligible");
  });
});

describe("other matters", () => {
  it("'other' is for the center to review (Art. 31 (9), Art. 32 (5)), never a refusal by the self-check", () => {
    for (const applicant of [poor, comfortable, undefined]) {
      const result = decide({ matter: "other", applicant });
      expect(result).toMatchObject({ outcome: "needs_review", hardshipCheck: "required" });
      expect(articles(result)).toEqual(["第三十一条", "第三十二条"]);
    }
    expect(decide({ matter: "other", applicant: { groups: ["elderly_no_income"] } }).hardshipCheck).toBe("waived");
  });

  it("a matter the province added with a hardship condition (Art. 31 (9)) is checked like the law's own", () => {
    const result = decide({ matter: "land_contract", applicant: poor });
    expect(result).toMatchObject({ outcome: "eligible", hardshipCheck: "required" });
    expect(result.rules[0]).toMatchObject({ articleNo: "第三十一条" });
    expect(result.rules[0].explanation).toContain("农村土地承包经营纠纷");
    expect(decide({ matter: "land_contract", applicant: comfortable }).outcome).toBe("not_eligible");
  });

  it("a matter the province added without one (Art. 32 (5)) is eligible outright", () => {
    const result = decide({ matter: "veteran_rights", applicant: comfortable });
    expect(result).toMatchObject({ outcome: "eligible", hardshipCheck: "not_applicable" });
    expect(result.rules[0].explanation).toContain("第（五）项");
  });

  it("knows the matters of the law and of the province, and nothing else", () => {
    expect(isKnownMatter("support_payment", null)).toBe(true);
    expect(isKnownMatter("land_contract", null)).toBe(false);
    expect(isKnownMatter("land_contract", standard)).toBe(true);
    expect(isKnownMatter("lottery_win", standard)).toBe(false);
    expect(() => decide({ matter: "lottery_win" })).toThrow();
  });

  it("a province's own matter may not take a key of the law's", () => {
    expect(extraMattersProblem([{ key: "support_payment", label: "x", isHardshipRequired: true }])).toMatchObject({ field: "extraMatters[0].key" });
    expect(extraMattersProblem([{ key: "a", label: "x", isHardshipRequired: true }, { key: "a", label: "y", isHardshipRequired: true }])).toMatchObject({ field: "extraMatters[1].key" });
    expect(extraMattersProblem(standard.extraMatters)).toBeNull();
  });
});

describe("evidence (Art. 41): never a certificate", () => {
  it("asks a self-declaration where hardship is checked, group material where waived, nothing where not applicable", () => {
    expect(decide({ matter: "support_payment", applicant: poor }).evidenceNote).toContain("诚信承诺");
    expect(decide({ matter: "support_payment", applicant: poor }).evidenceNote).toContain("无需到任何单位开具");
    expect(decide({ matter: "support_payment", applicant: { groups: ["disabled_no_income"] } }).hardshipEvidence).toBe("group_proof");
    expect(decide({ matter: "good_samaritan" }).hardshipEvidence).toBe("none");
  });
});

describe("dates", () => {
  it.each([["2026-01-01", true], ["2028-02-29", true], ["2027-02-29", false], ["2026-02-30", false], ["0000-01-01", false], ["9999-12-31", true]] as const)("%s is a calendar date: %s", (date, is) => {
    expect(isCalendarDate(date)).toBe(is);
  });
});
