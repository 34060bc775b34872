import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { initSync as initMstl, MSTL } from "@bsull/augurs/mstl";
import { initSync as initEts, AutoETS } from "@bsull/augurs/ets";
import { weeksFromSpringFestival } from "./spring-festival.ts";

/**
 * Weekly demand forecasts (需求预测) with prediction intervals, by augurs
 * (Grafana's time-series library, Rust compiled to WebAssembly): MSTL splits
 * off the yearly season (52 weeks) and AutoETS forecasts what remains. With
 * less than two years of history there is no season to learn, and AutoETS
 * alone forecasts the level and trend.
 *
 * Seasonal naive (this week = the same week a year ago) is the baseline the
 * backtest measures the model against: a forecast that cannot beat it is not
 * worth showing.
 */

export const SEASON_WEEKS = 52;

export type WeeklyForecast = {
  /** What produced it: "mstl-ets" (yearly season + trend) or "ets" (too little history for a season). */
  model: "mstl-ets" | "ets";
  point: number[];
  /** 80% and 95% prediction intervals, never below zero (counts). */
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
};

let loaded = false;
/** The WebAssembly modules, compiled once per process on first use. */
function loadAugurs(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  // The package exports only its JavaScript; each .wasm sits beside its .js.
  const dir = dirname(require.resolve("@bsull/augurs/mstl"));
  initMstl({ module: readFileSync(join(dir, "mstl_bg.wasm")) });
  initEts({ module: readFileSync(join(dir, "ets_bg.wasm")) });
  loaded = true;
}

const WEEK_MS = 7 * 86_400_000;

/** The weeks around the Spring Festival whose demand it moves (wage arrears before it, the lull of the festival week). */
export const FESTIVAL_WEEKS = { from: -5, to: 3 } as const;
/** Weeks either side of the festival's window that give a year's ordinary level. */
const REFERENCE_WEEKS = 5;

/**
 * The Spring Festival's effect on demand, per week from the festival (−5 … +3),
 * as the mean ratio, over the years of the history, of that week's demand to the
 * level of the ordinary weeks around the window. The festival moves by up to
 * four weeks from one year to the next, so a 52-week season smears it: the
 * model sees the demand with this effect divided out and the forecast gets it
 * back for the weeks it falls on. 1 everywhere when no full festival is in the history.
 */
export function festivalEffect(history: readonly number[], firstWeekStart: Date): Map<number, number> {
  const offsetOf = (i: number) => weeksFromSpringFestival(new Date(firstWeekStart.getTime() + i * WEEK_MS));
  const ratios = new Map<number, number[]>();
  history.forEach((_, i) => {
    if (offsetOf(i) !== 0) return;
    const start = i + FESTIVAL_WEEKS.from;
    const end = i + FESTIVAL_WEEKS.to;
    if (start - REFERENCE_WEEKS < 0 || end + REFERENCE_WEEKS >= history.length) return;
    const reference = [...history.slice(start - REFERENCE_WEEKS, start), ...history.slice(end + 1, end + 1 + REFERENCE_WEEKS)];
    const level = reference.reduce((a, b) => a + b, 0) / reference.length;
    if (level <= 0) return;
    for (let k = FESTIVAL_WEEKS.from; k <= FESTIVAL_WEEKS.to; k++) ratios.set(k, [...(ratios.get(k) ?? []), history[i + k] / level]);
  });
  return new Map([...ratios].map(([k, list]) => [k, Math.min(5, Math.max(0.2, list.reduce((a, b) => a + b, 0) / list.length))]));
}

/**
 * Forecasts `horizon` weeks after `history` (weekly counts, oldest first). With
 * `firstWeekStart` (the Monday of the history's first week) the Spring
 * Festival's moving effect is modelled apart (festivalEffect).
 */
export function forecastWeekly(history: readonly number[], horizon: number, firstWeekStart?: Date): WeeklyForecast {
  const forecast = uncalibrated(history, horizon, firstWeekStart);
  // The model's own intervals count only the noise of what remains after the season, and come out too narrow
  // (in the bench, 62% of weeks inside the 80% interval): widen them by what the same model missed on the
  // history's own last weeks, and never narrower than a count's Poisson spread.
  const inner = Math.min(horizon, 13);
  if (history.length < inner + 2 * SEASON_WEEKS) return withPoissonFloor(forecast);
  const check = uncalibrated(history.slice(0, -inner), inner, firstWeekStart);
  const actual = history.slice(-inner);
  const ratios = (upper: number[]) => actual.map((a, h) => Math.abs(a - check.point[h]) / Math.max(upper[h] - check.point[h], 1e-9)).sort((x, y) => x - y);
  const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const widen80 = Math.max(1, quantile(ratios(check.upper80), 0.8));
  const widen95 = Math.max(1, quantile(ratios(check.upper95), 0.95));
  const widen = (bound: number[], factor: number) => bound.map((b, h) => Math.max(0, forecast.point[h] + (b - forecast.point[h]) * factor));
  return withPoissonFloor({
    ...forecast,
    lower80: widen(forecast.lower80, widen80),
    upper80: widen(forecast.upper80, widen80),
    lower95: widen(forecast.lower95, widen95),
    upper95: widen(forecast.upper95, widen95),
  });
}

/** Intervals at least as wide as a Poisson count's around the point forecast. */
function withPoissonFloor(f: WeeklyForecast): WeeklyForecast {
  const floor = (bound: number[], z: number) => bound.map((b, h) => (z < 0 ? Math.max(0, Math.min(b, f.point[h] + z * Math.sqrt(f.point[h]))) : Math.max(b, f.point[h] + z * Math.sqrt(f.point[h]))));
  return { ...f, lower80: floor(f.lower80, -1.2816), upper80: floor(f.upper80, 1.2816), lower95: floor(f.lower95, -1.96), upper95: floor(f.upper95, 1.96) };
}

function uncalibrated(history: readonly number[], horizon: number, firstWeekStart?: Date): WeeklyForecast {
  if (horizon < 1) throw new RangeError("horizon must be at least 1");
  if (history.length < 4 || history.every((v) => v === 0)) return flat(history, horizon);
  const effect = firstWeekStart ? festivalEffect(history, firstWeekStart) : new Map<number, number>();
  const factor = (i: number) => (firstWeekStart && effect.size ? (effect.get(weeksFromSpringFestival(new Date(firstWeekStart.getTime() + i * WEEK_MS)) ?? 99) ?? 1) : 1);
  const forecast = modelWeekly(history.map((v, i) => v / factor(i)), horizon);
  if (!effect.size) return forecast;
  const back = (values: number[]) => values.map((v, h) => v * factor(history.length + h));
  return { ...forecast, point: back(forecast.point), lower80: back(forecast.lower80), upper80: back(forecast.upper80), lower95: back(forecast.lower95), upper95: back(forecast.upper95) };
}

function modelWeekly(history: readonly number[], horizon: number): WeeklyForecast {
  loadAugurs();
  const seasonal = history.length >= 2 * SEASON_WEEKS;
  const y = Float64Array.from(history);
  const model = seasonal ? MSTL.ets([SEASON_WEEKS]) : new AutoETS(1, "ZZN");
  try {
    model.fit(y);
    const at80 = model.predict(horizon, 0.8);
    const at95 = model.predict(horizon, 0.95);
    const clamp = (values: number[] | undefined) => (values ?? at80.point).map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
    return {
      model: seasonal ? "mstl-ets" : "ets",
      point: clamp(at80.point),
      lower80: clamp(at80.intervals?.lower),
      upper80: clamp(at80.intervals?.upper),
      lower95: clamp(at95.intervals?.lower),
      upper95: clamp(at95.intervals?.upper),
    };
  } finally {
    model.free();
  }
}

/** Too little or no demand to model: the recent mean, with an interval from Poisson's spread. */
function flat(history: readonly number[], horizon: number): WeeklyForecast {
  const recent = history.slice(-8);
  const mean = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : 0;
  const sd = Math.sqrt(mean);
  const repeat = (v: number) => Array.from({ length: horizon }, () => Math.max(0, v));
  return { model: "ets", point: repeat(mean), lower80: repeat(mean - 1.2816 * sd), upper80: repeat(mean + 1.2816 * sd), lower95: repeat(mean - 1.96 * sd), upper95: repeat(mean + 1.96 * sd) };
}

/** The same week a year earlier (or, with less than a year, the last week), for each week ahead. */
export function seasonalNaive(history: readonly number[], horizon: number): number[] {
  return Array.from({ length: horizon }, (_, h) => {
    const i = history.length + h - SEASON_WEEKS;
    return i >= 0 && i < history.length ? history[i] : (history.at(-1) ?? 0);
  });
}

/**
 * Mean absolute percentage error over the weeks whose actual is above zero
 * (a week without demand has no percentage); null when there is none.
 */
export function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    if (a > 0) {
      sum += Math.abs(a - predicted[i]) / a;
      n++;
    }
  });
  return n ? sum / n : null;
}

export type Backtest = {
  /** Weeks held back from the end of the history and forecast from what came before. */
  holdoutWeeks: number;
  model: WeeklyForecast["model"];
  mape: number | null;
  baselineMape: number | null;
  /** Share of held-back weeks inside the model's 80% interval. */
  coverage80: number | null;
};

/**
 * Holds back the last `holdoutWeeks` of the history, forecasts them from the
 * rest with the model and with seasonal naive, and compares both with what
 * happened. Null when the history is too short to hold anything back.
 */
export function backtestWeekly(history: readonly number[], holdoutWeeks: number, firstWeekStart?: Date): Backtest | null {
  if (holdoutWeeks < 1 || history.length < holdoutWeeks + 8) return null;
  const train = history.slice(0, -holdoutWeeks);
  const actual = history.slice(-holdoutWeeks);
  const forecast = forecastWeekly(train, holdoutWeeks, firstWeekStart);
  const inside = actual.filter((a, i) => a >= forecast.lower80[i] && a <= forecast.upper80[i]).length;
  return {
    holdoutWeeks,
    model: forecast.model,
    mape: mape(actual, forecast.point),
    baselineMape: mape(actual, seasonalNaive(train, holdoutWeeks)),
    coverage80: actual.length ? inside / actual.length : null,
  };
}
