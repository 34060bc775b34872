import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { beijingDate } from "../../calendar/working-calendar.ts";
import { countOpenTickets } from "../../tickets/queries/find-ticket-occurrences.ts";
import type { AnalyticsRegion } from "./analytics-region.ts";
import { childRegions } from "./analytics-region.ts";
import { SUMS, figuresOf, type SumsRow } from "./figures.ts";

/**
 * The live board (指挥大屏) of a region subtree: today's figures (Beijing day) by
 * channel, service type and child region from the rollups — written in the
 * tickets' own transactions, so a committed ticket is on the board at once —
 * the backlog, due-soon and overdue counts from the open tickets (few, indexed),
 * and satisfaction today and this month from the rollups.
 */
export async function analyticsBoard(tx: Tx, actor: Actor, region: AnalyticsRegion, now: Date) {
  const day = beijingDate(now);
  const monthStart = `${day.slice(0, 8)}01`;
  const { rows } = await tx.execute<SumsRow & { g: number; channel: string | null; service_type: string | null }>(sql`
    select grouping(channel, service_type) as g, channel, service_type, ${SUMS}
    from analytics_daily where region_path = ${region.path} and day = ${day}::date
    group by grouping sets ((), (channel), (service_type))`);
  const set = (g: number) => rows.filter((r) => Number(r.g) === g);
  const children = await childRegions(tx, region);
  const childRows = children.length === 0 ? [] : (
    await tx.execute<{ region_path: string; created: number; resolved: number }>(sql`
      select region_path, coalesce(sum(created), 0)::int as created, coalesce(sum(resolved), 0)::int as resolved
      from analytics_daily where region_path in (${sql.join(children.map((c) => sql`${c.path}`), sql`, `)}) and day = ${day}::date
      group by region_path`)
  ).rows;
  const byPath = new Map(childRows.map((r) => [r.region_path, r]));
  const [month] = (
    await tx.execute<{ rated: number; points: number }>(sql`
      select coalesce(sum(rated), 0)::int as rated, coalesce(sum(rating_points), 0)::float8 as points
      from analytics_daily where region_path = ${region.path} and day between ${monthStart}::date and ${day}::date`)
  ).rows;
  const counts = (list: typeof rows, key: "channel" | "service_type") =>
    list.map((r) => ({ key: r[key]!, n: Number(r.created) })).filter((c) => c.n > 0).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return {
    region: { code: region.code, name: region.name },
    day,
    asOf: now.toISOString(),
    today: figuresOf(set(3)[0]),
    todayByChannel: counts(set(1), "channel"),
    todayByServiceType: counts(set(2), "service_type"),
    todayByRegion: children.map((c) => ({ region: { code: c.code, name: c.name }, created: Number(byPath.get(c.path)?.created ?? 0), resolved: Number(byPath.get(c.path)?.resolved ?? 0) })),
    open: await countOpenTickets(tx, actor, region.path),
    satisfactionMonth: Number(month.rated) > 0 ? Number((Number(month.points) / 4 / Number(month.rated)).toFixed(2)) : null,
    ratedMonth: Number(month.rated),
  };
}
