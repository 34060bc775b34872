/** The duty roster's pure rules: shift times, overlaps, coverage gaps (midnight crossings, Beijing days), the week copy. */
import { describe, expect, it } from "vitest";
import { beijingDay, copyWeek, covers, findGaps, mondayOf, overlaps, shiftTimesProblem, startOfBeijingDay } from "./hotline-roster.rules.ts";

/** Beijing wall-clock times on 7–8 December 2026 (a Monday and Tuesday): "7 20:00" is 7 Dec 20:00 +08:00. */
const bj = (s: string) => {
  const [day, time] = s.split(" ");
  return new Date(`2026-12-${day.padStart(2, "0")}T${time}:00+08:00`);
};
const shift = (from: string, to: string) => ({ startsAt: bj(from), endsAt: bj(to) });
const show = (gaps: { startsAt: Date; endsAt: Date; staffed: number }[]) =>
  gaps.map((g) => `${beijingDay(g.startsAt).slice(8)} ${g.startsAt.toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" })}–${beijingDay(g.endsAt).slice(8)} ${g.endsAt.toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" })}/${g.staffed}`);

describe("shift times", () => {
  it.each([
    ["a day shift", "7 08:00", "7 16:00", null],
    ["a night shift across midnight", "7 20:00", "8 08:00", null],
    ["a full 24 hours", "7 08:00", "8 08:00", null],
    ["ends when it starts", "7 08:00", "7 08:00", "endsAt"],
    ["ends before it starts", "7 16:00", "7 08:00", "endsAt"],
    ["longer than 24 hours", "7 08:00", "8 08:01", "endsAt"],
  ])("%s", (_name, from, to, field) => {
    expect(shiftTimesProblem(bj(from), bj(to))?.field ?? null).toBe(field);
  });

  it("keeps shifts within 2000–2099", () => {
    expect(shiftTimesProblem(new Date("9999-12-31T08:00:00Z"), new Date("9999-12-31T09:00:00Z"))?.field).toBe("startsAt");
    expect(shiftTimesProblem(new Date("2099-12-31T20:00:00Z"), new Date("2100-01-01T01:00:00Z"))?.field).toBe("endsAt");
  });

  it("names startsAt when it is not a time", () => {
    expect(shiftTimesProblem(new Date("nonsense"), bj("7 08:00"))?.field).toBe("startsAt");
  });
});

describe("overlaps (half-open: a handover at the same minute is fine)", () => {
  it.each([
    ["the same shift", shift("7 08:00", "7 16:00"), shift("7 08:00", "7 16:00"), true],
    ["handover", shift("7 08:00", "7 16:00"), shift("7 16:00", "8 00:00"), false],
    ["one minute into the next", shift("7 08:00", "7 16:01"), shift("7 16:00", "8 00:00"), true],
    ["night shift and the next morning's", shift("7 20:00", "8 08:00"), shift("8 07:00", "8 12:00"), true],
    ["night shift and the evening before", shift("7 20:00", "8 08:00"), shift("7 12:00", "7 20:00"), false],
    ["one inside the other", shift("7 00:00", "8 00:00"), shift("7 10:00", "7 11:00"), true],
  ])("%s", (_name, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it("a shift covers its start, not its end", () => {
    const s = shift("7 20:00", "8 08:00");
    expect([covers(s, bj("7 20:00")), covers(s, bj("8 00:00")), covers(s, bj("8 07:59")), covers(s, bj("8 08:00"))]).toEqual([true, true, true, false]);
  });
});

describe("coverage gaps over Monday 7 December (Beijing)", () => {
  const day = [bj("7 00:00"), bj("8 00:00")] as const;
  it.each([
    ["nobody on shift: the whole day", [], 1, ["07 00:00–08 00:00/0"]],
    ["three shifts round the clock", [shift("7 00:00", "7 08:00"), shift("7 08:00", "7 16:00"), shift("7 16:00", "8 00:00")], 1, []],
    ["a night shift from the day before covers the small hours", [shift("6 20:00", "7 08:00"), shift("7 08:00", "7 20:00")], 1, ["07 20:00–08 00:00/0"]],
    ["a night shift into the next day closes the evening", [shift("6 20:00", "7 08:00"), shift("7 08:00", "7 20:00"), shift("7 20:00", "8 08:00")], 1, []],
    ["an hour's hole between two shifts", [shift("7 00:00", "7 12:00"), shift("7 13:00", "8 00:00")], 1, ["07 12:00–07 13:00/0"]],
    ["two needed: where only one is on, merged across a change of people", [shift("7 00:00", "8 00:00"), shift("7 08:00", "7 16:00")], 2, ["07 00:00–07 08:00/1", "07 16:00–08 00:00/1"]],
    ["two needed: nobody, then one, is one gap (the most on shift: 1)", [shift("7 06:00", "8 00:00")], 2, ["07 00:00–08 00:00/1"]],
    ["none needed: no gaps", [], 0, []],
  ])("%s", (_name, shifts, required, expected) => {
    expect(show(findGaps(shifts, day[0], day[1], required))).toEqual(expected);
  });

  it("clips shifts to the period", () => {
    expect(show(findGaps([shift("6 00:00", "7 06:00"), shift("7 18:00", "8 18:00")], day[0], day[1], 1))).toEqual(["07 06:00–07 18:00/0"]);
  });
});

describe("Beijing days and weeks", () => {
  it.each([
    ["2026-12-06T16:00:00Z", "2026-12-07"],
    ["2026-12-06T15:59:59Z", "2026-12-06"],
    ["2026-12-31T16:30:00Z", "2027-01-01"],
  ])("%s is on Beijing day %s", (instant, day) => {
    expect(beijingDay(new Date(instant))).toBe(day);
  });

  it("a Beijing day starts at 16:00 UTC the day before", () => {
    expect(startOfBeijingDay("2026-12-07").toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });

  it.each([
    ["2026-12-07", "2026-12-07"],
    ["2026-12-09", "2026-12-07"],
    ["2026-12-13", "2026-12-07"],
    ["2027-01-01", "2026-12-28"],
  ])("the week of %s starts on Monday %s", (date, monday) => {
    expect(mondayOf(date)).toBe(monday);
  });

  it("copies a week's pattern 7, 14 … days later at the same Beijing wall-clock time", () => {
    const copies = copyWeek([{ ...shift("7 20:00", "8 08:00"), accountId: "a" }], 2);
    expect(copies.map((c) => [c.week, c.accountId, c.startsAt.toISOString(), c.endsAt.toISOString()])).toEqual([
      [1, "a", "2026-12-14T12:00:00.000Z", "2026-12-15T00:00:00.000Z"],
      [2, "a", "2026-12-21T12:00:00.000Z", "2026-12-22T00:00:00.000Z"],
    ]);
  });
});
