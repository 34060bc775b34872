/**
 * Assigned defence (通知辩护, issue 10 part 3; Legal Aid Law Arts. 25, 26, 28, 36): who may
 * notify the legal aid center, on which ground and at which stage, the 3-day assignment
 * limit and how near it is, what the ground asks of the lawyer from the pool, and the duty
 * lawyer roster's vocabulary (值班律师, Art. 30). Pure data and arithmetic: no database.
 */
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import { aidDueAt, LEGAL_AID_LAW, type AidRule } from "./aid-case.rules.ts";
import type { PoolNeed } from "./aid-lawyers.rules.ts";
import { DUE_SOON_MS } from "../tickets/ticket-rules.ts";

/** 人民法院、人民检察院、公安机关. */
export const NOTIFYING_BODIES = ["court", "procuratorate", "police"] as const;
export type NotifyingBody = (typeof NOTIFYING_BODIES)[number];

/**
 * The grounds of a notice: Art. 25 ¶1 (1)–(7), Art. 25 ¶2 (other ordinary-procedure trials,
 * the court may notify), Art. 28 (compulsory medical treatment, the court notifies).
 */
export const DEFENCE_GROUNDS = [
  "minor",
  "sensory_or_speech_disability",
  "not_fully_capable_adult",
  "possible_life_or_death_sentence",
  "death_penalty_review",
  "trial_in_absentia",
  "other_statutory",
  "ordinary_procedure_trial",
  "compulsory_medical_treatment",
] as const;
export type DefenceGround = (typeof DEFENCE_GROUNDS)[number];

const item = (n: number) => `第二十五条第一款第（${"一二三四五六七"[n - 1]}）项`;
export const DEFENCE_GROUND_ARTICLES: Record<DefenceGround, string> = {
  minor: item(1),
  sensory_or_speech_disability: item(2),
  not_fully_capable_adult: item(3),
  possible_life_or_death_sentence: item(4),
  death_penalty_review: item(5),
  trial_in_absentia: item(6),
  other_statutory: item(7),
  ordinary_procedure_trial: "第二十五条第二款",
  compulsory_medical_treatment: "第二十八条",
};

/** Grounds only a court notifies on: a trial (Art. 25 ¶2), a death-penalty review, a trial in absentia, compulsory treatment (Art. 28). */
const COURT_ONLY: readonly DefenceGround[] = ["ordinary_procedure_trial", "death_penalty_review", "trial_in_absentia", "compulsory_medical_treatment"];

const rule = (key: string, articleNo: string, explanation: string): AidRule => ({ key, lawTitle: LEGAL_AID_LAW, articleNo, explanation });
export const DEFENCE_RULES = {
  notice: rule("notice", "第二十五条", "犯罪嫌疑人、被告人属于法定情形之一，没有委托辩护人的，人民法院、人民检察院、公安机关应当通知法律援助机构指派律师担任辩护人"),
  compulsory_treatment: rule("compulsory_treatment", "第二十八条", "强制医疗案件的被申请人或者被告人没有委托诉讼代理人的，人民法院应当通知法律援助机构指派律师"),
  assignment_within_3_days: rule("assignment_within_3_days", "第三十六条", "法律援助机构收到通知后，应当在三日内指派律师并通知人民法院、人民检察院、公安机关"),
  life_or_death_experience: rule("life_or_death_experience", "第二十六条", "对可能被判处无期徒刑、死刑的人，以及死刑复核案件的被告人，应当指派具有三年以上相关执业经历的律师担任辩护人"),
} as const satisfies Record<string, AidRule>;

/** Why this body may not notify on this ground (a 400 naming `ground`), or null. */
export function noticeProblem(body: NotifyingBody, ground: DefenceGround): string | null {
  if (COURT_ONLY.includes(ground) && body !== "court") return `Only a court notifies on the ground ${ground} (${DEFENCE_GROUND_ARTICLES[ground]})`;
  return null;
}

/** Art. 26: these grounds need a criminal lawyer of three years' practice. */
export const isLifeOrDeathGround = (ground: DefenceGround) => ground === "possible_life_or_death_sentence" || ground === "death_penalty_review";

/** What the ground asks of the pool's lawyer: the criminal field, and Art. 26's experience where it applies. */
export const poolNeedOf = (ground: DefenceGround): PoolNeed => ({ field: "criminal_defence", isLifeOrDeathCase: isLifeOrDeathGround(ground) });

/** Art. 36: assign within 3 days of receiving the notice — working days of the region's calendar, like the other legal aid limits. */
export const DEFENCE_ASSIGNMENT_DAYS = 3;
export const defenceAssignmentDueAt = (calendar: WorkingCalendar, receivedAt: Date): Date => aidDueAt(calendar, DEFENCE_ASSIGNMENT_DAYS, receivedAt);

/**
 * The stage of the criminal case when the notice came: investigation (侦查, the police;
 * the procuratorate approving an arrest), review for prosecution (审查起诉), trial (审判),
 * death-penalty review (死刑复核), compulsory medical treatment proceedings (强制医疗).
 */
export const CASE_STAGES = ["investigation", "prosecution_review", "trial", "death_penalty_review", "compulsory_treatment"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Which body handles the case at which stage (Criminal Procedure Law: 公安侦查、检察院审查起诉、法院审判). */
const STAGES_OF_BODY: Record<NotifyingBody, readonly CaseStage[]> = {
  police: ["investigation"],
  procuratorate: ["investigation", "prosecution_review"],
  court: ["trial", "death_penalty_review", "compulsory_treatment"],
};

/** Why this stage does not fit the body or the ground (a 400 naming `caseStage`), or null. */
export function stageProblem(body: NotifyingBody, ground: DefenceGround, stage: CaseStage): string | null {
  if (!STAGES_OF_BODY[body].includes(stage)) return `A ${body} does not notify at the ${stage} stage`;
  if (ground === "death_penalty_review" && stage !== "death_penalty_review") return "A death-penalty review notice is at the death_penalty_review stage";
  if (ground === "compulsory_medical_treatment" && stage !== "compulsory_treatment") return "A compulsory medical treatment notice (第二十八条) is at the compulsory_treatment stage";
  return null;
}

/** The statuses of a notice: received → a lawyer assigned → the notifying body informed (Art. 36: both within the 3 days). */
export const DEFENCE_NOTICE_STATUSES = ["received", "assigned", "body_informed"] as const;
export type DefenceNoticeStatus = (typeof DEFENCE_NOTICE_STATUSES)[number];

/** How Art. 36's limit stands: running (more than a day left), due soon (the last 24 hours), overdue; once the body is informed, met or missed. */
export type DefenceDeadlineState = "running" | "due_soon" | "overdue" | "met" | "missed";

/** Art. 36's limit is kept when the lawyer is assigned and the body informed by the due time. */
export function defenceDeadlineState(notice: { dueAt: Date; bodyInformedAt: Date | null }, now: Date): DefenceDeadlineState {
  if (notice.bodyInformedAt) return notice.bodyInformedAt.getTime() <= notice.dueAt.getTime() ? "met" : "missed";
  if (now.getTime() > notice.dueAt.getTime()) return "overdue";
  return notice.dueAt.getTime() - now.getTime() <= DUE_SOON_MS ? "due_soon" : "running";
}

/** Where duty lawyers sit (法律援助工作站): at a court, a procuratorate, a detention house, a police station, or the center itself. */
export const DUTY_STATION_KINDS = ["court", "procuratorate", "detention_house", "police", "legal_aid_center"] as const;
export type DutyStationKind = (typeof DUTY_STATION_KINDS)[number];

/** A duty day, or half of it. */
export const DUTY_SHIFTS = ["all_day", "morning", "afternoon"] as const;
export type DutyShift = (typeof DUTY_SHIFTS)[number];

export const DUTY_RULES = {
  duty_lawyer: rule("duty_lawyer", "第三十条", "值班律师应当依法为没有辩护人的犯罪嫌疑人、被告人提供法律咨询、程序选择建议、申请变更强制措施、对案件处理提出意见等法律帮助"),
} as const satisfies Record<string, AidRule>;

/** The longest roster range one request reads: a few weeks is what a person plans. */
export const ROSTER_MAX_DAYS = 62;
