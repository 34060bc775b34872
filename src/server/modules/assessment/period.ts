/**
 * Assessment periods: a month (2026-11), a quarter (2026-Q4) or a year (2026),
 * each the Beijing-time interval [from, to).
 */
export type PeriodKind = "month" | "quarter" | "year";
export type Period = { code: string; kind: PeriodKind; from: Date; to: Date; label: string };

export const PERIOD_PATTERN = "^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$";

/** Midnight Beijing time (UTC+8, no daylight saving) starting the given day. */
const beijingMidnight = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - 8 * 3600_000);

/** The period a code names, or null when it names none. */
export function parsePeriod(code: string): Period | null {
  if (!new RegExp(PERIOD_PATTERN).test(code)) return null;
  const year = Number(code.slice(0, 4));
  if (code.length === 4) return { code, kind: "year", from: beijingMidnight(year, 1), to: beijingMidnight(year + 1, 1), label: `${year}年` };
  if (code[5] === "Q") {
    const q = Number(code[6]);
    return { code, kind: "quarter", from: beijingMidnight(year, 3 * q - 2), to: beijingMidnight(year, 3 * q + 1), label: `${year}年第${"一二三四"[q - 1]}季度` };
  }
  const month = Number(code.slice(5, 7));
  return { code, kind: "month", from: beijingMidnight(year, month), to: beijingMidnight(year, month + 1), label: `${year}年${month}月` };
}
