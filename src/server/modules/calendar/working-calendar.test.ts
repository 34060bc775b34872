import { describe, expect, it } from "vitest";
import { addDays, beijingDate, CalendarBook, endOfBeijingDay, holidayYearProblem, WorkingCalendar, type CalendarData } from "./working-calendar.ts";
import { SHIPPED_HOLIDAYS } from "./shipped-holidays.ts";

const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS);
const at = (iso: string) => new Date(iso);

describe("Beijing dates", () => {
  it.each([
    ["2026-02-13T15:59:59Z", "2026-02-13"],
    ["2026-02-13T16:00:00Z", "2026-02-14"],
    ["2025-12-31T20:00:00+08:00", "2025-12-31"],
  ])("%s is %s in Beijing", (instant, date) => expect(beijingDate(at(instant))).toBe(date));

  it("a day ends at 24:00 Beijing time", () => {
    expect(endOfBeijingDay("2026-10-09").toISOString()).toBe("2026-10-09T16:00:00.000Z");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("working days", () => {
  it.each([
    ["2026-11-20", true, "an ordinary Friday"],
    ["2026-11-21", false, "an ordinary Saturday"],
    ["2026-02-16", false, "Spring Festival Monday"],
    ["2026-02-14", true, "the Saturday before Spring Festival (调休)"],
    ["2026-02-28", true, "the Saturday after Spring Festival (调休)"],
    ["2026-10-01", false, "National Day"],
    ["2026-10-08", true, "the Thursday after National Day"],
    ["2026-10-10", true, "Saturday 10 October 2026 (调休)"],
    ["2026-01-04", true, "Sunday 4 January 2026 (调休)"],
    ["2025-01-26", true, "Sunday 26 January 2025 (调休)"],
    ["2025-10-08", false, "the last day of the 2025 National Day break"],
    ["2025-09-28", true, "Sunday 28 September 2025 (调休)"],
  ])("%s working=%s (%s)", (date, expected) => expect(calendar.isWorkingDay(date)).toBe(expected));

  it("knows the shipped years and no others", () => {
    expect(calendar.knowsYear("2026-06-01")).toBe(true);
    expect(calendar.knowsYear("2027-06-01")).toBe(false);
  });
});

describe("adding working days", () => {
  it.each([
    // from (Beijing), days, the last working day counted
    ["2026-11-18T10:00:00+08:00", 3, "2026-11-23", "Wed + 3 skips the weekend"],
    ["2026-11-20T16:30:00+08:00", 1, "2026-11-23", "Friday + 1 is Monday"],
    ["2026-02-12T09:00:00+08:00", 3, "2026-02-24", "across Spring Festival: 13, 14 (调休), then 24"],
    ["2026-02-12T09:00:00+08:00", 2, "2026-02-14", "the 调休 Saturday counts"],
    ["2026-09-30T09:00:00+08:00", 1, "2026-10-08", "across National Day"],
    ["2026-09-30T09:00:00+08:00", 3, "2026-10-10", "National Day, then Thu 8, Fri 9, Sat 10 (调休)"],
    ["2025-12-31T09:00:00+08:00", 1, "2026-01-04", "New Year 2026: 1–3 off, Sunday 4 a working day"],
    ["2026-11-20T09:00:00+08:00", 7, "2026-12-01", "seven working days (Legal Aid Law's review period)"],
  ])("%s + %i working days ends on %s (%s)", (from, days, lastDay) => {
    expect(calendar.addWorkingDays(at(from), days).toISOString()).toBe(endOfBeijingDay(lastDay).toISOString());
  });

  it("zero days is the start itself", () => {
    expect(calendar.addWorkingDays(at("2026-11-20T09:00:00+08:00"), 0).toISOString()).toBe("2026-11-20T01:00:00.000Z");
  });

  it.each([
    ["2026-11-20T09:00:00+08:00", "2026-11-20T17:00:00+08:00", 0],
    ["2026-11-20T09:00:00+08:00", "2026-11-23T09:00:00+08:00", 1],
    ["2026-11-19T09:00:00+08:00", "2026-11-23T09:00:01+08:00", 2],
    ["2026-09-30T09:00:00+08:00", "2026-10-09T09:00:00+08:00", 2],
    ["2026-02-13T09:00:00+08:00", "2026-03-02T09:00:00+08:00", 7],
    ["2026-11-23T09:00:00+08:00", "2026-11-20T09:00:00+08:00", 0],
  ])("suspended from %s to %s moves a deadline %i working days", (from, to, n) => expect(calendar.workingDaysBetween(at(from), at(to))).toBe(n));
});

describe("validating a year's arrangement", () => {
  const good: CalendarData[string] = { off: [{ name: "元旦", from: "2027-01-01", to: "2027-01-01" }], work: ["2027-01-02"] };
  it("accepts a good year", () => expect(holidayYearProblem("2027", good)).toBeNull());
  it.each([
    [{ ...good, off: [{ name: "", from: "2027-01-01", to: "2027-01-01" }] }, "name"],
    [{ ...good, off: [{ name: "x", from: "2026-12-31", to: "2027-01-01" }] }, "in 2027"],
    [{ ...good, off: [{ name: "x", from: "2027-01-03", to: "2027-01-01" }] }, "after"],
    [{ ...good, work: ["2027-01-04"] }, "not a Saturday or Sunday"],
    [{ ...good, work: ["2027-13-02"] }, "must be a date"],
  ])("refuses %j (%s)", (data, words) => expect(holidayYearProblem("2027", data)).toContain(words));
});

describe("regional additions", () => {
  // A Tibetan autonomous prefecture's 藏历新年 in 2026 (illustrative dates): Tue 24 – Thu 26 February
  // off (after the national Spring Festival break), Sunday 1 March a working day in return.
  const losar = { off: [{ name: "藏历新年", from: "2026-02-24", to: "2026-02-26" }], work: ["2026-03-01"] };
  const regional = new WorkingCalendar(SHIPPED_HOLIDAYS, [losar]);

  it.each([
    ["2026-02-24", false, "a regional rest day"],
    ["2026-03-01", true, "the regional 调休 Sunday"],
    ["2026-02-27", true, "an ordinary Friday after it"],
    ["2026-02-16", false, "the national Spring Festival still applies"],
  ])("%s working=%s (%s)", (date, expected) => expect(regional.isWorkingDay(date)).toBe(expected));

  it("a rest day wins over a working day, whichever arrangement says which", () => {
    // The region makes the national 调休 Saturday 28 February a rest day, and tries to work on National Day.
    const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS, [{ off: [{ name: "本地假日", from: "2026-02-28", to: "2026-02-28" }], work: ["2026-10-03"] }]);
    expect(calendar.isWorkingDay("2026-02-28")).toBe(false);
    expect(calendar.isWorkingDay("2026-10-03")).toBe(false);
  });

  it("the book gives each region the additions on its path only", () => {
    const book = new CalendarBook([
      ...Object.entries(SHIPPED_HOLIDAYS).map(([year, data]) => ({ regionPath: null, year, data })),
      { regionPath: "/990000/990100/", year: "2026", data: losar },
    ]);
    expect(book.forPath("/990000/990100/990102/").isWorkingDay("2026-02-24")).toBe(false);
    expect(book.forPath("/990000/990200/").isWorkingDay("2026-02-24")).toBe(true);
    expect(book.forPath(null).isWorkingDay("2026-02-24")).toBe(true);
    // Before the addition was saved: the city counted it as a working day.
    expect(book.replacing("/990000/990100/", "2026", null).forPath("/990000/990100/990102/").isWorkingDay("2026-02-24")).toBe(true);
    expect(book.replacing(null, "2026", null).forPath(null).knowsYear("2026-01-01")).toBe(false);
  });
});
