/**
 * The working-day calendar (工作日历): weekends are rest days, except the weekend
 * days the State Council's holiday notice makes working days (调休上班); public
 * holidays are rest days. A region may add its own rest days and 调休 working days
 * on top (e.g. 藏历新年 in a Tibetan autonomous prefecture), for itself and the
 * nodes below it. Deadlines counted "in working days" use it.
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

  /**
   * `national`: the State Council's arrangement per year. `regional`: the
   * additions of the regions on a matter's path (its own node and its ancestors).
   */
  constructor(national: CalendarData, regional: readonly HolidayYear[] = []) {
    this.years = new Set(Object.keys(national));
    for (const year of [...Object.values(national), ...regional]) {
      for (const range of year.off) {
        for (let d = range.from; d <= range.to; d = addDays(d, 1)) this.offDates.add(d);
      }
      for (const date of year.work) this.workDates.add(date);
    }
  }

  /** Whether the national holiday arrangement of the date's year is known; without it only weekends count. */
  knowsYear(date: string): boolean {
    return this.years.has(date.slice(0, 4));
  }

  /**
   * A rest day anywhere wins over a working day anywhere: a region cannot make a
   * national holiday a working day, and a local festival on a national 调休
   * Saturday is still a rest day there. (Within one arrangement the two never meet:
   * holidayYearProblem refuses it.)
   */
  isWorkingDay(date: string): boolean {
    if (this.offDates.has(date)) return false;
    if (this.workDates.has(date)) return true;
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

/** One year's arrangement of one node: the nation (regionPath null) or a region (its materialized path). */
export type CalendarLayer = { regionPath: string | null; year: string; data: HolidayYear };

/**
 * Every arrangement at once, national and regional, for work over many regions
 * (recalculating running deadlines): `forPath` gives the calendar of a matter's
 * region (national plus the additions of every node on its path), built once per path.
 */
export class CalendarBook {
  private readonly byPath = new Map<string, WorkingCalendar>();

  constructor(readonly layers: readonly CalendarLayer[]) {}

  forPath(path: string | null): WorkingCalendar {
    const key = path ?? "";
    let calendar = this.byPath.get(key);
    if (!calendar) {
      const national = Object.fromEntries(this.layers.filter((l) => l.regionPath === null).map((l) => [l.year, l.data])) as CalendarData;
      const regional = this.layers.filter((l) => l.regionPath !== null && path !== null && path.startsWith(l.regionPath)).map((l) => l.data);
      calendar = new WorkingCalendar(national, regional);
      this.byPath.set(key, calendar);
    }
    return calendar;
  }

  /** The same book with one node's year replaced (or removed, with null): the calendar as it was before a change. */
  replacing(regionPath: string | null, year: string, data: HolidayYear | null): CalendarBook {
    const others = this.layers.filter((l) => !(l.regionPath === regionPath && l.year === year));
    return new CalendarBook(data ? [...others, { regionPath, year, data }] : others);
  }
}
