import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { MAX_PERIOD_DAYS, type Figures } from "../analytics.types.ts";
import type { AnalyticsRegion } from "./analytics-region.ts";
import { childRegions } from "./analytics-region.ts";
import { SUMS, dimensionFilter, figuresOf, type SumsRow } from "./figures.ts";

/** A period longer than this is shown by week. */
export const DAILY_SERIES_MAX_DAYS = 62;

export type SummaryFilter = { from: string; to: string; channel?: string; serviceType?: string; category?: string };

export type Summary = {
  region: { code: string; name: string };
  from: string;
  to: string;
  granularity: "day" | "week";
  totals: Figures;
  series: { period: string; figures: Figures }[];
  byChannel: { channel: string; figures: Figures }[];
  byServiceType: { serviceType: string; figures: Figures }[];
  byCategory: { category: string; figures: Figures }[];
  byRegion: { region: { code: string; name: string }; figures: Figures }[];
};

const DAY_MS = 86_400_000;

/** Checks a period of Beijing days: `to` not before `from`, at most MAX_PERIOD_DAYS; returns its length in days. */
export function periodDays(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (!(days >= 1)) throw new AppError("VALIDATION_FAILED", "to is before from", { field: "to" });
  if (days > MAX_PERIOD_DAYS) throw new AppError("VALIDATION_FAILED", `At most ${MAX_PERIOD_DAYS} days at a time`, { field: "to" });
  return days;
}

/**
 * The figures of a region subtree over a period, read from the rollups only
 * (docs/analytics.md): the region node's own rows (the whole subtree summed in
 * them) with the totals, the series and the breakdowns in one grouping-sets
 * query, then each child region's node rows. Never a scan of tickets.
 */
export async function analyticsSummary(tx: Tx, region: AnalyticsRegion, filter: SummaryFilter): Promise<Summary> {
  const granularity = periodDays(filter.from, filter.to) > DAILY_SERIES_MAX_DAYS ? "week" : "day";
  const bucket = granularity === "day" ? sql.raw("day") : sql.raw("date_trunc('week', day)::date");
  const dims = dimensionFilter(filter);
  const { rows } = await tx.execute<SumsRow & { g: number; bucket: string | null; channel: string | null; service_type: string | null; category: string | null }>(sql`
    select grouping(bucket, channel, service_type, category) as g, bucket::text as bucket, channel, service_type, category, ${SUMS}
    from (select ${bucket} as bucket, * from analytics_daily
          where region_path = ${region.path} and day between ${filter.from}::date and ${filter.to}::date and ${dims}) d
    group by grouping sets ((), (bucket), (channel), (service_type), (category))`);
  const set = (g: number) => rows.filter((r) => Number(r.g) === g);
  const children = await childRegions(tx, region);
  const childRows = children.length === 0 ? [] : (
    await tx.execute<SumsRow & { region_path: string }>(sql`
      select region_path, ${SUMS} from analytics_daily
      where region_path in (${sql.join(children.map((c) => sql`${c.path}`), sql`, `)})
        and day between ${filter.from}::date and ${filter.to}::date and ${dims}
      group by region_path`)
  ).rows;
  const byPath = new Map(childRows.map((r) => [r.region_path, r]));
  const byCount = <T extends { figures: Figures }>(list: T[]) => list.sort((a, b) => b.figures.created - a.figures.created || b.figures.resolved - a.figures.resolved);
  return {
    region: { code: region.code, name: region.name },
    from: filter.from,
    to: filter.to,
    granularity,
    totals: figuresOf(set(15)[0]),
    series: set(7).map((r) => ({ period: r.bucket!, figures: figuresOf(r) })).sort((a, b) => a.period.localeCompare(b.period)),
    byChannel: byCount(set(11).map((r) => ({ channel: r.channel!, figures: figuresOf(r) }))),
    byServiceType: byCount(set(13).map((r) => ({ serviceType: r.service_type!, figures: figuresOf(r) }))),
    byCategory: byCount(set(14).map((r) => ({ category: r.category!, figures: figuresOf(r) }))),
    byRegion: children.map((c) => ({ region: { code: c.code, name: c.name }, figures: figuresOf(byPath.get(c.path)) })),
  };
}
