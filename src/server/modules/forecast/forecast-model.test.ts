import { describe, expect, it } from "vitest";
import { backtestWeekly, festivalEffect, forecastWeekly, mape, seasonalNaive, SEASON_WEEKS } from "./forecast-model.ts";
import { generateWeeklyDemand, type DemandProfile } from "./demand-history.ts";
import { weeksFromSpringFestival } from "./spring-festival.ts";

const monday = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("weeksFromSpringFestival", () => {
  it("counts from the nearest festival, late December towards the next year's", () => {
    expect(weeksFromSpringFestival(monday("2026-02-16"))).toBe(0); // festival 2026-02-17
    expect(weeksFromSpringFestival(monday("2026-01-26"))).toBe(-3);
    expect(weeksFromSpringFestival(monday("2027-12-27"))).toBe(-4); // festival 2028-01-26
    expect(weeksFromSpringFestival(monday("2026-07-06"))).toBe(20);
    expect(weeksFromSpringFestival(monday("2040-07-02"))).toBeNull();
  });
});

describe("mape and seasonal naive", () => {
  it("leaves weeks without demand out of the percentage", () => {
    expect(mape([10, 0, 20], [12, 5, 10])).toBeCloseTo((0.2 + 0.5) / 2);
    expect(mape([0, 0], [1, 1])).toBeNull();
  });
  it("repeats the same week a year earlier, or the last week with less than a year", () => {
    const year = Array.from({ length: SEASON_WEEKS }, (_, i) => i);
    expect(seasonalNaive(year, 3)).toEqual([0, 1, 2]);
    expect(seasonalNaive([4, 5, 6], 2)).toEqual([6, 6]);
  });
});

describe("forecastWeekly", () => {
  const history = generateWeeklyDemand({ lastWeekStart: monday("2026-11-23"), weeks: 3 * 52, profile: "general", base: 40, seed: 7 });
  const counts = history.map((w) => w.count);

  it("gives ordered, non-negative prediction intervals around the point forecast", () => {
    const f = forecastWeekly(counts, 12, history[0].weekStart);
    expect(f.model).toBe("mstl-ets");
    expect(f.point).toHaveLength(12);
    for (let h = 0; h < 12; h++) {
      expect(f.lower95[h]).toBeGreaterThanOrEqual(0);
      expect(f.lower95[h]).toBeLessThanOrEqual(f.lower80[h] + 1e-9);
      expect(f.lower80[h]).toBeLessThanOrEqual(f.point[h] + 1e-9);
      expect(f.point[h]).toBeLessThanOrEqual(f.upper80[h] + 1e-9);
      expect(f.upper80[h]).toBeLessThanOrEqual(f.upper95[h] + 1e-9);
    }
    // Around the level it was generated at (40 a week, a mild year): not a constant, not nonsense.
    const mean = f.point.reduce((a, b) => a + b, 0) / 12;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(70);
  });

  it("models the level without a season when under two years are known, and zeros as zeros", () => {
    expect(forecastWeekly(counts.slice(-60), 4).model).toBe("ets");
    expect(forecastWeekly([0, 0, 0, 0, 0, 0], 3).point).toEqual([0, 0, 0]);
    expect(() => forecastWeekly(counts, 0)).toThrow(RangeError);
  });

  it("learns the wage-arrears rise before the Spring Festival from earlier years", () => {
    const wages = generateWeeklyDemand({ lastWeekStart: monday("2025-12-29"), weeks: 4 * 52, profile: "wage_arrears", base: 50, seed: 3 });
    const effect = festivalEffect(wages.map((w) => w.count), wages[0].weekStart);
    // Generated at 2.6×, 2.3×, 2.0×, 1.7× of the level in the four weeks before, 0.4× in the festival week.
    expect(effect.get(-4)).toBeGreaterThan(2);
    expect(effect.get(-1)).toBeGreaterThan(1.4);
    expect(effect.get(0)).toBeLessThan(0.6);
    expect(effect.get(-5)).toBeGreaterThan(0.8);
    expect(effect.get(-5)).toBeLessThan(1.25);
  });
});

describe("backtestWeekly: the model against seasonal naive on held-back weeks", () => {
  it("forecasts a festival that moved by three weeks far better than last year's same weeks", () => {
    // 2025's festival was on 29 January, 2026's on 17 February: seasonal naive puts the peak three weeks early.
    for (const seed of [1, 2, 3]) {
      const wages = generateWeeklyDemand({ lastWeekStart: monday("2026-02-23"), weeks: 4 * 52, profile: "wage_arrears", base: 30, seed });
      const result = backtestWeekly(wages.map((w) => w.count), 12, wages[0].weekStart)!;
      const withoutFestival = backtestWeekly(wages.map((w) => w.count), 12)!;
      expect(result.mape!).toBeLessThan(0.3);
      expect(result.mape!).toBeLessThan(result.baselineMape! / 2);
      expect(result.mape!).toBeLessThan(withoutFestival.mape!);
    }
  });

  it("beats seasonal naive on average over profiles, sizes and seasons (fixed generated histories)", () => {
    let model = 0;
    let baseline = 0;
    let n = 0;
    for (const profile of ["wage_arrears", "land", "general"] as DemandProfile[]) {
      for (const end of ["2026-02-23", "2026-11-23", "2025-10-27", "2025-03-03"]) {
        for (const base of [5, 30, 200]) {
          const history = generateWeeklyDemand({ lastWeekStart: monday(end), weeks: 4 * 52, profile, base, seed: base + end.length });
          const result = backtestWeekly(history.map((w) => w.count), 12, history[0].weekStart)!;
          model += result.mape!;
          baseline += result.baselineMape!;
          n++;
        }
      }
    }
    // Measured: about 0.26 against 0.41 (docs/forecast.md).
    expect(model / n).toBeLessThan(0.32);
    expect(model / n).toBeLessThan((baseline / n) * 0.8);
  });

  it("holds about 80% and 95% of the held-back weeks inside its 80% and 95% intervals", () => {
    let inside80 = 0;
    let inside95 = 0;
    let weeks = 0;
    for (const profile of ["wage_arrears", "land", "general"] as DemandProfile[]) {
      for (const end of ["2026-02-23", "2025-10-27", "2026-11-23"]) {
        for (const base of [10, 60]) {
          const history = generateWeeklyDemand({ lastWeekStart: monday(end), weeks: 4 * 52, profile, base, seed: base * 7 + end.charCodeAt(6) });
          const counts = history.map((w) => w.count);
          const f = forecastWeekly(counts.slice(0, -12), 12, history[0].weekStart);
          counts.slice(-12).forEach((a, h) => {
            weeks++;
            if (a >= f.lower80[h] && a <= f.upper80[h]) inside80++;
            if (a >= f.lower95[h] && a <= f.upper95[h]) inside95++;
          });
        }
      }
    }
    // Uncalibrated, the model's own 80% interval held about 62% of the weeks (docs/forecast.md).
    expect(inside80 / weeks).toBeGreaterThan(0.7);
    expect(inside80 / weeks).toBeLessThan(0.92);
    expect(inside95 / weeks).toBeGreaterThan(0.88);
  });

  it("needs more history than it holds back", () => {
    expect(backtestWeekly([1, 2, 3, 4, 5], 4)).toBeNull();
  });
});
