/**
 * The working-day calendar (工作日历): weekends are rest days, except the weekend
 * days the State Council's holiday notice makes working days (调休上班); public
 * holidays are rest days. Deadlines counted "in working days" use it.
 *
 * All dates are Beijing dates ("YYYY-MM-DD", UTC+8, no daylight saving).
 */
export type HolidayYear = {
  /** Non-working date ranges (inclusive). */
  off: { name: string; from: string; to: string }[];
  /** Weekend dates that are working days. */
  work: string[];
  source?: string;
};

export type CalendarData = Record<string, HolidayYear>;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The Beijing calendar date of an instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing date ends (its 24:00, i.e. the next day's 00:00 in Beijing). */
export function endOfBeijingDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** Why the year's data is not a valid holiday arrangement, or null. */
export function holidayYearProblem(year: string, data: HolidayYear): string | null {
  const inYear = (date: string) => DATE_PATTERN.test(date) && date.startsWith(`${year}-`) && !Number.isNaN(Date.parse(date));
  for (const range of data.off) {
    if (!range.name?.trim()) return "every holiday needs a name";
    if (!inYear(range.from) || !inYear(range.to)) return `holiday ${range.name}: dates must be YYYY-MM-DD in ${year}`;
    if (range.from > range.to) return `holiday ${range.name}: 'from' is after 'to'`;
  }
  for (const date of data.work) {
    if (!inYear(date)) return `working day ${date}: must be a date in ${year}`;
    if (!isWeekend(date)) return `working day ${date} is not a Saturday or Sunday`;
  }
  return null;
}

export class WorkingCalendar {
  private readonly offDates = new Set<string>();
  private readonly workDates = new Set<string>();
  private readonly years: Set<string>;

  constructor(data: CalendarData) {
    this.years = new Set(Object.keys(data));
    for (const year of Object.values(data)) {
      for (const range of year.off) {
        for (let d = range.from; d <= range.to; d = addDays(d, 1)) this.offDates.add(d);
      }
      for (const date of year.work) this.workDates.add(date);
    }
  }

  /** Whether the holiday arrangement of the date's year is known; without it only weekends count. */
  knowsYear(date: string): boolean {
    return this.years.has(date.slice(0, 4));
  }

  isWorkingDay(date: string): boolean {
    if (this.workDates.has(date)) return true;
    if (this.offDates.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * The deadline `days` working days after `from`: the end of the `days`-th working
   * day counted from the day after `from` (the day of receipt does not count,
   * as in the Legal Aid Law's "within N days of receiving").
   */
  addWorkingDays(from: Date, days: number): Date {
    if (days <= 0) return from;
    let date = beijingDate(from);
    let counted = 0;
    while (counted < days) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return endOfBeijingDay(date);
  }

  /**
   * Working days from the day of `from` up to, not including, the day of `to`:
   * how far a working-day deadline moves on after a suspension from `from` to `to`
   * (a suspension lifted the same day moves nothing).
   */
  workingDaysBetween(from: Date, to: Date): number {
    let count = 0;
    const end = beijingDate(to);
    for (let date = beijingDate(from); date < end; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return count;
  }
}
