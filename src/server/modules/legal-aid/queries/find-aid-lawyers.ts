import { and, count, inArray, notInArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { aidCases } from "../aid-cases.tables.ts";
import { AID_POOL_RULES, LIFE_OR_DEATH_MIN_YEARS, refusalOf, rotationOrder, type PoolNeed, type PoolRefusal } from "../aid-lawyers.rules.ts";
import { beijingToday, findCenterPool, FINISHED_CASE_STATUSES, hasCenterPool } from "./find-aid-lawyer-pool.ts";

export type AidLawyer = {
  id: string;
  displayName: string;
  region: { code: string; name: string };
  activeCases: number;
  /** From the pool (null while the center has no pool yet). */
  fields: string[] | null;
  yearsOfPractice: number | null;
  rating: number | null;
  /** The rotation's next lawyer for this matter (轮流指派). */
  isSuggested: boolean;
  /** Why this lawyer may not take this matter (Art. 26), or null. */
  refusal: string | null;
  /** The same, for the picker to say in the reader's language: the reason and the article it comes from. */
  refusalRule: AidLawyerRefusal | null;
};

export type AidLawyerRefusal = {
  reason: PoolRefusal["reason"];
  rule: { key: string; lawTitle: string; articleNo: string };
  /** Art. 26's years of criminal practice (for `experience`). */
  minYears: number | null;
};

const refusalRuleOf = (refusal: Pick<PoolRefusal, "reason" | "rule"> | null): AidLawyerRefusal | null =>
  refusal
    ? {
        reason: refusal.reason,
        rule: { key: refusal.rule.key, lawTitle: refusal.rule.lawTitle, articleNo: refusal.rule.articleNo },
        minYears: refusal.reason === "experience" ? LIFE_OR_DEATH_MIN_YEARS : null,
      }
    : null;

/**
 * The center's pool of aid lawyers (点援制, the applicant may choose among them) for
 * a matter: the approved lawyers of the center's pool (aid_lawyers), those the
 * matter may go to in rotation order — the first is the suggestion — then the
 * others with why not (Art. 26). Until a center has approved anyone, its pool is
 * the active lawyer accounts of its county, fewest open cases first (what the
 * workflow began with), with no experience on record.
 */
export async function findAidLawyers(tx: Tx, centerRegionPath: string, need: PoolNeed = {}, now: Date = new Date()): Promise<AidLawyer[]> {
  if (await hasCenterPool(tx, centerRegionPath)) {
    const today = beijingToday(now);
    const approved = (await findCenterPool(tx, centerRegionPath, now)).filter((e) => e.status === "approved");
    const order = rotationOrder(approved, need, today);
    const rest = approved.filter((e) => !order.includes(e)).sort((a, b) => a.activeCases - b.activeCases);
    return [...order, ...rest].map((e) => {
      const refusal = refusalOf(e, need, today);
      return {
        id: e.accountId,
        displayName: e.displayName,
        region: e.region,
        activeCases: e.activeCases,
        fields: e.fields,
        yearsOfPractice: e.yearsOfPractice,
        rating: e.rating,
        isSuggested: e === order[0],
        refusal: refusal?.message ?? null,
        refusalRule: refusalRuleOf(refusal),
      };
    });
  }
  const accounts = await findActiveStaffUnder(tx, centerRegionPath, ["lawyer"]);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const [summaries, regions, loads] = [
    await findStaffByIds(tx, ids),
    await findRegionRefs(tx, accounts.map((a) => a.regionCode)),
    await tx
      .select({ lawyerId: aidCases.lawyerId, n: count() })
      .from(aidCases)
      .where(and(inArray(aidCases.lawyerId, ids), notInArray(aidCases.status, [...FINISHED_CASE_STATUSES])))
      .groupBy(aidCases.lawyerId),
  ];
  const loadOf = new Map(loads.map((l) => [l.lawyerId, l.n]));
  return accounts
    .map((a) => ({
      id: a.id,
      displayName: summaries.get(a.id)?.displayName ?? "",
      region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode },
      activeCases: loadOf.get(a.id) ?? 0,
      fields: null,
      yearsOfPractice: null,
      rating: null,
      isSuggested: false,
      refusal: need.isLifeOrDeathCase ? NO_EXPERIENCE_ON_RECORD : null,
      refusalRule: need.isLifeOrDeathCase ? refusalRuleOf({ reason: "experience", rule: AID_POOL_RULES.life_or_death_experience }) : null,
    }))
    .sort((x, y) => x.activeCases - y.activeCases || x.displayName.localeCompare(y.displayName, "zh-CN"));
}

const NO_EXPERIENCE_ON_RECORD = "Legal Aid Law Art. 26 (第二十六条): a case where the defendant may be sentenced to life imprisonment or death needs a lawyer with 3 or more years of criminal practice; the center has no pool with the lawyers' practice on record";

/**
 * The lawyer the center assigns (or the applicant chose, 点援制) checked against the
 * pool: in it, approved, and — for a life-or-death case — experienced enough
 * (Art. 26). A refusal is a 400 on `lawyerId` naming the article.
 */
export async function checkAidLawyerChoice(tx: Tx, centerRegionPath: string, lawyerId: string, need: PoolNeed, now: Date): Promise<{ id: string; displayName: string }> {
  if (await hasCenterPool(tx, centerRegionPath)) {
    const entry = (await findCenterPool(tx, centerRegionPath, now)).find((e) => e.accountId === lawyerId);
    if (!entry) throw new AppError("VALIDATION_FAILED", "That lawyer is not in the center's pool of aid lawyers", { field: "lawyerId" });
    const refusal = refusalOf(entry, need, beijingToday(now));
    if (refusal) {
      const rule = refusal.rule;
      throw new AppError("VALIDATION_FAILED", refusal.reason === "experience" ? refusal.message : `${refusal.message} (${rule.lawTitle} ${rule.articleNo})`, {
        field: "lawyerId",
        extra: { reason: refusal.reason, rule: { key: rule.key, lawTitle: rule.lawTitle, articleNo: rule.articleNo } },
      });
    }
    return { id: entry.accountId, displayName: entry.displayName };
  }
  const lawyer = (await findAidLawyers(tx, centerRegionPath, {}, now)).find((l) => l.id === lawyerId);
  if (!lawyer) throw new AppError("VALIDATION_FAILED", "That lawyer is not in the center's pool of aid lawyers", { field: "lawyerId" });
  if (need.isLifeOrDeathCase) {
    const rule = AID_POOL_RULES.life_or_death_experience;
    throw new AppError("VALIDATION_FAILED", NO_EXPERIENCE_ON_RECORD, { field: "lawyerId", extra: { reason: "experience", rule: { key: rule.key, lawTitle: rule.lawTitle, articleNo: rule.articleNo } } });
  }
  return lawyer;
}
