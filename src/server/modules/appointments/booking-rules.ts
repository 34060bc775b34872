/**
 * The rules of 预约 that need no database: a booking's life, the slots a bulk
 * request makes, booking codes. Pure: tested table-driven.
 */
import { randomInt } from "node:crypto";

export const BOOKING_STATUSES = ["booked", "cancelled", "attended", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export type BookingAction = "cancel" | "reschedule" | "mark_attended" | "mark_no_show";

export class BookingRuleError extends Error {
  constructor(
    readonly reason: "not_active" | "slot_started" | "slot_not_begun",
    message: string,
  ) {
    super(message);
  }
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a Beijing day begins. */
export const beijingDayStartOf = (instant: Date) =>
  new Date(Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS);

/**
 * Whether `action` may happen to a booking in `status` whose slot starts at `startsAt`, at `now`.
 * A citizen cancels or moves a booking only before its slot starts; staff mark who came
 * (or did not) from the slot's Beijing day on, and may correct the mark.
 */
export function bookingTransition(status: BookingStatus, action: BookingAction, startsAt: Date, now: Date): BookingStatus {
  switch (action) {
    case "cancel":
    case "reschedule":
      if (status !== "booked") throw new BookingRuleError("not_active", `A ${status} booking cannot be changed`);
      if (now.getTime() >= startsAt.getTime()) throw new BookingRuleError("slot_started", "The appointment has begun; it can no longer be changed");
      return action === "cancel" ? "cancelled" : "booked";
    case "mark_attended":
    case "mark_no_show":
      if (status === "cancelled") throw new BookingRuleError("not_active", "A cancelled booking has no attendance");
      if (now.getTime() < beijingDayStartOf(startsAt).getTime()) throw new BookingRuleError("slot_not_begun", "Attendance is marked from the appointment's day on");
      return action === "mark_attended" ? "attended" : "no_show";
  }
}

/** What a booking's owner may do with it now (sent with the booking: the portal shows exactly these). */
export function citizenAbilities(status: BookingStatus, startsAt: Date, now: Date) {
  const may = (action: BookingAction) => {
    try {
      bookingTransition(status, action, startsAt, now);
      return true;
    } catch {
      return false;
    }
  };
  return { cancel: may("cancel"), reschedule: may("reschedule") };
}

/** "HH:MM" on the 24-hour clock. */
export const TIME_OF_DAY_PATTERN = "^([01]\\d|2[0-3]):[0-5]\\d$";
const timeOfDay = new RegExp(TIME_OF_DAY_PATTERN);

export type TimeBlock = { start: string; end: string };

export type SlotPlan = {
  /** Beijing dates from…to, both included. */
  from: string;
  to: string;
  /** ISO weekdays to use, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  blocks: readonly TimeBlock[];
  /** The calendar of the venue's region: rest days (holidays, weekends not made working days) are skipped. */
  isWorkingDay: (date: string) => boolean;
};

export type PlannedSlot = { date: string; startsAt: Date; endsAt: Date };

/** At most this many days in one bulk request, and this many slots. */
export const MAX_PLAN_DAYS = 62;
export const MAX_PLAN_SLOTS = 1000;

export type PlanProblem = { field: string; message: string };

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
export const beijingInstant = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00+08:00`));

/**
 * The slots of a bulk request: each chosen weekday of the date range that is a
 * working day on the venue's calendar, times each block (Beijing wall-clock).
 * Returns the slots and the dates skipped as rest days, or the first problem.
 */
export function planSlots(plan: SlotPlan): { slots: PlannedSlot[]; restDays: string[] } | PlanProblem {
  if (plan.from > plan.to) return { field: "to", message: "The range ends before it starts" };
  const days = Math.round((Date.parse(plan.to) - Date.parse(plan.from)) / DAY_MS) + 1;
  if (days > MAX_PLAN_DAYS) return { field: "to", message: `At most ${MAX_PLAN_DAYS} days at once` };
  if (plan.blocks.length === 0) return { field: "blocks", message: "Give at least one time block" };
  for (const [i, block] of plan.blocks.entries()) {
    if (!timeOfDay.test(block.start)) return { field: `blocks[${i}].start`, message: "Write the time as HH:MM" };
    if (!timeOfDay.test(block.end)) return { field: `blocks[${i}].end`, message: "Write the time as HH:MM" };
    if (block.start >= block.end) return { field: `blocks[${i}].end`, message: "A block ends after it starts" };
  }
  const sorted = [...plan.blocks].sort((a, b) => (a.start < b.start ? -1 : 1));
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i].start < sorted[i - 1].end) {
      return { field: `blocks[${plan.blocks.indexOf(sorted[i])}]`, message: `${sorted[i].start}–${sorted[i].end} overlaps ${sorted[i - 1].start}–${sorted[i - 1].end}` };
    }
  }
  const weekdays = new Set(plan.weekdays);
  const slots: PlannedSlot[] = [];
  const restDays: string[] = [];
  for (let date = plan.from; date <= plan.to; date = addDays(date, 1)) {
    if (!weekdays.has(isoWeekday(date))) continue;
    if (!plan.isWorkingDay(date)) {
      restDays.push(date);
      continue;
    }
    for (const block of sorted) slots.push({ date, startsAt: beijingInstant(date, block.start), endsAt: beijingInstant(date, block.end) });
  }
  if (slots.length > MAX_PLAN_SLOTS) return { field: "blocks", message: `At most ${MAX_PLAN_SLOTS} slots at once` };
  return { slots, restDays };
}

/** Letters and digits a person reads out over the phone without confusion (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const BOOKING_CODE_PATTERN = `^[${CODE_ALPHABET}]{8}$`;

/** A booking code, e.g. "K7Q2M9XA": shown to the citizen and the window, eight characters. */
export function newBookingCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < 8; i += 1) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}
