/**
 * Assigned defence (通知辩护, issue 10 part 3; Legal Aid Law Arts. 25, 26, 28, 36): who may
 * notify the legal aid center, on which ground, the 3-day assignment limit, and what the
 * ground asks of the lawyer from the pool. Pure data and arithmetic, the first piece of
 * part 3: the notice records, routes and the duty lawyer roster (Art. 30) are still to come
 * (docs/legal-aid-pool.md, "Not done yet").
 */
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import { aidDueAt, LEGAL_AID_LAW, type AidRule } from "./aid-case.rules.ts";
import type { PoolNeed } from "./aid-lawyers.rules.ts";

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
