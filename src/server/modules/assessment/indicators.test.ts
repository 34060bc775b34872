import { describe, expect, it } from "vitest";
import { checkIndicatorSet, DEFAULT_INDICATORS, indicatorScore, scoreSubject, type Indicator } from "./indicators.ts";
import { parsePeriod } from "./period.ts";
import { transitionBulletin, type BulletinAction, type BulletinState } from "./bulletin.state.ts";

describe("indicatorScore", () => {
  it.each([
    ["higher, half the target", { target: 30, direction: "higher" }, 15, 50],
    ["higher, on target", { target: 30, direction: "higher" }, 30, 100],
    ["higher, above the target is capped", { target: 30, direction: "higher" }, 90, 100],
    ["higher, zero", { target: 4.5, direction: "higher" }, 0, 0],
    ["higher, rounded to one decimal", { target: 3, direction: "higher" }, 1, 33.3],
    ["lower, under the target", { target: 5, direction: "lower" }, 2, 100],
    ["lower, on the target", { target: 5, direction: "lower" }, 5, 100],
    ["lower, halfway to twice the target", { target: 5, direction: "lower" }, 7.5, 50],
    ["lower, twice the target", { target: 5, direction: "lower" }, 10, 0],
    ["lower, beyond twice the target stays 0", { target: 5, direction: "lower" }, 40, 0],
    ["no value", { target: 5, direction: "lower" }, null, null],
  ] as const)("%s", (_, indicator, raw, expected) => {
    expect(indicatorScore(indicator, raw)).toBe(expected);
  });
});

describe("scoreSubject", () => {
  const set: Indicator[] = [
    { key: "f", name: "设施", dimension: "infrastructure", weight: 40, target: 100, direction: "higher", measure: "facilities" },
    { key: "v", name: "办件", dimension: "business", weight: 40, target: 10, direction: "higher", measure: "tickets_handled" },
    { key: "r", name: "满意", dimension: "satisfaction", weight: 20, target: 5, direction: "higher", measure: "average_rating" },
  ];
  it.each([
    ["every measure present", "venue", { facilities: 80, tickets_handled: 5, average_rating: 5 }, (40 * 80 + 40 * 50 + 20 * 100) / 100],
    ["no rating: its weight is left out", "venue", { facilities: 80, tickets_handled: 5, average_rating: null }, (40 * 80 + 40 * 50) / 80],
    ["staff: facilities do not apply", "staff", { tickets_handled: 10, average_rating: 4 }, (40 * 100 + 20 * 80) / 60],
    ["nothing known", "venue", {}, null],
  ] as const)("%s", (_, subject, measures, expected) => {
    const result = scoreSubject(set, subject, measures);
    expect(result.total).toBe(expected === null ? null : Math.round(expected * 10) / 10);
  });

  it("lists each applicable indicator with its raw value and score", () => {
    expect(scoreSubject(set, "staff", { tickets_handled: 3 }).indicators).toEqual([
      { key: "v", raw: 3, score: 30, weight: 40 },
      { key: "r", raw: null, score: null, weight: 20 },
    ]);
  });
});

describe("checkIndicatorSet", () => {
  it("accepts the shipped default set, whose weights sum to 100", () => {
    expect(checkIndicatorSet(DEFAULT_INDICATORS)).toEqual([]);
    expect(DEFAULT_INDICATORS.reduce((s, i) => s + i.weight, 0)).toBe(100);
  });
  it("names the field that is wrong", () => {
    const bad = DEFAULT_INDICATORS.map((i, n) => (n === 1 ? { ...i, target: 0 } : n === 2 ? { ...i, key: DEFAULT_INDICATORS[0].key } : i));
    expect(checkIndicatorSet(bad).map((p) => p.field)).toEqual(["indicators[1].target", "indicators[2].key"]);
    expect(checkIndicatorSet(DEFAULT_INDICATORS.map((i, n) => (n === 0 ? { ...i, weight: i.weight + 1 } : i)))).toEqual([
      { field: "indicators", message: "The weights sum to 101, not 100" },
    ]);
    expect(checkIndicatorSet([])[0].field).toBe("indicators");
  });
});

describe("parsePeriod", () => {
  it.each([
    ["2026-11", "month", "2026-10-31T16:00:00.000Z", "2026-11-30T16:00:00.000Z", "2026年11月"],
    ["2026-12", "month", "2026-11-30T16:00:00.000Z", "2026-12-31T16:00:00.000Z", "2026年12月"],
    ["2026-Q4", "quarter", "2026-09-30T16:00:00.000Z", "2026-12-31T16:00:00.000Z", "2026年第四季度"],
    ["2026", "year", "2025-12-31T16:00:00.000Z", "2026-12-31T16:00:00.000Z", "2026年"],
  ])("%s", (code, kind, from, to, label) => {
    const p = parsePeriod(code)!;
    expect([p.kind, p.from.toISOString(), p.to.toISOString(), p.label]).toEqual([kind, from, to, label]);
  });
  it.each(["2026-13", "2026-Q5", "26-01", "2026-1", ""])("refuses %j", (code) => expect(parsePeriod(code)).toBeNull());
});

describe("bulletin lifecycle", () => {
  it.each([
    ["draft", "edit", "draft"],
    ["draft", "review", "reviewed"],
    ["reviewed", "return", "draft"],
    ["reviewed", "publish", "published"],
    ["draft", "publish", null],
    ["reviewed", "edit", null],
    ["published", "edit", null],
    ["published", "return", null],
    ["published", "publish", null],
  ] as const)("%s + %s → %s", (state, action, next) => {
    if (next) expect(transitionBulletin(state as BulletinState, action as BulletinAction)).toBe(next);
    else expect(() => transitionBulletin(state as BulletinState, action as BulletinAction)).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
  });
});
