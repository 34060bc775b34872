/**
 * 值班表 (the duty roster), as pure rules: what a shift may be, when two shifts of one
 * person overlap, where the hotline is not covered, and how a week's pattern is copied.
 * Shifts are half-open intervals [startsAt, endsAt) of instants; they may cross
 * midnight (Beijing or UTC makes no difference to an instant).
 */

export const SHIFT_ROLES = ["operator", "duty_lawyer"] as const;
export type ShiftRole = (typeof SHIFT_ROLES)[number];

/** The account role a shift role needs: duty lawyers are lawyers. */
export const ACCOUNT_ROLE_OF_SHIFT: Record<ShiftRole, "operator" | "lawyer"> = { operator: "operator", duty_lawyer: "lawyer" };

/** Account roles the roster schedules: for them, dispatch's "on duty" is "a shift covers now". */
export const ROSTERED_ACCOUNT_ROLES = ["operator", "lawyer"] as const;

/** A shift is at most a day long (a 24-hour duty is the longest anyone works without relief). */
export const MAX_SHIFT_HOURS = 24;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Beijing is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
/** The roster and its gaps are read at most this many days at a time. */
export const ROSTER_MAX_DAYS = 62;
/** How far ahead the scheduler warns of gaps. */
export const GAP_WARNING_HOURS = 72;
/** A week's pattern is copied into at most this many weeks at a time. */
export const MAX_COPY_WEEKS = 12;

export type Interval = { startsAt: Date; endsAt: Date };

/** The roster's years: a shift (and a week's copies of it) stays well within what timestamps hold. */
const isRosterYear = (at: Date): boolean => at.getUTCFullYear() >= 2000 && at.getUTCFullYear() <= 2099;

/** Why a shift's times are refused, naming the field; null when they are fine. */
export function shiftTimesProblem(startsAt: Date, endsAt: Date): { field: "startsAt" | "endsAt"; message: string } | null {
  if (Number.isNaN(startsAt.getTime())) return { field: "startsAt", message: "startsAt is not a time" };
  if (Number.isNaN(endsAt.getTime())) return { field: "endsAt", message: "endsAt is not a time" };
  if (!isRosterYear(startsAt)) return { field: "startsAt", message: "A shift starts between 2000 and 2099" };
  if (!isRosterYear(endsAt)) return { field: "endsAt", message: "A shift ends between 2000 and 2099" };
  if (endsAt.getTime() <= startsAt.getTime()) return { field: "endsAt", message: "A shift ends after it starts" };
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * HOUR_MS) return { field: "endsAt", message: `A shift lasts at most ${MAX_SHIFT_HOURS} hours` };
  return null;
}

/** Two half-open intervals overlap when each starts before the other ends (end-to-start handovers do not). */
export const overlaps = (a: Interval, b: Interval): boolean => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** Whether `at` falls within the shift. */
export const covers = (shift: Interval, at: Date): boolean => shift.startsAt.getTime() <= at.getTime() && at.getTime() < shift.endsAt.getTime();

/**
 * The parts of [from, to) where fewer than `required` of the shifts run at once,
 * merged, in order, each with the most people on shift during it (0 when nobody).
 * A sweep over the shifts' start and end points.
 */
export function findGaps(shifts: readonly Interval[], from: Date, to: Date, required: number): (Interval & { staffed: number })[] {
  if (required <= 0 || to.getTime() <= from.getTime()) return [];
  const lo = from.getTime();
  const hi = to.getTime();
  const points = new Map<number, number>();
  for (const s of shifts) {
    const a = Math.max(s.startsAt.getTime(), lo);
    const b = Math.min(s.endsAt.getTime(), hi);
    if (a >= b) continue;
    points.set(a, (points.get(a) ?? 0) + 1);
    points.set(b, (points.get(b) ?? 0) - 1);
  }
  const times = [...new Set([lo, hi, ...points.keys()])].sort((x, y) => x - y);
  const gaps: (Interval & { staffed: number })[] = [];
  let staffed = 0;
  for (let i = 0; i < times.length - 1; i += 1) {
    staffed += points.get(times[i]) ?? 0;
    const [a, b] = [times[i], times[i + 1]];
    if (staffed >= required || a >= b) continue;
    const last = gaps[gaps.length - 1];
    if (last && last.endsAt.getTime() === a) {
      last.endsAt = new Date(b);
      last.staffed = Math.max(last.staffed, staffed);
    } else gaps.push({ startsAt: new Date(a), endsAt: new Date(b), staffed });
  }
  return gaps;
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export const beijingDay = (at: Date): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Beijing date begins (00:00 Beijing = 16:00 UTC the day before). */
export const startOfBeijingDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS);

/** The Monday (Beijing) of the week `date` falls in. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return new Date(Date.parse(`${date}T00:00:00Z`) - ((day + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A week's shifts copied into the `weeks` weeks after it: each shift moved by 7, 14, … days
 * (Beijing has no daylight saving, so a 7-day shift of the instant keeps the wall-clock time).
 */
export function copyWeek<T extends Interval>(shifts: readonly T[], weeks: number): (T & { week: number })[] {
  const copies: (T & { week: number })[] = [];
  for (let week = 1; week <= weeks; week += 1) {
    for (const s of shifts) copies.push({ ...s, week, startsAt: new Date(s.startsAt.getTime() + week * 7 * DAY_MS), endsAt: new Date(s.endsAt.getTime() + week * 7 * DAY_MS) });
  }
  return copies;
}
