/**
 * The rules of the People's Mediation Law (《中华人民共和国人民调解法》, 2010) that the
 * mediation workflow applies, each named by its article so the workbench links it
 * to the law reader. Pure data and arithmetic: no database.
 */
import { beijingDate, endOfBeijingDay } from "../calendar/working-calendar.ts";

export const MEDIATION_LAW = "中华人民共和国人民调解法";

/** A rule the system applies, with the article it comes from. */
export type MediationRule = { key: string; lawTitle: string; articleNo: string; explanation: string };

const rule = (key: string, articleNo: string, explanation: string): MediationRule => ({ key, lawTitle: MEDIATION_LAW, articleNo, explanation });

export const MEDIATION_RULES = {
  free_of_charge: rule("free_of_charge", "第四条", "人民调解委员会调解民间纠纷，不收取任何费用"),
  committees: rule("committees", "第八条", "村民委员会、居民委员会设立人民调解委员会；企业事业单位根据需要设立人民调解委员会"),
  other_committees: rule("other_committees", "第三十四条", "乡镇、街道以及社会团体或者其他组织根据需要可以参照本法设立人民调解委员会"),
  application: rule("application", "第十七条", "当事人可以向人民调解委员会申请调解，人民调解委员会也可以主动调解；当事人一方明确拒绝调解的，不得调解"),
  referral_in: rule("referral_in", "第十八条", "基层人民法院、公安机关对适宜通过人民调解方式解决的纠纷，可以在受理前告知当事人向人民调解委员会申请调解"),
  mediator_choice: rule("mediator_choice", "第十九条", "人民调解委员会可以指定一名或者数名人民调解员进行调解，也可以由当事人选择一名或者数名人民调解员进行调解"),
  invitees: rule("invitees", "第二十条", "在征得当事人的同意后，可以邀请当事人的亲属、邻里、同事或者具有专门知识、特定经验的人员参与调解"),
  mediation_method: rule("mediation_method", "第二十二条", "充分听取当事人的陈述，讲解有关法律、法规和国家政策，帮助当事人自愿达成调解协议"),
  party_rights: rule("party_rights", "第二十三条", "当事人享有选择或者接受人民调解员，接受调解、拒绝调解或者要求终止调解等权利"),
  escalation: rule("escalation", "第二十五条", "发现纠纷有可能激化的，应当采取有针对性的预防措施；可能引起治安案件、刑事案件的，及时向当地公安机关或者其他有关部门报告"),
  failure_guidance: rule("failure_guidance", "第二十六条", "调解不成的，应当终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"),
  records: rule("records", "第二十七条", "人民调解员应当记录调解情况；人民调解委员会应当建立调解工作档案，将调解登记、调解工作记录、调解协议书等材料立卷归档"),
  agreement_form: rule("agreement_form", "第二十八条", "达成调解协议的，可以制作调解协议书；当事人认为无需制作的，可以采取口头协议方式，人民调解员应当记录协议内容"),
  agreement_contents: rule("agreement_contents", "第二十九条", "调解协议书载明当事人的基本情况，纠纷的主要事实、争议事项以及各方当事人的责任，达成协议的内容、履行的方式和期限；自各方签名、盖章或者按指印，人民调解员签名并加盖调解委员会印章之日起生效"),
  oral_effect: rule("oral_effect", "第三十条", "口头调解协议自各方当事人达成协议之日起生效"),
  performance: rule("performance", "第三十一条", "调解协议具有法律约束力，当事人应当按照约定履行；人民调解委员会应当对调解协议的履行情况进行监督，督促当事人履行约定的义务"),
  performance_dispute: rule("performance_dispute", "第三十二条", "当事人之间就调解协议的履行或者内容发生争议的，一方当事人可以向人民法院提起诉讼"),
  judicial_confirmation: rule("judicial_confirmation", "第三十三条", "双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认"),
} as const satisfies Record<string, MediationRule>;
export type MediationRuleKey = keyof typeof MEDIATION_RULES;

/** The one statutory limit of the workflow, kept on the ticket's deadlines. */
export const MEDIATION_DEADLINE_STEPS = ["mediation_confirmation"] as const;
export type MediationDeadlineStep = (typeof MEDIATION_DEADLINE_STEPS)[number];

/** Art. 33: 30 days from the agreement taking effect. */
export const CONFIRMATION_DAYS = 30;

/**
 * When the 30 days of Art. 33 start and end. The law counts 日 (calendar days,
 * not working days): the day the agreement takes effect is not counted, so the
 * period starts at the end of that Beijing day and ends 30 × 24 hours later, at
 * the end of the 30th day. Kept on the ticket as an `hours` limit so the
 * deadline engine's own arithmetic (start + amount) gives the same instant.
 */
export function confirmationPeriod(effectiveAt: Date): { startedAt: Date; amountHours: number; dueAt: Date } {
  const startedAt = endOfBeijingDay(beijingDate(effectiveAt));
  const amountHours = CONFIRMATION_DAYS * 24;
  return { startedAt, amountHours, dueAt: new Date(startedAt.getTime() + amountHours * 3_600_000) };
}

/** Committees (Arts. 8, 34): a village's (村/居委会), a township's (乡镇/街道), or an industry committee (行业性、专业性). */
export const COMMITTEE_KINDS = ["village", "township", "industry"] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];
/** The region level a committee of each kind sits at (an industry committee at a county or above). */
export const COMMITTEE_LEVELS: Record<CommitteeKind, readonly string[]> = {
  village: ["village"],
  township: ["township"],
  industry: ["county", "city", "province"],
};

/** Why the committee does not take the case (Art. 17). */
export const DECLINE_GROUNDS = ["party_refused", "not_competent", "not_civil_dispute"] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

/** The ways a failed mediation points the parties to (Art. 26: 仲裁、行政、司法). */
export const FAILURE_GUIDANCE = ["litigation", "arbitration", "labor_arbitration", "administrative"] as const;
export type FailureGuidance = (typeof FAILURE_GUIDANCE)[number];

/** How the agreement is being performed (Art. 31 follow-up, 回访). */
export const PERFORMANCE_STATES = ["performed", "partly_performed", "not_performed"] as const;
export type PerformanceState = (typeof PERFORMANCE_STATES)[number];

/** Referral partners (诉调、公调、访调对接; outgoing also to arbitration bodies). */
export const PARTNER_KINDS = ["court", "police", "petition", "procuratorate", "arbitration", "labor_arbitration", "other"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
