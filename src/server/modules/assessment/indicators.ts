/**
 * 考核指标: the catalogue of measures the code can compute, the indicators a bureau
 * builds on them, the shipped default set and the pure scoring function.
 * No database here: scores are computed from measures already loaded.
 */
import type { FieldProblem } from "../../platform/errors.ts";

/** The five dimensions of a venue's assessment (考核维度). */
export const DIMENSIONS = ["infrastructure", "staffing", "business", "timeliness", "satisfaction"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Who an assessment scores: a venue (its unit's tickets, its facilities) or a staff member (their own tickets). */
export type Subject = "venue" | "staff";

/**
 * The measures the code knows how to compute, each read from live data for a period
 * (docs/assessment.md, "Measures"). `subjects` says whom the measure applies to;
 * an indicator on a measure that does not apply to a subject is left out of that subject's total.
 */
export const MEASURES = {
  /** Share (0–100) of the required facilities and settings a venue has: opening hours set, street-facing ground floor, touch kiosk, display screen, remote video. */
  facilities: { unit: "percent", subjects: ["venue"] },
  /** Staff holding a post at the venue (venue_post_holders). */
  staff_count: { unit: "count", subjects: ["venue"] },
  /** Tickets resolved in the period (by the venue's unit, or by the staff member as assignee). */
  tickets_handled: { unit: "count", subjects: ["venue", "staff"] },
  /** Share (0–100) of the tickets resolved in the period that never passed a deadline. */
  on_time_share: { unit: "percent", subjects: ["venue", "staff"] },
  /** Mean satisfaction rating (1–5; the four aspects averaged) of the tickets resolved in the period. */
  average_rating: { unit: "score5", subjects: ["venue", "staff"] },
  /** Share (0–100) of the tickets resolved in the period with a completed follow-up (回访). */
  follow_up_share: { unit: "percent", subjects: ["venue", "staff"] },
  /** Share (0–100) of the tickets resolved in the period that were sent back at least once (退回率). */
  bounce_share: { unit: "percent", subjects: ["venue", "staff"] },
  /** 第三方评估: the external evaluation's score (0–100) entered for the venue and period. */
  external_score: { unit: "score100", subjects: ["venue"] },
} as const satisfies Record<string, { unit: string; subjects: readonly Subject[] }>;
export type MeasureKey = keyof typeof MEASURES;
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

export type Direction = "higher" | "lower";

/** One indicator of a set. `target` is the value that earns 100 points. */
export type Indicator = {
  key: string;
  name: string;
  dimension: Dimension;
  weight: number;
  target: number;
  direction: Direction;
  measure: MeasureKey;
};

/** The shipped default set: weights sum to 100. Bureaus copy it to their region and adjust. */
export const DEFAULT_INDICATORS: Indicator[] = [
  { key: "facilities", name: "场所设施达标", dimension: "infrastructure", weight: 15, target: 100, direction: "higher", measure: "facilities" },
  { key: "staffing", name: "人员配备", dimension: "staffing", weight: 10, target: 3, direction: "higher", measure: "staff_count" },
  { key: "volume", name: "办件量", dimension: "business", weight: 20, target: 30, direction: "higher", measure: "tickets_handled" },
  { key: "on_time", name: "按时办结率", dimension: "timeliness", weight: 20, target: 95, direction: "higher", measure: "on_time_share" },
  { key: "bounce", name: "退回率", dimension: "timeliness", weight: 5, target: 5, direction: "lower", measure: "bounce_share" },
  { key: "rating", name: "群众满意度", dimension: "satisfaction", weight: 15, target: 4.5, direction: "higher", measure: "average_rating" },
  { key: "follow_up", name: "回访率", dimension: "satisfaction", weight: 5, target: 90, direction: "higher", measure: "follow_up_share" },
  { key: "external", name: "第三方评估", dimension: "satisfaction", weight: 10, target: 90, direction: "higher", measure: "external_score" },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One indicator's score, 0–100, from its measure's raw value:
 * - higher is better: 100 × raw / target, capped at 100;
 * - lower is better: 100 at or below the target, falling linearly to 0 at twice the target.
 * null when the measure has no value for the period (no tickets, no ratings, no external evaluation).
 */
export function indicatorScore(indicator: Pick<Indicator, "target" | "direction">, raw: number | null): number | null {
  if (raw === null || !Number.isFinite(raw)) return null;
  const { target } = indicator;
  const score = indicator.direction === "higher" ? (100 * raw) / target : raw <= target ? 100 : 100 * (2 - raw / target);
  return round1(Math.min(100, Math.max(0, score)));
}

export type IndicatorResult = { key: string; raw: number | null; score: number | null; weight: number };
export type ScoreResult = { total: number | null; indicators: IndicatorResult[] };

/**
 * The weighted total of a subject's indicators: Σ weight × score / Σ weight, over the
 * indicators that apply to the subject and have a value (the others' weight is not
 * counted, so a venue without ratings yet is judged on what there is). null when none has a value.
 */
export function scoreSubject(indicators: readonly Indicator[], subject: Subject, measures: Partial<Record<MeasureKey, number | null>>): ScoreResult {
  const applicable = indicators.filter((i) => (MEASURES[i.measure].subjects as readonly Subject[]).includes(subject));
  const results = applicable.map((i) => {
    const raw = measures[i.measure] ?? null;
    return { key: i.key, raw, score: indicatorScore(i, raw), weight: i.weight };
  });
  const counted = results.filter((r) => r.score !== null && r.weight > 0);
  const weights = counted.reduce((sum, r) => sum + r.weight, 0);
  const total = weights === 0 ? null : round1(counted.reduce((sum, r) => sum + r.weight * r.score!, 0) / weights);
  return { total, indicators: results };
}

/**
 * What is wrong with an indicator set, each naming its field (indicators[2].weight):
 * unique keys, a known measure and dimension, targets above zero, weights summing to 100.
 */
export function checkIndicatorSet(indicators: readonly Indicator[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (indicators.length === 0) problems.push({ field: "indicators", message: "An indicator set needs at least one indicator" });
  const seen = new Set<string>();
  indicators.forEach((i, n) => {
    const at = `indicators[${n}]`;
    if (seen.has(i.key)) problems.push({ field: `${at}.key`, message: `Indicator key ${i.key} is used twice` });
    seen.add(i.key);
    if (!MEASURE_KEYS.includes(i.measure)) problems.push({ field: `${at}.measure`, message: `Unknown measure ${i.measure}` });
    if (!DIMENSIONS.includes(i.dimension)) problems.push({ field: `${at}.dimension`, message: `Unknown dimension ${i.dimension}` });
    if (!(i.target > 0)) problems.push({ field: `${at}.target`, message: "The target must be above zero" });
    if (!(i.weight >= 0)) problems.push({ field: `${at}.weight`, message: "The weight must not be negative" });
  });
  const sum = indicators.reduce((s, i) => s + i.weight, 0);
  if (indicators.length > 0 && Math.abs(sum - 100) > 1e-6) problems.push({ field: "indicators", message: `The weights sum to ${sum}, not 100` });
  return problems;
}
