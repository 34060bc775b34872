import { describe, expect, it } from "vitest";
import { missingHolidayYears } from "./calendar-notices.ts";

const at = (iso: string) => new Date(iso);

describe("missing holiday years", () => {
  it.each([
    ["31 October, 23:59 Beijing: too early to ask for next year", "2026-10-31T23:59:00+08:00", ["2025", "2026"], []],
    ["1 November, 00:00 Beijing (still 31 October in UTC): next year is due", "2026-11-01T00:00:00+08:00", ["2025", "2026"], [["2027", false]]],
    ["December with next year loaded: nothing", "2026-12-20T10:00:00+08:00", ["2026", "2027"], []],
    ["the current year is missing: always, even in spring", "2027-03-02T10:00:00+08:00", ["2026"], [["2027", true]]],
    ["New Year's Day 00:30 Beijing (still 31 December in UTC)", "2027-01-01T00:30:00+08:00", ["2026"], [["2027", true]]],
    ["both missing in November", "2027-11-15T10:00:00+08:00", ["2026"], [["2027", true], ["2028", false]]],
  ])("%s", (_case, now, loaded, expected) => {
    expect(missingHolidayYears(new Set(loaded), at(now)).map((n) => [n.year, n.isStarted])).toEqual(expected);
  });
});
