// Forecast bench: how well the weekly demand forecast (modules/forecast) does on
// held-back weeks, against seasonal naive (the same week a year earlier), over
// generated four-year histories with the seasons a bureau sees (the Spring
// Festival's wage arrears, the harvest's land disputes; demand-history.ts):
// three profiles × four sizes × the last 12 weeks held back at several points of
// the year (around the festival, the harvest, spring, late autumn) × seeds.
//
//   npm run bench -- forecast [--seeds 5] [--holdout 12]
//
// Prints, last, {"bench":"forecast","series":…,"mape":…,"mapeWithoutFestival":…,
// "baselineMape":…,"coverage80":…,"coverage95":…,"fitP95Ms":…} (MAPE over weeks
// with demand; coverage: the share of held-back weeks inside the interval).
import { backtestWeekly, forecastWeekly } from "../src/server/modules/forecast/forecast-model.ts";
import { generateWeeklyDemand, type DemandProfile } from "../src/server/modules/forecast/demand-history.ts";
import { logger, numberArg, percentile, round } from "./_bench-database.ts";

const log = logger("forecast");
const SEEDS = Math.floor(numberArg("seeds", 5));
const HOLDOUT = Math.floor(numberArg("holdout", 12));
const PROFILES: DemandProfile[] = ["wage_arrears", "land", "general"];
const SIZES = [5, 20, 60, 200];
// The last week held back: just after the 2026 festival (17 Feb), after the harvest, in spring, in late autumn.
const ENDS = ["2026-02-23", "2025-10-27", "2025-04-28", "2026-11-23"];

const sums = { mape: 0, plain: 0, baseline: 0, n: 0, inside80: 0, inside95: 0, weeks: 0 };
const byProfile: Record<string, { mape: number; baseline: number; n: number }> = {};
const fitMs: number[] = [];
for (const profile of PROFILES) {
  for (const base of SIZES) {
    for (const end of ENDS) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const history = generateWeeklyDemand({ lastWeekStart: new Date(`${end}T00:00:00Z`), weeks: 4 * 52, profile, base, seed: seed * 1000 + base });
        const counts = history.map((w) => w.count);
        const result = backtestWeekly(counts, HOLDOUT, history[0].weekStart);
        const plain = backtestWeekly(counts, HOLDOUT);
        if (!result || result.mape === null || result.baselineMape === null || !plain?.mape) continue;
        const started = performance.now();
        const forecast = forecastWeekly(counts.slice(0, -HOLDOUT), HOLDOUT, history[0].weekStart);
        fitMs.push(performance.now() - started);
        const actual = counts.slice(-HOLDOUT);
        actual.forEach((a, h) => {
          sums.weeks++;
          if (a >= forecast.lower80[h] && a <= forecast.upper80[h]) sums.inside80++;
          if (a >= forecast.lower95[h] && a <= forecast.upper95[h]) sums.inside95++;
        });
        sums.mape += result.mape;
        sums.plain += plain.mape;
        sums.baseline += result.baselineMape;
        sums.n++;
        const p = (byProfile[profile] ??= { mape: 0, baseline: 0, n: 0 });
        p.mape += result.mape;
        p.baseline += result.baselineMape;
        p.n++;
      }
    }
    log(`${profile} ${base}/week: ${sums.n} series so far`);
  }
}
for (const [profile, p] of Object.entries(byProfile)) log(`${profile}: MAPE ${round(p.mape / p.n, 3)} against seasonal naive ${round(p.baseline / p.n, 3)}`);
console.log(
  JSON.stringify({
    bench: "forecast",
    series: sums.n,
    holdoutWeeks: HOLDOUT,
    mape: round(sums.mape / sums.n, 3),
    mapeWithoutFestival: round(sums.plain / sums.n, 3),
    baselineMape: round(sums.baseline / sums.n, 3),
    coverage80: round(sums.inside80 / sums.weeks, 3),
    coverage95: round(sums.inside95 / sums.weeks, 3),
    fitP95Ms: round(percentile(fitMs, 95), 1),
  }),
);
