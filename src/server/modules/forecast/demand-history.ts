/**
 * A generated weekly demand history with the seasons a bureau sees, for the
 * forecast's tests and bench (where no real multi-year history is at hand):
 *
 * - wage arrears (劳动争议) rise in the weeks before the Spring Festival, when
 *   migrant workers go home unpaid, and the festival week itself is quiet;
 * - land disputes (山林土地, 房屋宅基地) rise with the autumn harvest
 *   (September–October) and spring ploughing (March–April);
 * - everything else follows a mild year with the festival's lull.
 *
 * Deterministic for a seed (mulberry32), Poisson noise around the expected count.
 */
import { weeksFromSpringFestival } from "./spring-festival.ts";

const WEEK = 7 * 86_400_000;

export type DemandProfile = "wage_arrears" | "land" | "general";

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function poisson(mean: number, next: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(next)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

/** The expected count of one week for a profile around `base`. */
export function expectedDemand(weekStart: Date, profile: DemandProfile, base: number): number {
  const fromFestival = weeksFromSpringFestival(weekStart) ?? 99;
  const month = weekStart.getUTCMonth() + 1;
  let m = 1;
  if (fromFestival === 0) m *= 0.4; // the festival week: offices closed, people at home
  if (profile === "wage_arrears") {
    if (fromFestival >= -4 && fromFestival <= -1) m *= 2.6 - 0.3 * (fromFestival + 4);
    if (fromFestival >= 1 && fromFestival <= 3) m *= 1.3;
  } else if (profile === "land") {
    if (month === 9 || month === 10) m *= 1.9;
    if (month === 3 || month === 4) m *= 1.4;
  } else if (month === 7 || month === 8) m *= 1.1;
  return base * m;
}

/** `weeks` weekly counts ending with the week starting `lastWeekStart` (a Monday), oldest first, with a slow trend. */
export function generateWeeklyDemand(options: { lastWeekStart: Date; weeks: number; profile: DemandProfile; base: number; trendPerYear?: number; seed: number }): { weekStart: Date; count: number }[] {
  const next = seeded(options.seed);
  const trend = options.trendPerYear ?? 0.05;
  return Array.from({ length: options.weeks }, (_, i) => {
    const weekStart = new Date(options.lastWeekStart.getTime() - (options.weeks - 1 - i) * WEEK);
    const growth = 1 + (trend * (i - options.weeks)) / 52;
    return { weekStart, count: poisson(expectedDemand(weekStart, options.profile, options.base * growth), next) };
  });
}
