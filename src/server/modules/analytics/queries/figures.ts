import { sql, type SQL } from "drizzle-orm";
import type { Figures, Measure } from "../analytics.types.ts";

/** The sums of the rollup columns, by the names of the figures (a SQL select list). */
export const SUMS = sql.raw(`
  coalesce(sum(created), 0)::int as created, coalesce(sum(accepted), 0)::int as accepted,
  coalesce(sum(accept_seconds), 0)::float8 as accept_seconds, coalesce(sum(rejected), 0)::int as rejected,
  coalesce(sum(resolved), 0)::int as resolved, coalesce(sum(resolved_first), 0)::int as resolved_first,
  coalesce(sum(resolve_seconds), 0)::float8 as resolve_seconds, coalesce(sum(resolved_with_deadline), 0)::int as resolved_with_deadline,
  coalesce(sum(resolved_within_deadline), 0)::int as resolved_within_deadline, coalesce(sum(bounced), 0)::int as bounced,
  coalesce(sum(reopened), 0)::int as reopened, coalesce(sum(merged), 0)::int as merged, coalesce(sum(rated), 0)::int as rated,
  coalesce(sum(rating_points), 0)::float8 as rating_points, coalesce(sum(rated_low), 0)::int as rated_low,
  coalesce(sum(supervised), 0)::int as supervised, coalesce(sum(escalated), 0)::int as escalated`);

export type SumsRow = Record<string, unknown>;

const ratio = (n: number, d: number, digits: number) => (d > 0 ? Number((n / d).toFixed(digits)) : null);

/** The figures of one sums row: the counts, and the shares and means derived from them (docs/analytics.md). */
export function figuresOf(row: SumsRow | undefined): Figures {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const counts: Record<Measure, number> = {
    created: n("created"),
    accepted: n("accepted"),
    rejected: n("rejected"),
    resolved: n("resolved"),
    resolvedFirst: n("resolved_first"),
    resolvedWithDeadline: n("resolved_with_deadline"),
    resolvedWithinDeadline: n("resolved_within_deadline"),
    bounced: n("bounced"),
    reopened: n("reopened"),
    merged: n("merged"),
    rated: n("rated"),
    ratedLow: n("rated_low"),
    supervised: n("supervised"),
    escalated: n("escalated"),
  };
  return {
    ...counts,
    withinDeadlineShare: ratio(counts.resolvedWithinDeadline, counts.resolvedWithDeadline, 4),
    avgAcceptMinutes: ratio(n("accept_seconds") / 60, counts.accepted, 1),
    avgResolveHours: ratio(n("resolve_seconds") / 3600, counts.resolvedFirst, 2),
    satisfaction: ratio(n("rating_points") / 4, counts.rated, 2),
  };
}

/** The dimension filters of a query on the rollups. */
export function dimensionFilter(filter: { channel?: string; serviceType?: string; category?: string }): SQL {
  return sql.join(
    [
      sql`true`,
      ...(filter.channel ? [sql`channel = ${filter.channel}`] : []),
      ...(filter.serviceType ? [sql`service_type = ${filter.serviceType}`] : []),
      ...(filter.category ? [sql`category = ${filter.category}`] : []),
    ],
    sql` and `,
  );
}
