/**
 * The dispute screening ledger's periods (矛盾纠纷排查): villages and townships report
 * each period, as the bureau sets it (monthly or quarterly, due on a day of the
 * period's last month); a region without a report after the due day is overdue.
 * Pure: periods are Beijing calendar months.
 */
import { DISPUTE_CATEGORIES } from "../services/service-catalogue.ts";
import { endOfBeijingDay } from "../calendar/working-calendar.ts";

export const SCREENING_PERIOD_KINDS = ["monthly", "quarterly"] as const;
export type ScreeningPeriodKind = (typeof SCREENING_PERIOD_KINDS)[number];
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type ScreeningItem = { category: (typeof DISPUTE_CATEGORIES)[number]; partiesCount: number; riskLevel: RiskLevel; summary: string };

/** Without a setting of the bureau: monthly, due on the 25th. */
export const DEFAULT_SCHEDULE = { periodKind: "monthly" as ScreeningPeriodKind, dueDay: 25 };
/** The levels that report. */
export const REPORTING_LEVELS = ["village", "township"] as const;

const beijingYearMonth = (now: Date) => {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
};

/** The period `now` falls in: "2026-11" (monthly) or "2026-Q4" (quarterly). */
export function periodOf(kind: ScreeningPeriodKind, now: Date): string {
  const { year, month } = beijingYearMonth(now);
  return kind === "monthly" ? `${year}-${String(month).padStart(2, "0")}` : `${year}-Q${Math.ceil(month / 3)}`;
}

export function isPeriodOf(kind: ScreeningPeriodKind, period: string): boolean {
  return kind === "monthly" ? /^\d{4}-(0[1-9]|1[0-2])$/.test(period) : /^\d{4}-Q[1-4]$/.test(period);
}

/** The end of the due day: the `dueDay` of the period's (last) month, 24:00 Beijing. */
export function screeningDueAt(kind: ScreeningPeriodKind, period: string, dueDay: number): Date {
  const year = Number(period.slice(0, 4));
  const month = kind === "monthly" ? Number(period.slice(5, 7)) : Number(period.slice(6)) * 3;
  return endOfBeijingDay(`${year}-${String(month).padStart(2, "0")}-${String(dueDay).padStart(2, "0")}`);
}

export const isScreeningOverdue = (hasReport: boolean, dueAt: Date, now: Date) => !hasReport && now.getTime() >= dueAt.getTime();
