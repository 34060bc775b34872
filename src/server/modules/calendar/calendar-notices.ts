import { beijingDate } from "./working-calendar.ts";

/**
 * From this Beijing date of a year on, the next year's arrangement is looked for.
 * The State Council's notice usually appears in late October or November
 * (2025's on 2024-11-12, 2026's on 2025-11-04), so admins are told from 1 November.
 */
export const WARN_FROM_MONTH_DAY = "11-01";

export type MissingHolidayYear = {
  kind: "holiday_year_missing";
  year: string;
  /** The year's first day (Beijing). */
  startsOn: string;
  /** The year has begun: working-day deadlines are being counted on weekends only right now. */
  isStarted: boolean;
};

/**
 * Which years' national arrangements are missing and matter now: the current
 * year always, the next one from 1 November. Without an arrangement a year
 * counts weekends only (public holidays become working days), so deadlines
 * across it fall too early.
 */
export function missingHolidayYears(loadedYears: ReadonlySet<string>, now: Date): MissingHolidayYear[] {
  const today = beijingDate(now);
  const current = today.slice(0, 4);
  const next = String(Number(current) + 1);
  const missing: MissingHolidayYear[] = [];
  if (!loadedYears.has(current)) missing.push({ kind: "holiday_year_missing", year: current, startsOn: `${current}-01-01`, isStarted: true });
  if (today.slice(5) >= WARN_FROM_MONTH_DAY && !loadedYears.has(next)) missing.push({ kind: "holiday_year_missing", year: next, startsOn: `${next}-01-01`, isStarted: false });
  return missing;
}

/** The server log's line for a missing year (the scheduler writes it once a day). */
export function missingYearLogLine(notice: MissingHolidayYear): string {
  return notice.isStarted
    ? `calendar: no holiday arrangement for ${notice.year}, which has begun; working-day deadlines count weekends only until an admin loads it`
    : `calendar: no holiday arrangement for ${notice.year} yet (starts ${notice.startsOn}); load the State Council's notice before then`;
}
