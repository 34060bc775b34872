import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { findRegionsUnder } from "../../regions/queries/find-regions-under.ts";
import { disputeScreenings, screeningSchedules, type DisputeScreeningRow } from "../mediation.tables.ts";
import { screeningScope } from "../mediation.policy.ts";
import { DEFAULT_SCHEDULE, isScreeningOverdue, periodOf, REPORTING_LEVELS, screeningDueAt, type ScreeningPeriodKind } from "../screening.rules.ts";
import type { ScreeningListQuery, ScreeningStatusView, ScreeningView } from "../mediation.types.ts";

export type Schedule = { periodKind: ScreeningPeriodKind; dueDay: number; setAt: string | null };

/** The schedule that applies to a region: the nearest one set on its path, or monthly on the 25th. */
export async function scheduleFor(tx: Tx, regionPath: string): Promise<Schedule> {
  const codes = (await findRegionsOnPath(tx, regionPath)).map((r) => r.code);
  const rows = codes.length ? await tx.select().from(screeningSchedules).where(inArray(screeningSchedules.regionCode, codes)) : [];
  const nearest = rows.sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
  return nearest ? { periodKind: nearest.periodKind, dueDay: nearest.dueDay, setAt: nearest.regionCode } : { ...DEFAULT_SCHEDULE, setAt: null };
}

export async function findScreenings(tx: Tx, actor: Actor, query: ScreeningListQuery, regionPath: string | null): Promise<{ items: ScreeningView[]; total: number }> {
  const conditions: SQL[] = [screeningScope(actor)];
  if (query.period) conditions.push(eq(disputeScreenings.period, query.period));
  if (regionPath) conditions.push(sql`${disputeScreenings.regionPath} like ${escapeLike(regionPath) + "%"}`);
  const where = and(...conditions);
  const rows = await tx.select().from(disputeScreenings).where(where).orderBy(desc(disputeScreenings.period), asc(disputeScreenings.regionPath)).limit(query.limit ?? 50).offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(disputeScreenings).where(where);
  return { items: await presentScreenings(tx, rows), total };
}

export async function presentScreenings(tx: Tx, rows: DisputeScreeningRow[]): Promise<ScreeningView[]> {
  const regions = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((r) => ({
    id: r.id,
    region: { code: r.regionCode, name: regions.get(r.regionCode)?.name ?? r.regionCode, level: regions.get(r.regionCode)?.level ?? "" },
    period: r.period,
    isNothingFound: r.isNothingFound,
    items: r.items,
    disputeCount: r.disputeCount,
    highRiskCount: r.highRiskCount,
    reportedAt: r.reportedAt.toISOString(),
    reportedBy: r.reportedBy,
  }));
}

/**
 * Where the villages and townships under `scopePath` stand for their current period:
 * each region's schedule, the period, its due time, the report (or none) and whether
 * it is overdue — a region without a report once the due day has passed. The command
 * center's early warning reads this.
 */
export async function findScreeningStatus(tx: Tx, scopePath: string, now: Date): Promise<ScreeningStatusView[]> {
  const reporting = await findRegionsUnder(tx, scopePath, REPORTING_LEVELS);
  if (reporting.length === 0) return [];
  // Schedules set anywhere above or under the scope: each region takes the nearest on its path.
  const schedules = await tx.select().from(screeningSchedules);
  const scheduleOf = (path: string): { periodKind: ScreeningPeriodKind; dueDay: number } => {
    const nearest = schedules.filter((s) => path.startsWith(s.regionPath)).sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
    return nearest ?? DEFAULT_SCHEDULE;
  };
  const wanted = reporting.map((r) => ({ region: r, schedule: scheduleOf(r.path) })).map((w) => ({ ...w, period: periodOf(w.schedule.periodKind, now) }));
  const periods = [...new Set(wanted.map((w) => w.period))];
  const reports = await tx
    .select()
    .from(disputeScreenings)
    .where(and(sql`${disputeScreenings.regionPath} like ${escapeLike(scopePath) + "%"}`, inArray(disputeScreenings.period, periods)));
  const reportOf = new Map(reports.map((r) => [`${r.regionCode}|${r.period}`, r]));
  return wanted.map(({ region, schedule, period }) => {
    const report = reportOf.get(`${region.code}|${period}`) ?? null;
    const dueAt = screeningDueAt(schedule.periodKind, period, schedule.dueDay);
    return {
      region: { code: region.code, name: region.name, level: region.level },
      periodKind: schedule.periodKind,
      period,
      dueAt: dueAt.toISOString(),
      report: report ? { id: report.id, reportedAt: report.reportedAt.toISOString(), disputeCount: report.disputeCount, highRiskCount: report.highRiskCount, isNothingFound: report.isNothingFound } : null,
      isOverdue: isScreeningOverdue(report !== null, dueAt, now),
    };
  });
}
