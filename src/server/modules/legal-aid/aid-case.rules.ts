/**
 * The rules of the Legal Aid Law (《中华人民共和国法律援助法》, 2021) that the legal aid
 * case workflow applies, each named by its article so the workbench can link it
 * to the law reader. Pure data and arithmetic: no database.
 */
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import { afterPause, dueAt } from "../tickets/deadline-history.ts";

export const LEGAL_AID_LAW = "中华人民共和国法律援助法";

/** A rule the system applies, with the article it comes from. */
export type AidRule = { key: string; lawTitle: string; articleNo: string; explanation: string };

const rule = (key: string, articleNo: string, explanation: string): AidRule => ({ key, lawTitle: LEGAL_AID_LAW, articleNo, explanation });

/** Every rule by key; the case view sends the ones its steps applied, with links. */
export const AID_RULES = {
  application: rule("application", "第四十一条", "因经济困难申请法律援助的，申请人如实说明经济困难状况；核查可以通过信息共享查询或者个人诚信承诺"),
  decision_within_7_days: rule("decision_within_7_days", "第四十三条", "自收到法律援助申请之日起七日内审查，作出是否给予法律援助的决定"),
  refusal_in_writing: rule("refusal_in_writing", "第四十三条", "决定不给予法律援助的，应当书面告知申请人，并说明理由"),
  assignment_within_3_days: rule("assignment_within_3_days", "第四十三条", "决定给予法律援助的，自作出决定之日起三日内指派法律援助人员"),
  materials_one_notice: rule("materials_one_notice", "第四十三条", "申请材料不齐全的，一次性告知需要补充的材料；未按要求补充的，视为撤回申请"),
  hardship_exempt: rule("hardship_exempt", "第四十二条", "特定人员有材料证明的，免予核查经济困难状况"),
  advance_aid: rule("advance_aid", "第四十四条", "法定时效或者期限届满不足七日、需要立即申请保全或者先予执行等情形，可以决定先行提供法律援助，受援人应当及时补办手续、补充材料"),
  lawyer_duty: rule("lawyer_duty", "第四十六条", "法律援助人员接受指派后，无正当理由不得拒绝、拖延或者终止提供法律援助服务，并应当通报办理情况"),
  termination: rule("termination", "第四十八条", "有法定情形之一的，法律援助机构应当作出终止法律援助的决定"),
  objection: rule("objection", "第四十九条", "对不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出"),
  objection_within_5_days: rule("objection_within_5_days", "第四十九条", "司法行政部门自收到异议之日起五日内审查，作出维持或者责令改正的决定"),
  objection_remedy: rule("objection_remedy", "第四十九条", "对司法行政部门维持决定不服的，可以依法申请行政复议或者提起行政诉讼"),
  closing_report: rule("closing_report", "第五十条", "法律援助事项办理结束后，法律援助人员及时报告并提交法律文书副本、办理情况报告等材料"),
  quality: rule("quality", "第五十九条", "综合运用庭审旁听、案卷检查、征询司法机关意见和回访受援人等措施，督促法律援助人员提升服务质量"),
} as const satisfies Record<string, AidRule>;
export type AidRuleKey = keyof typeof AID_RULES;

/** The deadline steps the workflow keeps on the ticket (tickets' ticket_deadlines). */
export const AID_DEADLINE_STEPS = ["aid_decision", "aid_materials", "aid_assignment", "aid_objection"] as const;
export type AidDeadlineStep = (typeof AID_DEADLINE_STEPS)[number];

export type AidDeadlineRule = { step: AidDeadlineStep; amount: number; unit: "working_days"; rule: AidRuleKey };

/**
 * The limits. The law says 日; like the ticket deadlines they count working days
 * on the calendar of the matter's region, from the day after the start.
 */
export const AID_DEADLINES: Record<Exclude<AidDeadlineStep, "aid_materials">, AidDeadlineRule> = {
  // Legal Aid Law Art. 43: decide within 7 days of receiving the application.
  aid_decision: { step: "aid_decision", amount: 7, unit: "working_days", rule: "decision_within_7_days" },
  // Art. 43: assign within 3 days of the decision to grant.
  aid_assignment: { step: "aid_assignment", amount: 3, unit: "working_days", rule: "assignment_within_3_days" },
  // Art. 49: the justice bureau decides an objection within 5 days of receiving it.
  aid_objection: { step: "aid_objection", amount: 5, unit: "working_days", rule: "objection_within_5_days" },
};

/** The period the one-time notice sets for supplying what is missing (Art. 43 leaves it to the center). */
export const MATERIALS_PERIOD = { min: 1, max: 30, default: 5 } as const;

export const aidDueAt = (calendar: WorkingCalendar, amount: number, from: Date): Date => dueAt(calendar, { amount, unit: "working_days" }, from);

/** A paused working-day limit moved on by the working days it spent paused (the same arithmetic as a ticket's suspension). */
export const aidDueAfterPause = (calendar: WorkingCalendar, due: Date, pausedAt: Date, resumedAt: Date): Date => afterPause(calendar, due, "working_days", pausedAt, resumedAt);

/** Art. 44 (1)–(3): when aid may be given before the review is done (先行提供). */
export const ADVANCE_GROUNDS = ["limitation_within_7_days", "urgent_preservation_or_execution", "other_rule"] as const;
export type AdvanceGround = (typeof ADVANCE_GROUNDS)[number];
export const ADVANCE_GROUND_ITEMS: Record<AdvanceGround, string> = {
  limitation_within_7_days: "第四十四条第一款第（一）项",
  urgent_preservation_or_execution: "第四十四条第一款第（二）项",
  other_rule: "第四十四条第一款第（三）项",
};

/** Art. 48 (1)–(8): the grounds on which the center must terminate aid. */
export const TERMINATION_GROUNDS = [
  "obtained_by_deception",
  "concealed_facts_or_false_evidence",
  "used_for_illegal_activity",
  "no_longer_eligible",
  "proceedings_ended_or_revoked",
  "retained_own_lawyer",
  "recipient_request",
  "other_legal_ground",
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];
export const TERMINATION_GROUND_ITEMS: Record<TerminationGround, string> = Object.fromEntries(
  TERMINATION_GROUNDS.map((ground, i) => [ground, `第四十八条第一款第（${"一二三四五六七八"[i]}）项`]),
) as Record<TerminationGround, string>;

/** How the hardship condition was settled at review (Arts. 41, 42; Art. 32 matters need none). */
export const HARDSHIP_CHECKS = ["self_declared", "data_sharing", "exempt", "not_applicable"] as const;
export type HardshipCheck = (typeof HARDSHIP_CHECKS)[number];

export const CLOSING_OUTCOMES = ["won", "partly_won", "lost", "mediated", "settled", "withdrawn_suit", "criminal_defense_done", "other"] as const;
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

export const QUALITY_SCORE = { min: 0, max: 100 } as const;

/**
 * Quality review is sampled (抽查): a closed case is picked when its id falls in
 * the sample, a fixed share decided by the id alone, so the pick cannot be
 * steered and every reader of the case sees the same answer.
 */
export const QUALITY_SAMPLE_PERCENT = 30;
export function isSampledForQuality(caseId: string, percent = QUALITY_SAMPLE_PERCENT): boolean {
  let hash = 2166136261;
  for (const ch of caseId) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash % 100 < percent;
}
