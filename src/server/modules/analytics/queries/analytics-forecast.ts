import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { addDays, beijingDate } from "../../calendar/working-calendar.ts";
import { backtestWeekly, FESTIVAL_WEEKS, festivalEffect, forecastWeekly, type Backtest, type WeeklyForecast } from "../../forecast/forecast-model.ts";
import type { AnalyticsRegion } from "./analytics-region.ts";
import { dimensionFilter } from "./figures.ts";

/** How far back a forecast looks: four years of weeks. */
export const HISTORY_WEEKS = 4 * 52;

export type ForecastFilter = { channel?: string; serviceType?: string; category?: string; horizon: number };

export type DemandForecast = {
  region: { code: string; name: string };
  model: WeeklyForecast["model"];
  /** Weekly tickets taken in (created), oldest first, from the first week with any up to the last complete week. */
  history: { weekStart: string; count: number }[];
  forecast: { weekStart: string; point: number; lower80: number; upper80: number; lower95: number; upper95: number }[];
  /** The same model on the history's last `horizon` weeks held back, against seasonal naive; null with too little history. */
  backtest: Backtest | null;
  /** The Spring Festival's effect learned from the history (week from the festival → factor); empty without a full festival. */
  festival: { week: number; factor: number }[];
};

/** The Monday (Beijing) of the week holding `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Weekly demand (tickets taken in) of a region subtree, optionally of one
 * channel, service type or dispute category, forecast `horizon` weeks ahead
 * (docs/forecast.md). Read from the rollups: the region node's rows, summed by
 * week (at most four years of days of one node: never a scan of tickets).
 */
export async function analyticsForecast(tx: Tx, region: AnalyticsRegion, filter: ForecastFilter, now: Date): Promise<DemandForecast> {
  // The last complete week ends on the Sunday before this week's Monday.
  const thisMonday = mondayOf(beijingDate(now));
  const firstMonday = addDays(thisMonday, -7 * HISTORY_WEEKS);
  const { rows } = await tx.execute<{ week: string; n: number }>(sql`
    select date_trunc('week', day)::date::text as week, coalesce(sum(created), 0)::int as n
    from analytics_daily
    where region_path = ${region.path} and day >= ${firstMonday}::date and day < ${thisMonday}::date and ${dimensionFilter(filter)}
    group by 1`);
  const byWeek = new Map(rows.map((r) => [r.week, Number(r.n)]));
  const weeks = Array.from({ length: HISTORY_WEEKS }, (_, i) => addDays(firstMonday, 7 * i));
  // Before the first week with any demand the platform was not yet in use there: those zeros are not demand.
  const first = weeks.findIndex((w) => (byWeek.get(w) ?? 0) > 0);
  const history = first < 0 ? [] : weeks.slice(first).map((weekStart) => ({ weekStart, count: byWeek.get(weekStart) ?? 0 }));
  const counts = history.map((w) => w.count);
  const start = history.length ? new Date(`${history[0].weekStart}T00:00:00Z`) : undefined;
  const predicted = forecastWeekly(counts, filter.horizon, start);
  const effect = start ? festivalEffect(counts, start) : new Map<number, number>();
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    region: { code: region.code, name: region.name },
    model: predicted.model,
    history,
    forecast: predicted.point.map((point, h) => ({
      weekStart: addDays(thisMonday, 7 * h),
      point: round(point),
      lower80: round(predicted.lower80[h]),
      upper80: round(predicted.upper80[h]),
      lower95: round(predicted.lower95[h]),
      upper95: round(predicted.upper95[h]),
    })),
    backtest: backtestWeekly(counts, filter.horizon, start),
    festival: effect.size ? Array.from({ length: FESTIVAL_WEEKS.to - FESTIVAL_WEEKS.from + 1 }, (_, i) => FESTIVAL_WEEKS.from + i).map((week) => ({ week, factor: Math.round((effect.get(week) ?? 1) * 100) / 100 })) : [],
  };
}
