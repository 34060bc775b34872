import { describe, expect, it } from "vitest";
import { BOOKING_CODE_PATTERN, BookingRuleError, bookingTransition, citizenAbilities, newBookingCode, planSlots, type BookingAction, type BookingStatus } from "./booking-rules.ts";

const at = (text: string) => new Date(text);
const start = at("2026-11-20T09:00:00+08:00");

describe("bookingTransition", () => {
  const cases: [BookingStatus, BookingAction, string, BookingStatus | string][] = [
    ["booked", "cancel", "2026-11-20T08:59:59+08:00", "cancelled"],
    ["booked", "cancel", "2026-11-20T09:00:00+08:00", "slot_started"],
    ["booked", "reschedule", "2026-11-19T12:00:00+08:00", "booked"],
    ["booked", "reschedule", "2026-11-20T10:00:00+08:00", "slot_started"],
    ["cancelled", "cancel", "2026-11-19T12:00:00+08:00", "not_active"],
    ["attended", "reschedule", "2026-11-19T12:00:00+08:00", "not_active"],
    ["booked", "mark_attended", "2026-11-20T00:00:00+08:00", "attended"],
    ["booked", "mark_no_show", "2026-11-19T23:59:59+08:00", "slot_not_begun"],
    ["booked", "mark_no_show", "2026-11-21T09:00:00+08:00", "no_show"],
    ["no_show", "mark_attended", "2026-11-20T12:00:00+08:00", "attended"],
    ["cancelled", "mark_attended", "2026-11-20T12:00:00+08:00", "not_active"],
  ];
  it.each(cases)("%s + %s at %s → %s", (status, action, now, expected) => {
    if (["cancelled", "booked", "attended", "no_show"].includes(expected)) {
      expect(bookingTransition(status, action, start, at(now))).toBe(expected);
    } else {
      const run = () => bookingTransition(status, action, start, at(now));
      expect(run).toThrow(BookingRuleError);
      try {
        run();
      } catch (error) {
        expect((error as BookingRuleError).reason).toBe(expected);
      }
    }
  });

  it("abilities follow the same rule", () => {
    expect(citizenAbilities("booked", start, at("2026-11-20T08:00:00+08:00"))).toEqual({ cancel: true, reschedule: true });
    expect(citizenAbilities("booked", start, start)).toEqual({ cancel: false, reschedule: false });
    expect(citizenAbilities("cancelled", start, at("2026-11-19T08:00:00+08:00"))).toEqual({ cancel: false, reschedule: false });
  });
});

describe("planSlots", () => {
  const everyDay = () => true;
  const blocks = [{ start: "09:00", end: "10:00" }, { start: "14:30", end: "15:30" }];

  it("makes the chosen weekdays × blocks in Beijing time", () => {
    // 2026-11-16 is a Monday.
    const plan = planSlots({ from: "2026-11-16", to: "2026-11-22", weekdays: [1, 2, 3, 4, 5], blocks, isWorkingDay: everyDay });
    if ("field" in plan) throw new Error(plan.message);
    expect(plan.slots).toHaveLength(10);
    expect(plan.slots[0]).toEqual({ date: "2026-11-16", startsAt: at("2026-11-16T01:00:00Z"), endsAt: at("2026-11-16T02:00:00Z") });
    expect(plan.slots[1].startsAt.toISOString()).toBe("2026-11-16T06:30:00.000Z");
    expect(plan.slots.at(-1)!.date).toBe("2026-11-20");
    expect(plan.restDays).toEqual([]);
  });

  it("skips rest days of the calendar and says which; a working weekend day counts when its weekday is chosen", () => {
    const rest = new Set(["2026-11-18"]);
    const plan = planSlots({ from: "2026-11-16", to: "2026-11-22", weekdays: [1, 2, 3, 4, 5, 6, 7], blocks: [blocks[0]], isWorkingDay: (d) => !rest.has(d) && d !== "2026-11-22" });
    if ("field" in plan) throw new Error(plan.message);
    expect(plan.slots.map((s) => s.date)).toEqual(["2026-11-16", "2026-11-17", "2026-11-19", "2026-11-20", "2026-11-21"]);
    expect(plan.restDays).toEqual(["2026-11-18", "2026-11-22"]);
  });

  it.each([
    [{ from: "2026-11-20", to: "2026-11-19" }, "to"],
    [{ from: "2026-11-01", to: "2027-01-15" }, "to"],
    [{ blocks: [] }, "blocks"],
    [{ blocks: [{ start: "10:00", end: "09:00" }] }, "blocks[0].end"],
    [{ blocks: [{ start: "9:00", end: "10:00" }] }, "blocks[0].start"],
    [{ blocks: [{ start: "09:00", end: "10:00" }, { start: "09:30", end: "11:00" }] }, "blocks[1]"],
  ])("refuses %j naming %s", (change, field) => {
    const plan = planSlots({ from: "2026-11-16", to: "2026-11-20", weekdays: [1, 2, 3, 4, 5], blocks, isWorkingDay: everyDay, ...change });
    expect(plan).toMatchObject({ field });
  });

  it("refuses more than 1000 slots", () => {
    const many = Array.from({ length: 24 }, (_, h) => ({ start: `${String(h).padStart(2, "0")}:00`, end: `${String(h).padStart(2, "0")}:30` }));
    expect(planSlots({ from: "2026-11-01", to: "2026-12-31", weekdays: [1, 2, 3, 4, 5, 6, 7], blocks: many, isWorkingDay: everyDay })).toMatchObject({ field: "blocks" });
  });
});

describe("booking codes", () => {
  it("are eight characters without look-alikes", () => {
    const codes = new Set(Array.from({ length: 500 }, () => newBookingCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(new RegExp(BOOKING_CODE_PATTERN));
    expect(newBookingCode(() => 0)).toBe("22222222");
  });
});
