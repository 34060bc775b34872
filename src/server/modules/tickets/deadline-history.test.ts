import { describe, expect, it } from "vitest";
import { SHIPPED_HOLIDAYS } from "../calendar/shipped-holidays.ts";
import { endOfBeijingDay, WorkingCalendar } from "../calendar/working-calendar.ts";
import { replayDeadline, type TrailEntry } from "./deadline-history.ts";

const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS);
const at = (dateTime: string) => new Date(`${dateTime}:00+08:00`);
const entry = (seq: number, dateTime: string, type: string, data: Record<string, unknown> = {}): TrailEntry => ({ seq, at: at(dateTime), type, data });

// Legal aid's resolve limit, started Friday 20 November 2026 (due Tuesday 1 December).
const resolve = { step: "resolve", amount: 7, unit: "working_days" as const, startedAt: at("2026-11-20T09:00") };

describe("replaying a deadline from its trail", () => {
  it.each([
    ["nothing happened", resolve, [], "2026-12-01"],
    // Suspended Monday 23 to Wednesday 25: two working days (23, 24) added.
    ["a completed suspension", resolve, [entry(2, "2026-11-23T10:00", "action.suspend"), entry(3, "2026-11-25T10:00", "action.resume")], "2026-12-03"],
    ["a suspension still open moves nothing yet", resolve, [entry(2, "2026-11-23T10:00", "action.suspend")], "2026-12-01"],
    ["an extension of its step", resolve, [entry(2, "2026-11-24T10:00", "deadline.extended", { step: "resolve", amount: 3, unit: "working_days" })], "2026-12-04"],
    ["an extension of another step does not count", resolve, [entry(2, "2026-11-24T10:00", "deadline.extended", { step: "accept", amount: 3, unit: "working_days" })], "2026-12-01"],
    [
      "only what follows the last reopen counts for resolve",
      { ...resolve, startedAt: at("2026-11-26T10:00") },
      [entry(2, "2026-11-23T10:00", "action.suspend"), entry(3, "2026-11-24T10:00", "action.resume"), entry(4, "2026-11-26T10:00", "action.reopen")],
      "2026-12-07",
    ],
  ])("%s", (_case, deadline, trail, lastDay) => {
    expect(replayDeadline(calendar, deadline, trail).toISOString()).toBe(endOfBeijingDay(lastDay).toISOString());
  });

  it("an hour limit moves by the hours paused and extended, whatever the calendar", () => {
    const hours = { step: "resolve", amount: 720, unit: "hours" as const, startedAt: at("2026-11-20T09:00") };
    const trail = [entry(2, "2026-11-21T09:00", "action.suspend"), entry(3, "2026-11-22T09:00", "action.resume"), entry(4, "2026-11-23T09:00", "deadline.extended", { step: "resolve", amount: 5, unit: "hours" })];
    expect(replayDeadline(calendar, hours, trail).toISOString()).toBe(new Date(at("2026-11-20T09:00").getTime() + (720 + 24 + 5) * 3_600_000).toISOString());
    expect(replayDeadline(new WorkingCalendar({}), hours, trail).toISOString()).toBe(replayDeadline(calendar, hours, trail).toISOString());
  });
});
