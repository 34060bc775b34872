/**
 * The legal aid eligibility engine (法律援助法, 2021): pure rules, no database.
 * Given the matter, the applicant's groups and household income, and the
 * hardship standard the province has in force (Art. 34), it says whether legal
 * aid is available, whether the hardship check applies, what evidence of
 * hardship is needed (Art. 41: a self-declaration, never a certificate) and
 * which articles decided it. The HTTP route, the portal's self-check and the
 * window's intake all run this one function (docs/legal-aid.md).
 */

export const LEGAL_AID_LAW = "中华人民共和国法律援助法";

/** Art. 31 (1)–(8): civil and administrative matters covered when the applicant cannot afford an agent. */
export const COVERED_MATTERS = [
  "state_compensation",
  "social_insurance_or_assistance",
  "survivor_pension",
  "support_payment",
  "labor_relation_or_wages",
  "civil_capacity",
  "personal_injury",
  "environmental_damage",
] as const;
/** Art. 32 (1)–(4): matters with no hardship condition at all. */
export const NO_HARDSHIP_MATTERS = ["hero_martyr_rights", "good_samaritan", "wrongful_conviction_compensation", "abuse_or_domestic_violence"] as const;
/** Criminal matters: the suspect's or defendant's defence (Art. 24), the victim's side (Art. 29), a retrial or appeal (Art. 33). */
export const CRIMINAL_MATTERS = ["criminal_defense", "criminal_victim", "retrial"] as const;
export const BUILT_IN_MATTERS = [...COVERED_MATTERS, ...NO_HARDSHIP_MATTERS, ...CRIMINAL_MATTERS, "other"] as const;
export type BuiltInMatter = (typeof BUILT_IN_MATTERS)[number];

/** Art. 42: people exempt from the hardship check, given material showing they belong to the group. */
export const APPLICANT_GROUPS = ["minor_no_income", "elderly_no_income", "disabled_no_income", "social_assistance_recipient", "migrant_worker"] as const;
export type ApplicantGroup = (typeof APPLICANT_GROUPS)[number];

/** What a personal_injury claim is about (Art. 31 (7)); only a work injury lets a migrant worker skip the hardship check (Art. 42 (3)). */
export const INJURY_KINDS = ["work_injury", "traffic_accident", "food_drug_safety", "medical_accident"] as const;
export type InjuryKind = (typeof INJURY_KINDS)[number];

/** A matter a province has added (Art. 31 (9) / Art. 32 (5)): configuration, not code. */
export type ExtraMatter = { key: string; label: string; isHardshipRequired: boolean };

/** A province's hardship standard from a date on (Art. 34: set and adjusted by the provincial government). */
export type HardshipStandard = {
  provinceCode: string;
  /** Beijing date (YYYY-MM-DD) from which it applies. */
  effectiveFrom: string;
  /** Yuan per household member per month: at or below it is hardship. */
  incomeLinePerMember: number;
  extraMatters: ExtraMatter[];
  /** Where the figure comes from (the provincial document, or "demo value"). */
  basis: string;
};

export type EligibilityInput = {
  matter: string;
  injuryKind?: InjuryKind;
  applicant?: { groups?: ApplicantGroup[]; householdSize?: number; householdMonthlyIncome?: number };
};

export type Outcome = "eligible" | "not_eligible" | "needs_review";
export type HardshipCheck = "required" | "waived" | "not_applicable";
/**
 * The evidence of hardship the applicant brings: none (no hardship condition);
 * material showing the exempt group (低保证、残疾证 …, Art. 42) and nothing about
 * income; or a self-declaration of the household's means (Art. 41), which the
 * center may check through data sharing — never a certificate from anyone.
 */
export type HardshipEvidence = "none" | "group_proof" | "self_declaration";

export type Rule = { lawTitle: string; articleNo: string; explanation: string };

export type EligibilityResult = {
  outcome: Outcome;
  hardshipCheck: HardshipCheck;
  hardshipEvidence: HardshipEvidence;
  /** What to bring about hardship, in plain Chinese. */
  evidenceNote: string;
  /** The rules that decided the outcome, in the order they were applied. */
  rules: Rule[];
  /** Rules the applicant should know that did not decide this answer (remedies, assigned defence). */
  related: Rule[];
  /** Per-member monthly income as computed, when it was. */
  incomePerMember: number | null;
};

const rule = (articleNo: string, explanation: string): Rule => ({ lawTitle: LEGAL_AID_LAW, articleNo, explanation });

const COVERED_ITEM: Record<(typeof COVERED_MATTERS)[number], string> = {
  state_compensation: "第（一）项：依法请求国家赔偿",
  social_insurance_or_assistance: "第（二）项：请求给予社会保险待遇或者社会救助",
  survivor_pension: "第（三）项：请求发给抚恤金",
  support_payment: "第（四）项：请求给付赡养费、抚养费、扶养费",
  labor_relation_or_wages: "第（五）项：请求确认劳动关系或者支付劳动报酬",
  civil_capacity: "第（六）项：请求认定公民无民事行为能力或者限制民事行为能力",
  personal_injury: "第（七）项：请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿",
  environmental_damage: "第（八）项：请求环境污染、生态破坏损害赔偿",
};

const NO_HARDSHIP_ITEM: Record<(typeof NO_HARDSHIP_MATTERS)[number], string> = {
  hero_martyr_rights: "第（一）项：英雄烈士近亲属为维护英雄烈士的人格权益",
  good_samaritan: "第（二）项：因见义勇为行为主张相关民事权益",
  wrongful_conviction_compensation: "第（三）项：再审改判无罪请求国家赔偿",
  abuse_or_domestic_violence: "第（四）项：遭受虐待、遗弃或者家庭暴力的受害人主张相关权益",
};

const GROUP_ITEM: Record<ApplicantGroup, string> = {
  minor_no_income: "第（一）项：无固定生活来源的未成年人",
  elderly_no_income: "第（一）项：无固定生活来源的老年人",
  disabled_no_income: "第（一）项：无固定生活来源的残疾人",
  social_assistance_recipient: "第（二）项：社会救助、司法救助或者优抚对象",
  migrant_worker: "第（三）项：申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员",
};

const EVIDENCE_NOTE: Record<HardshipEvidence, string> = {
  none: "无需提供任何经济困难方面的材料。",
  group_proof: "只需提供属于该类人员的材料（如低保证、特困供养证、残疾证、身份证明或务工证明等），不核查、也不需要提供收入情况。",
  self_declaration: "如实说明家庭人口和收入，当场签署《经济困难状况个人诚信承诺》即可，无需到任何单位开具经济困难证明；法律援助机构可以通过信息共享核查。",
};

const isBuiltIn = (matter: string): matter is BuiltInMatter => (BUILT_IN_MATTERS as readonly string[]).includes(matter);
const isIn = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Is `matter` something the engine can answer for, under this standard? (Unknown keys are a 400 at the edge.) */
export function isKnownMatter(matter: string, standard: HardshipStandard | null): boolean {
  return isBuiltIn(matter) || Boolean(standard?.extraMatters.some((m) => m.key === matter));
}

/** The standard in force on `date` (YYYY-MM-DD): the latest one effective on or before it, or null. */
export function standardInForce<T extends { effectiveFrom: string }>(standards: readonly T[], date: string): T | null {
  let found: T | null = null;
  for (const s of standards) if (s.effectiveFrom <= date && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  return found;
}

/** A yuan amount as people write it: 1800 or 1234.5 → "1800元", "1234.50元". */
const yuan = (amount: number) => `${Number.isInteger(amount) ? String(amount) : amount.toFixed(2)}元`;

/**
 * Decides eligibility. Order of the law: a matter with no hardship condition
 * (Art. 32) is eligible outright; otherwise the matter must be one legal aid
 * covers (Arts. 24, 29, 31, 33, or one the province added), and then the
 * hardship condition applies unless the applicant is in a group of Art. 42; if
 * it applies, the household's income per member is compared with the line the
 * province has in force (Art. 34) — at or below it is hardship.
 */
export function decideEligibility(input: EligibilityInput, standard: HardshipStandard | null): EligibilityResult {
  const { matter } = input;
  const related: Rule[] = [];

  // Art. 32: no hardship condition.
  if (isIn(NO_HARDSHIP_MATTERS, matter)) {
    return done("eligible", "not_applicable", [rule("第三十二条", `${NO_HARDSHIP_ITEM[matter]}，申请法律援助不受经济困难条件的限制。`)], related, null);
  }

  const extra = isBuiltIn(matter) ? null : (standard?.extraMatters.find((m) => m.key === matter) ?? null);
  if (!isBuiltIn(matter) && !extra) throw new Error(`unknown matter ${matter}`);

  // A province's own matter without a hardship condition (Art. 32 (5): 法律、法规、规章规定的其他情形).
  if (extra && !extra.isHardshipRequired) {
    return done("eligible", "not_applicable", [rule("第三十二条", `第（五）项：本省规定“${extra.label}”申请法律援助不受经济困难条件的限制（法律、法规、规章规定的其他情形）。`)], related, null);
  }

  // The matter that opens legal aid, with a hardship condition.
  const matterRules: Rule[] = [];
  if (extra) matterRules.push(rule("第三十一条", `第（九）项：本省规定“${extra.label}”属于可以申请法律援助的事项（法律、法规、规章规定的其他情形），当事人因经济困难没有委托代理人的，可以申请。`));
  else if (isIn(COVERED_MATTERS, matter)) matterRules.push(rule("第三十一条", `${COVERED_ITEM[matter]}的当事人，因经济困难没有委托代理人的，可以向法律援助机构申请法律援助。`));
  else if (matter === "criminal_defense") {
    matterRules.push(rule("第二十四条", "刑事案件的犯罪嫌疑人、被告人因经济困难或者其他原因没有委托辩护人的，本人及其近亲属可以向法律援助机构申请法律援助。"));
    related.push(
      rule("第二十五条", "犯罪嫌疑人、被告人是未成年人，视力、听力、言语残疾人，不能完全辨认自己行为的成年人，可能被判处无期徒刑、死刑的人，申请法律援助的死刑复核案件被告人或缺席审判案件的被告人，没有委托辩护人的，由人民法院、人民检察院、公安机关通知法律援助机构指派律师担任辩护人，不需要本人申请，也不审查经济状况。"),
      rule("第三十条", "没有辩护人的犯罪嫌疑人、被告人，可以约见值班律师获得法律咨询、程序选择建议等法律帮助。"),
    );
  } else if (matter === "criminal_victim") {
    matterRules.push(rule("第二十九条", "刑事公诉案件的被害人及其法定代理人或者近亲属，刑事自诉案件的自诉人及其法定代理人，刑事附带民事诉讼案件的原告人及其法定代理人，因经济困难没有委托诉讼代理人的，可以申请法律援助。"));
  } else if (matter === "retrial") {
    matterRules.push(rule("第三十三条", "不服司法机关生效裁判或者决定提出申诉或者申请再审，人民法院决定、裁定再审或者人民检察院提出抗诉，因经济困难没有委托辩护人或者诉讼代理人的，本人及其近亲属可以申请法律援助。"));
  } else {
    // "other": neither listed by the law nor added by the province.
    matterRules.push(
      rule("第三十一条", "第（九）项：所述事项不在法律列举的事项之内，本省也没有规定增加该事项；是否属于法律、法规、规章规定的其他情形，需要法律援助机构审查。"),
      rule("第三十二条", "第（五）项：法律、法规、规章规定的其他情形不受经济困难条件限制，同样需要法律援助机构审查认定。"),
    );
  }

  // Art. 42: exempt from the hardship check.
  const groups = [...new Set(input.applicant?.groups ?? [])];
  const exemptBy: ApplicantGroup[] = groups.filter((g) => g !== "migrant_worker");
  const isWageClaim = matter === "labor_relation_or_wages";
  const isWorkInjury = matter === "personal_injury" && input.injuryKind === "work_injury";
  if (groups.includes("migrant_worker") && (isWageClaim || isWorkInjury)) exemptBy.push("migrant_worker");
  const exemptRules = exemptBy.map((g) => rule("第四十二条", `${GROUP_ITEM[g]}，有材料证明属于该类人员的，免予核查经济困难状况。`));
  // A migrant worker's personal injury claim whose kind is not said: the waiver may apply (a work injury) — the center asks.
  const isMigrantInjuryUnsaid = groups.includes("migrant_worker") && matter === "personal_injury" && !input.injuryKind;

  if (matter === "other") {
    return done("needs_review", exemptRules.length ? "waived" : "required", [...matterRules, ...exemptRules], related, null);
  }

  if (exemptRules.length > 0) {
    return done("eligible", "waived", [...matterRules, ...exemptRules], related, null);
  }

  // The hardship check applies (Art. 34 standard; Art. 41 self-declaration).
  const declaration = rule("第四十一条", "因经济困难申请的，如实说明经济困难状况；法律援助机构可以通过信息共享查询或者由申请人进行个人诚信承诺来核查，不要求另行开具证明。");
  const migrantNote = groups.includes("migrant_worker")
    ? [rule("第四十二条", isMigrantInjuryUnsaid ? "第（三）项：进城务工人员请求工伤事故人身损害赔偿的免予核查经济困难状况；请说明是否属于工伤，否则按经济困难标准审查。" : "第（三）项：进城务工人员只有申请支付劳动报酬或者请求工伤事故人身损害赔偿时免予核查经济困难状况，本事项不在其列，仍需审查经济困难状况。")]
    : [];
  const hardshipRules = [...matterRules, ...migrantNote];

  if (!standard) {
    return done("needs_review", "required", [...hardshipRules, rule("第三十四条", "经济困难的标准由省级人民政府确定；本系统尚未登记所在省份的标准，由法律援助机构按当地标准审查。"), declaration], related, null);
  }
  const line = standard.incomeLinePerMember;
  const size = input.applicant?.householdSize;
  const income = input.applicant?.householdMonthlyIncome;
  if (size === undefined || income === undefined) {
    const missing = size === undefined && income === undefined ? "家庭人口数和家庭月收入" : size === undefined ? "家庭人口数" : "家庭月收入";
    return done(
      "needs_review",
      "required",
      [...hardshipRules, rule("第三十四条", `本省经济困难标准为家庭月人均收入不高于${yuan(line)}（自${standard.effectiveFrom}起执行）；未填写${missing}，无法判断，由法律援助机构审查。`), declaration],
      related,
      null,
    );
  }
  const perMember = Math.round((income / size) * 100) / 100;
  const isHardship = perMember <= line;
  const standardRule = rule(
    "第三十四条",
    `本省经济困难标准为家庭月人均收入不高于${yuan(line)}（自${standard.effectiveFrom}起执行）；您家庭月人均收入${yuan(perMember)}，${isHardship ? "符合经济困难条件" : "高于该标准，不符合经济困难条件"}。`,
  );
  if (isHardship) {
    related.push(rule("第四十八条", "第（四）项：受援人的经济状况发生变化、不再符合法律援助条件的，法律援助机构终止法律援助。"));
    return done("eligible", "required", [...hardshipRules, standardRule, declaration], related, perMember);
  }
  related.push(rule("第四十九条", "对法律援助机构不予法律援助的决定有异议的，可以向设立该机构的司法行政部门提出，司法行政部门自收到异议之日起五日内审查并作出决定。"));
  // Over the line, two cases are for the center to decide: a migrant worker whose injury may be a work
  // injury (then exempt), and a defendant without a lawyer for a reason other than hardship (Art. 24: 或者其他原因).
  if (matter === "criminal_defense") {
    const otherReason = rule("第二十四条", "没有委托辩护人也可能是经济困难以外的其他原因；收入高于标准的，是否属于其他原因由法律援助机构审查。");
    return done("needs_review", "required", [...hardshipRules, standardRule, otherReason], related, perMember);
  }
  return done(isMigrantInjuryUnsaid ? "needs_review" : "not_eligible", "required", [...hardshipRules, standardRule], related, perMember);
}

function done(outcome: Outcome, hardshipCheck: HardshipCheck, rules: Rule[], related: Rule[], incomePerMember: number | null): EligibilityResult {
  const hardshipEvidence: HardshipEvidence = hardshipCheck === "not_applicable" ? "none" : hardshipCheck === "waived" ? "group_proof" : "self_declaration";
  return { outcome, hardshipCheck, hardshipEvidence, evidenceNote: EVIDENCE_NOTE[hardshipEvidence], rules, related, incomePerMember };
}

/** Is `date` (YYYY-MM-DD, as the schema lets through) a day of the calendar, from 1949 to 9999? 2026-02-30 is not. */
export function isCalendarDate(date: string): boolean {
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === date && date >= "1949-10-01";
}

/** Why this list of a province's own matters cannot be saved, or null. Keys must not shadow the law's. */
export function extraMattersProblem(matters: readonly ExtraMatter[]): { field: string; message: string } | null {
  const seen = new Set<string>();
  for (const [i, m] of matters.entries()) {
    if (isBuiltIn(m.key)) return { field: `extraMatters[${i}].key`, message: `${m.key} is one of the law's own matters; choose another key` };
    if (seen.has(m.key)) return { field: `extraMatters[${i}].key`, message: `${m.key} appears twice` };
    seen.add(m.key);
  }
  return null;
}
