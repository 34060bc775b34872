/** When the Spring Festival falls: it moves with the lunar calendar, and demand moves with it. */

/** The Spring Festival (农历正月初一) by Gregorian year. */
export const SPRING_FESTIVAL: Record<number, string> = {
  2018: "2018-02-16", 2019: "2019-02-05", 2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01",
  2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
  2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03",
};

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * Whole weeks from the nearest Spring Festival to the week (negative: before
 * it; late December counts towards the next year's festival). Null outside the table.
 */
export function weeksFromSpringFestival(weekStart: Date): number | null {
  const year = weekStart.getUTCFullYear();
  let nearest: number | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const festival = SPRING_FESTIVAL[y];
    if (!festival) continue;
    // 0 for the week (Monday to Sunday) the festival falls in.
    const weeks = Math.floor((weekStart.getTime() - Date.parse(`${festival}T00:00:00Z`) + 6 * DAY) / WEEK);
    if (nearest === null || Math.abs(weeks) < Math.abs(nearest)) nearest = weeks;
  }
  return nearest;
}

