/**
 * The aid lawyer pool's rules (法律援助律师库, issue 10 item 4): the fields a lawyer
 * is approved for, who may be assigned (Art. 26's three years for life-sentence and
 * death-penalty cases), and the fair rotation that suggests the next lawyer.
 * Pure data and arithmetic: no database.
 */
import { LEGAL_AID_LAW, type AidRule } from "./aid-case.rules.ts";

/**
 * The fields a lawyer is approved for. The codes are the directory's specialities
 * (directory-rules.ts) where they mean the same; `tort` and `other` are the pool's
 * own (legal-aid may not import the directory module, see module-boundaries.test.ts).
 */
export const AID_LAWYER_FIELDS = ["marriage_family", "labour", "tort", "contract", "criminal_defence", "administrative", "other"] as const;
export type AidLawyerField = (typeof AID_LAWYER_FIELDS)[number];

export const AID_LAWYER_STATUSES = ["approved", "suspended", "removed"] as const;
export type AidLawyerStatus = (typeof AID_LAWYER_STATUSES)[number];

/** Art. 26: 三年以上相关执业经历. */
export const LIFE_OR_DEATH_MIN_YEARS = 3;

const rule = (key: string, articleNo: string, explanation: string): AidRule => ({ key, lawTitle: LEGAL_AID_LAW, articleNo, explanation });

export const AID_POOL_RULES = {
  life_or_death_experience: rule(
    "life_or_death_experience",
    "第二十六条",
    "对可能被判处无期徒刑、死刑的人，以及死刑复核案件的被告人，应当指派具有三年以上相关执业经历的律师担任辩护人",
  ),
  // The pool's own management under the bureau's supervision and quality review: a suspended or removed lawyer takes no assignment.
  suspended: rule("suspended", "第五十七条", "司法行政部门加强对法律援助服务的监督、定期进行质量考核；被暂停或者移出法律援助律师库的律师不接受指派"),
} as const satisfies Record<string, AidRule>;

/** What the eligibility and the rotation need of a pool lawyer. */
export type PoolCandidate = {
  accountId: string;
  status: AidLawyerStatus;
  fields: readonly AidLawyerField[];
  /** The day they began practising (执业之日), YYYY-MM-DD. */
  practiceSince: string;
  /** Open aid cases (and assigned defences) they carry now. */
  activeCases: number;
  /** When they were last assigned anything, ISO; null when never. */
  lastAssignedAt: string | null;
  /** When they joined the pool, ISO: the last tie-breaker, so the order never depends on chance. */
  approvedAt: string;
};

/** What the matter asks of the lawyer. */
export type PoolNeed = { field?: AidLawyerField | null; isLifeOrDeathCase?: boolean };

/** Full years of practice on `today` (both YYYY-MM-DD, Beijing days). */
export function yearsOfPractice(practiceSince: string, today: string): number {
  const [y1, m1, d1] = practiceSince.split("-").map(Number);
  const [y2, m2, d2] = today.split("-").map(Number);
  const years = y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
  return Math.max(0, years);
}

export type PoolRefusal = { reason: "suspended" | "removed" | "experience"; rule: AidRule; message: string };

/**
 * Why this lawyer may not be assigned to this matter, or null when they may.
 * Art. 26: a defendant who may be sentenced to life imprisonment or death, and a
 * death-penalty review, get a lawyer with three years of related practice: the
 * criminal field and three full years since they began practising.
 */
export function refusalOf(lawyer: Pick<PoolCandidate, "status" | "fields" | "practiceSince">, need: PoolNeed, today: string): PoolRefusal | null {
  if (lawyer.status === "suspended") return { reason: "suspended", rule: AID_POOL_RULES.suspended, message: "The lawyer is suspended from the aid lawyer pool" };
  if (lawyer.status === "removed") return { reason: "removed", rule: AID_POOL_RULES.suspended, message: "The lawyer was removed from the aid lawyer pool" };
  if (need.isLifeOrDeathCase) {
    const years = yearsOfPractice(lawyer.practiceSince, today);
    if (years < LIFE_OR_DEATH_MIN_YEARS || !lawyer.fields.includes("criminal_defence")) {
      return {
        reason: "experience",
        rule: AID_POOL_RULES.life_or_death_experience,
        message: `Legal Aid Law Art. 26 (第二十六条): a case where the defendant may be sentenced to life imprisonment or death needs a lawyer with ${LIFE_OR_DEATH_MIN_YEARS} or more years of criminal practice; this lawyer has ${years}${lawyer.fields.includes("criminal_defence") ? "" : " and is not approved for criminal defence"}`,
      };
    }
  }
  return null;
}

/** Life-or-death matters are criminal defences whatever field was asked. */
const fieldOf = (need: PoolNeed): AidLawyerField | null => (need.isLifeOrDeathCase ? "criminal_defence" : (need.field ?? null));

/**
 * Fair rotation (轮流指派): the eligible lawyers approved for the matter's field, the
 * one carrying the fewest open cases first; among equals, the one assigned least
 * recently (never assigned before anyone), then the earliest approved. Null when
 * nobody fits: the center then picks by hand.
 */
export function rotationOrder<T extends PoolCandidate>(lawyers: readonly T[], need: PoolNeed, today: string): T[] {
  const field = fieldOf(need);
  return lawyers
    .filter((l) => refusalOf(l, need, today) === null && (field === null || l.fields.includes(field)))
    .sort(
      (a, b) =>
        a.activeCases - b.activeCases ||
        (a.lastAssignedAt ?? "").localeCompare(b.lastAssignedAt ?? "") ||
        a.approvedAt.localeCompare(b.approvedAt) ||
        a.accountId.localeCompare(b.accountId),
    );
}

export function suggestNextLawyer<T extends PoolCandidate>(lawyers: readonly T[], need: PoolNeed, today: string): T | null {
  return rotationOrder(lawyers, need, today)[0] ?? null;
}
