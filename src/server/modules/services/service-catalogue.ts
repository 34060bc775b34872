/**
 * The service catalogue: what a bureau offers and the words it files requests
 * under. Every other module (venues' windows, accounts' skills, tickets, dispatch)
 * takes these lists from here. Pure data: the web app imports it too.
 */
export const SERVICE_TYPES = [
  "consultation",
  "legal_aid",
  "mediation",
  "notarization",
  "forensic_appraisal",
  "arbitration",
  "administrative_reconsideration",
  "lawyer_referral",
  "complaint",
  "suggestion",
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** 纠纷类别. */
export const DISPUTE_CATEGORIES = [
  "婚姻家庭", "邻里", "房屋宅基地", "合同", "劳动争议", "损害赔偿", "山林土地", "征地拆迁",
  "医疗", "交通事故", "物业", "消费", "借贷", "其他",
] as const;

/** Languages a request can be served in: Mandarin, Tibetan, English. */
export const LANGUAGES = ["zh", "bo", "en"] as const;

export type DeadlineRule = { step: string; amount: number; unit: "hours" | "working_days" };
export type ChecklistItem = { key: string; name: string; isRequired: boolean };

/**
 * Default time limits (限时办结) per service type, editable per deployment.
 * `accept`: a request is accepted or refused within one working day (首问责任制).
 * `resolve`: the service's own limit, counted from intake.
 */
export const DEFAULT_DEADLINES: Record<ServiceType, DeadlineRule[]> = {
  consultation: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 3, unit: "working_days" }],
  // Legal Aid Law art. 43: the legal aid body decides within 7 days of receiving the application.
  legal_aid: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 7, unit: "working_days" }],
  // People's Mediation: a dispute is generally mediated to a close within 30 days.
  mediation: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 720, unit: "hours" }],
  notarization: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }],
  forensic_appraisal: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }],
  arbitration: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }],
  administrative_reconsideration: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }],
  lawyer_referral: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 3, unit: "working_days" }],
  complaint: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 15, unit: "working_days" }],
  suggestion: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 15, unit: "working_days" }],
};

/** 一次性告知: default material checklists. */
export const DEFAULT_CHECKLISTS: Partial<Record<ServiceType, ChecklistItem[]>> = {
  legal_aid: [
    { key: "id_card", name: "申请人身份证明", isRequired: true },
    // Legal Aid Law art. 41: a self-declaration (or a data-sharing check), never a certificate;
    // art. 42: the exempt groups show only that they belong to the group (migration 0026 updates saved lists).
    { key: "hardship_declaration", name: "经济困难状况个人诚信承诺（当场填写即可，无需开具证明）", isRequired: false },
    { key: "exemption_proof", name: "免予核查经济困难人员的身份材料（如低保证、特困供养证、残疾证；法律援助法第四十二条）", isRequired: false },
    { key: "case_materials", name: "与所申请法律援助事项有关的材料", isRequired: true },
    { key: "agent_proof", name: "代理人身份及代理权限证明（代为申请时）", isRequired: false },
  ],
  mediation: [
    { key: "id_card", name: "当事人身份证明", isRequired: true },
    { key: "dispute_facts", name: "纠纷事实及相关证据材料", isRequired: false },
    { key: "counterparty_contact", name: "对方当事人联系方式", isRequired: false },
  ],
  notarization: [
    { key: "id_card", name: "申请人身份证明", isRequired: true },
    { key: "notary_materials", name: "需公证事项的证明材料", isRequired: true },
  ],
  forensic_appraisal: [
    { key: "id_card", name: "委托人身份证明", isRequired: true },
    { key: "entrustment", name: "委托书或办案机关委托材料", isRequired: true },
  ],
  arbitration: [
    { key: "id_card", name: "申请人身份证明", isRequired: true },
    { key: "arbitration_agreement", name: "仲裁协议或劳动关系证明", isRequired: true },
  ],
  administrative_reconsideration: [
    { key: "id_card", name: "申请人身份证明", isRequired: true },
    { key: "decision", name: "被申请复议的行政行为材料", isRequired: true },
  ],
};
