/**
 * Guided pre-registration (预登记) for the services a bureau routes to another
 * provider: notarization, forensic appraisal, arbitration and administrative
 * reconsideration. Pure data and rules — the web app imports this file too.
 *
 * Each matter holds the material checklist told at once (一次性告知), the kind of
 * provider it goes to, the notes on time limits and fees with the article they
 * come from (lawTitle + articleNo, as the law reader cites them), and the
 * questions whose answers decide the routing or warn the applicant.
 */
import type { ChecklistItem } from "../services/service-catalogue.ts";
import type { ProviderKind } from "../directory/directory-rules.ts";

export const PREREGISTRATION_SERVICES = ["notarization", "forensic_appraisal", "arbitration", "administrative_reconsideration"] as const;
export type PreregistrationService = (typeof PREREGISTRATION_SERVICES)[number];

/** A rule the guide states, with the article it comes from. */
export type LawNote = { lawTitle: string; articleNo: string; note: string };

export type Question =
  | { key: string; type: "yes_no"; label: string; isRequired: boolean }
  | { key: string; type: "date"; label: string; isRequired: boolean }
  | { key: string; type: "text"; label: string; isRequired: boolean }
  | { key: string; type: "choice"; label: string; options: { value: string; label: string }[]; isRequired: boolean };

/**
 * Which providers a matter goes to: a directory kind (optionally only those whose
 * name says they are a labour commission, or only those that are not), or the
 * county public legal service centre (the justice bureau's window) when no
 * directory kind fits, as for administrative reconsideration.
 */
export type ProviderTarget = { kind: ProviderKind; nameFilter?: "labour" | "not_labour" } | null;

export type Matter = {
  service: PreregistrationService;
  code: string;
  name: string;
  target: ProviderTarget;
  checklist: ChecklistItem[];
  notes: LawNote[];
  questions: Question[];
};

const NOTARY_LAW = "中华人民共和国公证法";
const CIVIL_PROCEDURE = "中华人民共和国民事诉讼法";
const ARBITRATION_LAW = "中华人民共和国仲裁法";
const LABOUR_ARBITRATION_LAW = "中华人民共和国劳动争议调解仲裁法";
const RECONSIDERATION_LAW = "中华人民共和国行政复议法";

const id = (name = "申请人身份证、户口簿") => ({ key: "id_card", name, isRequired: true });
const item = (key: string, name: string, isRequired = true): ChecklistItem => ({ key, name, isRequired });

// ——— 公证 ———
const notaryNotes = (extra: LawNote[] = []): LawNote[] => [
  { lawTitle: NOTARY_LAW, articleNo: "第二十五条", note: "可以向住所地、经常居住地、行为地或者事实发生地的公证机构申请。" },
  { lawTitle: NOTARY_LAW, articleNo: "第三十条", note: "材料真实、合法、充分的，公证机构自受理之日起十五个工作日内出具公证书（不含核实等时间）。" },
  { lawTitle: NOTARY_LAW, articleNo: "第三十四条", note: "公证收费，标准由省级价格主管部门会同司法行政部门制定（第四十六条）；经济困难的可申请减免。" },
  ...extra,
];
const inPerson: LawNote = { lawTitle: NOTARY_LAW, articleNo: "第二十六条", note: "遗嘱、生存、收养关系等须本人亲自办理，不能委托他人。" };
const notaryPurpose: Question = {
  key: "usedAbroad",
  type: "yes_no",
  label: "公证书是否在境外使用？（境外使用需译文，可能还需领事认证或附加证明书）",
  isRequired: true,
};

const notarization = (code: string, name: string, checklist: ChecklistItem[], extraNotes: LawNote[] = [], extraQuestions: Question[] = []): Matter => ({
  service: "notarization",
  code,
  name,
  target: { kind: "notary_office" },
  checklist: [id(), ...checklist],
  notes: notaryNotes(extraNotes),
  questions: [notaryPurpose, ...extraQuestions],
});

const NOTARY_MATTERS: Matter[] = [
  notarization("inheritance", "继承", [
    item("death_proof", "被继承人死亡证明（医学死亡证明或注销户口证明）"),
    item("kinship_proof", "全部继承人与被继承人的亲属关系证明"),
    item("estate_proof", "遗产权属证明（房产证、存款凭证等）"),
    item("will", "遗嘱（如有）", false),
  ], [], [{ key: "allHeirsPresent", type: "yes_no", label: "全部法定继承人能否到场或出具意见？", isRequired: true }]),
  notarization("power_of_attorney", "委托书", [item("attorney_id", "受托人身份证明"), item("subject_proof", "委托事项涉及的财产或权利证明", false)]),
  notarization("declaration", "声明书", [item("subject_proof", "声明事项的相关材料", false)]),
  notarization("gift", "赠与", [item("donee_id", "受赠人身份证明"), item("property_proof", "赠与财产的权属证明"), item("spouse_consent", "共有人（配偶）同意赠与的书面意见", false)]),
  notarization("will", "遗嘱", [item("property_proof", "遗嘱涉及财产的权属证明"), item("will_draft", "遗嘱草稿（如有）", false)], [inPerson]),
  notarization("education", "学历、学位", [item("diploma", "毕业证书、学位证书原件")]),
  notarization("birth", "出生", [item("birth_certificate", "出生医学证明或户籍登记材料"), item("parents_id", "父母身份证明")]),
  notarization("kinship", "亲属关系", [item("kinship_proof", "户口簿、档案或派出所出具的亲属关系材料"), item("relative_id", "关系人身份证明")]),
  notarization("no_criminal_record", "无犯罪记录", [item("police_certificate", "公安机关出具的无犯罪记录证明")]),
  notarization("contract", "合同（协议）", [item("contract_text", "合同文本"), item("parties_id", "各方当事人身份证明或营业执照"), item("subject_proof", "合同标的相关证明", false)]),
  notarization("evidence_preservation", "保全证据", [item("evidence_description", "需保全证据的说明（网页、录音、现场、物品等）"), item("interest_proof", "与保全事项有利害关系的说明", false)]),
  notarization("other", "其他公证事项", [item("subject_proof", "需公证事项的证明材料")]),
];

// ——— 司法鉴定 ———
const commissionQuestion: Question = {
  key: "commissionedBy",
  type: "choice",
  label: "由谁委托鉴定？",
  options: [
    { value: "court", label: "人民法院" },
    { value: "procuratorate", label: "人民检察院" },
    { value: "police", label: "公安机关" },
    { value: "party", label: "当事人自行委托（诉讼外）" },
  ],
  isRequired: true,
};
const appraisalNotes: LawNote[] = [
  {
    lawTitle: CIVIL_PROCEDURE,
    articleNo: "第七十九条",
    note: "诉讼中的鉴定，由当事人向人民法院申请，双方协商确定鉴定人，协商不成由法院指定；刑事案件由办案机关委托。当事人自行委托的鉴定可用于诉前了解情况，但在诉讼中可能不被采信。",
  },
];
const appraisal = (code: string, name: string, checklist: ChecklistItem[]): Matter => ({
  service: "forensic_appraisal",
  code,
  name,
  target: { kind: "appraisal_institution" },
  checklist: [id("委托人身份证明"), item("entrustment", "委托书（办案机关委托函或当事人委托书）"), ...checklist],
  notes: appraisalNotes,
  questions: [commissionQuestion],
});
const APPRAISAL_MATTERS: Matter[] = [
  appraisal("clinical_disability", "法医临床（伤残等级、损伤程度）", [item("medical_records", "病历、诊断证明、影像资料原件"), item("case_materials", "事故认定书或案情材料", false)]),
  appraisal("pathology", "法医病理（死亡原因）", [item("death_materials", "死亡情况说明、病历"), item("family_consent", "近亲属同意解剖的书面意见", false)]),
  appraisal("paternity", "法医物证（亲子鉴定）", [item("persons_present", "被鉴定人本人到场（未成年人由监护人陪同）"), item("birth_certificate", "出生医学证明或户口簿")]),
  appraisal("psychiatric", "法医精神病（民事行为能力等）", [item("psychiatric_records", "精神病诊疗病历"), item("guardian_id", "监护人或近亲属身份证明", false)]),
  appraisal("documents", "文书鉴定（笔迹、印章）", [item("questioned_document", "检材原件"), item("samples", "样本（同时期书写或盖印的材料）")]),
  appraisal("traces", "痕迹鉴定", [item("trace_materials", "检材及现场情况说明")]),
  appraisal("audio_visual", "声像资料鉴定", [item("original_media", "原始载体（录音录像设备或存储介质）"), item("samples", "比对样本", false)]),
];

// ——— 仲裁 ———
const LABOUR_ARBITRATION: Matter = {
  service: "arbitration",
  code: "labour",
  name: "劳动人事争议仲裁",
  target: { kind: "arbitration_commission", nameFilter: "labour" },
  checklist: [
    id("申请人身份证明"),
    item("application", "仲裁申请书（写明请求、事实和理由），并按被申请人人数提交副本"),
    item("employer_info", "用人单位名称、地址、法定代表人等信息"),
    item("labour_relation", "劳动关系证明（劳动合同、工资条、工作证、考勤记录等）"),
    item("evidence", "与请求有关的证据", false),
  ],
  notes: [
    { lawTitle: LABOUR_ARBITRATION_LAW, articleNo: "第二十七条", note: "申请仲裁的时效为一年，从知道或者应当知道权利被侵害之日起计算；劳动关系存续期间拖欠报酬的不受此限（离职后一年内提出）。" },
    { lawTitle: LABOUR_ARBITRATION_LAW, articleNo: "第二十一条", note: "由劳动合同履行地或者用人单位所在地的劳动人事争议仲裁委员会管辖。" },
    { lawTitle: LABOUR_ARBITRATION_LAW, articleNo: "第五十三条", note: "劳动争议仲裁不收费。" },
  ],
  questions: [{ key: "rightsInfringedOn", type: "date", label: "您知道权利被侵害的日期（如被辞退、最后一次欠薪的日期）", isRequired: true }],
};
const COMMERCIAL_ARBITRATION: Matter = {
  service: "arbitration",
  code: "commercial",
  name: "民商事仲裁（合同、财产权益纠纷）",
  target: { kind: "arbitration_commission", nameFilter: "not_labour" },
  checklist: [
    id("申请人身份证明或营业执照"),
    item("arbitration_agreement", "书面仲裁协议（合同中的仲裁条款或单独的仲裁协议）"),
    item("application", "仲裁申请书及副本"),
    item("evidence", "证据材料"),
  ],
  notes: [
    { lawTitle: ARBITRATION_LAW, articleNo: "第四条", note: "双方须自愿达成仲裁协议；没有仲裁协议的，仲裁委员会不予受理。" },
    { lawTitle: ARBITRATION_LAW, articleNo: "第十六条", note: "仲裁协议须为书面形式（合同中的仲裁条款或其他书面协议）。" },
    { lawTitle: ARBITRATION_LAW, articleNo: "第六条", note: "仲裁委员会由当事人协议选定，不实行级别管辖和地域管辖：请选择协议中约定的仲裁委员会。" },
    { lawTitle: ARBITRATION_LAW, articleNo: "第二十二条", note: "申请时须递交仲裁协议、仲裁申请书及副本；仲裁按仲裁委员会的收费办法收费。" },
  ],
  questions: [
    { key: "hasArbitrationAgreement", type: "yes_no", label: "是否有书面仲裁协议或合同中的仲裁条款？", isRequired: true },
    { key: "agreedCommission", type: "text", label: "协议约定的仲裁委员会名称", isRequired: false },
  ],
};

// ——— 行政复议 ———
/** Whose act the applicant challenges: that decides which body reconsiders it (Arts. 24, 27, 28). */
export const RESPONDENT_KINDS = ["county_department", "township_government", "county_government", "vertical_agency", "justice_bureau"] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

const RECONSIDERATION: Matter = {
  service: "administrative_reconsideration",
  code: "reconsideration",
  name: "行政复议申请",
  target: null,
  checklist: [
    id("申请人身份证明（法人提供营业执照、法定代表人身份证明）"),
    item("application", "行政复议申请书（书面有困难的可口头申请，当场记录）"),
    item("act_document", "被申请复议的行政行为材料（处罚决定书、通知书等）"),
    item("evidence", "证明行政行为侵犯自身合法权益的材料", false),
    item("agent_proof", "委托代理人的授权委托书（委托时）", false),
  ],
  notes: [
    { lawTitle: RECONSIDERATION_LAW, articleNo: "第二十条", note: "自知道或者应当知道该行政行为之日起六十日内提出（法律规定更长的除外；因不可抗力等正当理由耽误的，自障碍消除之日起继续计算）。" },
    { lawTitle: RECONSIDERATION_LAW, articleNo: "第二十四条", note: "对县级人民政府工作部门或乡镇人民政府的行政行为不服的，由县级人民政府管辖；对县级人民政府的行为不服的，由上一级（市级）人民政府管辖。" },
    { lawTitle: RECONSIDERATION_LAW, articleNo: "第二十七条", note: "对海关、金融、外汇管理等垂直领导的行政机关及税务、国家安全机关的行政行为不服的，向上一级主管部门申请。" },
    { lawTitle: RECONSIDERATION_LAW, articleNo: "第二十二条", note: "可以书面申请，书面申请有困难的也可以口头申请。" },
    { lawTitle: RECONSIDERATION_LAW, articleNo: "第八十七条", note: "行政复议机关受理申请，不收取任何费用。" },
  ],
  questions: [
    { key: "actKnownOn", type: "date", label: "知道该行政行为的日期（收到决定书等的日期）", isRequired: true },
    {
      key: "respondentKind",
      type: "choice",
      label: "作出行政行为的机关",
      options: [
        { value: "county_department", label: "县级政府的工作部门（如县市场监管局、县自然资源局）" },
        { value: "township_government", label: "乡（镇）人民政府" },
        { value: "county_government", label: "县级人民政府" },
        { value: "vertical_agency", label: "海关、金融、外汇、税务、国家安全机关" },
        { value: "justice_bureau", label: "县司法局（履行行政复议机构职责）" },
      ],
      isRequired: true,
    },
    { key: "respondentName", type: "text", label: "作出行政行为的机关名称", isRequired: true },
  ],
};

export const MATTERS: readonly Matter[] = [...NOTARY_MATTERS, ...APPRAISAL_MATTERS, LABOUR_ARBITRATION, COMMERCIAL_ARBITRATION, RECONSIDERATION];

export const findMatter = (service: string, code: string): Matter | undefined => MATTERS.find((m) => m.service === service && m.code === code);
export const mattersOf = (service: PreregistrationService): Matter[] => MATTERS.filter((m) => m.service === service);
export const isPreregistrationService = (value: string): value is PreregistrationService => (PREREGISTRATION_SERVICES as readonly string[]).includes(value);

export type Answers = Record<string, string | boolean>;

/** What the answers tell the applicant before they go: a stop (the provider will refuse) or a warning (a time limit may have run). */
export type Finding = { level: "stop" | "warning" | "info"; code: string; message: string; lawTitle: string; articleNo: string };

/** Where the matter goes: a provider of the target in the region level given (the applicant's, or the one above), or another body named. */
export type RoutingLevel = "applicant" | "parent" | "elsewhere";

export type Assessment = { findings: Finding[]; level: RoutingLevel; problem?: { field: string; message: string } };

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Beijing calendar day of `now`, as yyyy-mm-dd. */
const beijingDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** Whole days from one calendar date to another (both yyyy-mm-dd). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
/** The same calendar day one year later (29 February → 1 March). */
const oneYearAfter = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Checks the answers against the matter's questions and applies its rules:
 * the missing or malformed answer is named (`problem.field` = `answers.<key>`);
 * otherwise the findings and the region level the provider is sought at.
 */
export function assessAnswers(matter: Matter, answers: Answers, now: Date): Assessment {
  for (const q of matter.questions) {
    const value = answers[q.key];
    const field = `answers.${q.key}`;
    if (value === undefined || value === "") {
      if (q.isRequired) return { findings: [], level: "applicant", problem: { field, message: `${q.key} is required for ${matter.code}` } };
      continue;
    }
    if (q.type === "yes_no" && typeof value !== "boolean") return { findings: [], level: "applicant", problem: { field, message: `${q.key} must be true or false` } };
    if (q.type === "date" && (typeof value !== "string" || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      return { findings: [], level: "applicant", problem: { field, message: `${q.key} must be a date (yyyy-mm-dd)` } };
    }
    if (q.type === "date" && daysBetween(value as string, beijingDay(now)) < 0) return { findings: [], level: "applicant", problem: { field, message: `${q.key} cannot be in the future` } };
    if (q.type === "choice" && !q.options.some((o) => o.value === value)) {
      return { findings: [], level: "applicant", problem: { field, message: `${q.key} must be one of ${q.options.map((o) => o.value).join(", ")}` } };
    }
    if ((q.type === "text" || q.type === "choice") && (typeof value !== "string" || value.length > 200)) {
      return { findings: [], level: "applicant", problem: { field, message: `${q.key} must be text of at most 200 characters` } };
    }
  }
  const unknown = Object.keys(answers).find((key) => !matter.questions.some((q) => q.key === key));
  if (unknown) return { findings: [], level: "applicant", problem: { field: `answers.${unknown}`, message: `${unknown} is not a question of ${matter.code}` } };

  const findings: Finding[] = [];
  let level: RoutingLevel = "applicant";
  const today = beijingDay(now);
  if (matter.service === "arbitration" && matter.code === "commercial" && answers.hasArbitrationAgreement === false) {
    findings.push({
      level: "stop",
      code: "no_arbitration_agreement",
      message: "没有书面仲裁协议，仲裁委员会不予受理。可以与对方补签仲裁协议，或者申请人民调解、向人民法院起诉。",
      lawTitle: ARBITRATION_LAW,
      articleNo: "第四条",
    });
  }
  if (matter.service === "arbitration" && matter.code === "labour" && typeof answers.rightsInfringedOn === "string") {
    if (today > oneYearAfter(answers.rightsInfringedOn)) {
      findings.push({
        level: "warning",
        code: "labour_limitation_passed",
        message: "自知道权利被侵害之日起已超过一年仲裁时效；如期间曾向对方主张权利或向有关部门求助，时效中断后重新计算，请带上相关证明。",
        lawTitle: LABOUR_ARBITRATION_LAW,
        articleNo: "第二十七条",
      });
    }
  }
  if (matter.service === "administrative_reconsideration") {
    const known = answers.actKnownOn as string;
    const elapsed = daysBetween(known, today);
    if (elapsed > 60) {
      findings.push({
        level: "warning",
        code: "reconsideration_deadline_passed",
        message: `知道该行政行为已 ${elapsed} 天，超过六十日的申请期限。法律规定更长期限、因不可抗力等正当理由耽误、或行政机关未告知复议权利和期限的除外，请带上相关证明。`,
        lawTitle: RECONSIDERATION_LAW,
        articleNo: "第二十条",
      });
    } else {
      findings.push({ level: "info", code: "reconsideration_days_left", message: `距六十日申请期限届满还有 ${60 - elapsed} 天。`, lawTitle: RECONSIDERATION_LAW, articleNo: "第二十条" });
    }
    const respondent = answers.respondentKind as RespondentKind;
    if (respondent === "county_government") {
      level = "parent";
      findings.push({ level: "info", code: "reconsidered_by_city", message: "对县级人民政府的行政行为不服的，向上一级（市级）人民政府申请行政复议。", lawTitle: RECONSIDERATION_LAW, articleNo: "第二十四条" });
    } else if (respondent === "vertical_agency") {
      level = "elsewhere";
      findings.push({ level: "info", code: "reconsidered_by_superior_department", message: "对海关、金融、外汇管理、税务、国家安全机关的行政行为不服的，向其上一级主管部门申请行政复议；服务中心可协助您确定受理机关。", lawTitle: RECONSIDERATION_LAW, articleNo: "第二十七条" });
    } else if (respondent === "justice_bureau") {
      findings.push({ level: "info", code: "justice_bureau_respondent", message: "对县司法局的行政行为不服的，可以向县级人民政府申请，也可以向上一级司法行政部门申请。", lawTitle: RECONSIDERATION_LAW, articleNo: "第二十八条" });
    } else {
      findings.push({ level: "info", code: "reconsidered_by_county", message: "由县级人民政府管辖，其行政复议机构（县司法局）具体办理。", lawTitle: RECONSIDERATION_LAW, articleNo: "第二十四条" });
    }
  }
  if (matter.service === "forensic_appraisal" && answers.commissionedBy === "party") {
    findings.push({
      level: "warning",
      code: "party_commissioned_appraisal",
      message: "诉讼中的鉴定一般由当事人向人民法院申请、由法院委托；自行委托的鉴定意见可能不被法院采信。已在诉讼中的，请先向承办法院申请鉴定。",
      lawTitle: CIVIL_PROCEDURE,
      articleNo: "第七十九条",
    });
  }
  return { findings, level };
}

/** Checklist keys of a matter, for checking what the applicant or the window ticked. */
export const checklistKeys = (matter: Matter): Set<string> => new Set(matter.checklist.map((i) => i.key));
