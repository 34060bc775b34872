import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { beijingDate } from "../../calendar/working-calendar.ts";
import type { RollupCounts } from "../analytics.tables.ts";

/** The dimensions a ticket is counted under: fixed when it is taken in. */
export type RollupTicket = { regionPath: string; channel: string; serviceType: string; category: string };

/** The ancestors-or-self of a materialized path, root first (as the SQL function analytics_path_nodes the upsert uses). */
export function pathNodes(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}/`);
}

/**
 * Adds `counts` to the rollup rows of the ticket's region node and every ancestor
 * for the Beijing day of `at`, in the caller's transaction. One upsert that adds
 * (`n = n + excluded.n`), so concurrent transactions never lose a count; the rows
 * are taken root first, the same order in every transaction.
 */
export async function addToRollups(tx: Tx, ticket: RollupTicket, at: Date, counts: Partial<RollupCounts>): Promise<void> {
  const c = (key: keyof RollupCounts) => counts[key] ?? 0;
  await tx.execute(sql`
    insert into analytics_daily as a (region_path, day, channel, service_type, category, created, accepted, accept_seconds, rejected,
      resolved, resolved_first, resolve_seconds, resolved_with_deadline, resolved_within_deadline, bounced, reopened, merged, rated,
      rating_points, rated_low, supervised, escalated)
    select node, ${beijingDate(at)}::date, ${ticket.channel}, ${ticket.serviceType}, ${ticket.category}, ${c("created")}, ${c("accepted")},
      ${c("acceptSeconds")}, ${c("rejected")}, ${c("resolved")}, ${c("resolvedFirst")}, ${c("resolveSeconds")}, ${c("resolvedWithDeadline")},
      ${c("resolvedWithinDeadline")}, ${c("bounced")}, ${c("reopened")}, ${c("merged")}, ${c("rated")}, ${c("ratingPoints")}, ${c("ratedLow")},
      ${c("supervised")}, ${c("escalated")}
    from unnest(analytics_path_nodes(${ticket.regionPath})) with ordinality as n(node, i)
    order by i
    on conflict (region_path, day, channel, service_type, category) do update set
      created = a.created + excluded.created,
      accepted = a.accepted + excluded.accepted,
      accept_seconds = a.accept_seconds + excluded.accept_seconds,
      rejected = a.rejected + excluded.rejected,
      resolved = a.resolved + excluded.resolved,
      resolved_first = a.resolved_first + excluded.resolved_first,
      resolve_seconds = a.resolve_seconds + excluded.resolve_seconds,
      resolved_with_deadline = a.resolved_with_deadline + excluded.resolved_with_deadline,
      resolved_within_deadline = a.resolved_within_deadline + excluded.resolved_within_deadline,
      bounced = a.bounced + excluded.bounced,
      reopened = a.reopened + excluded.reopened,
      merged = a.merged + excluded.merged,
      rated = a.rated + excluded.rated,
      rating_points = a.rating_points + excluded.rating_points,
      rated_low = a.rated_low + excluded.rated_low,
      supervised = a.supervised + excluded.supervised,
      escalated = a.escalated + excluded.escalated`);
}

/** Whole seconds from `from` to `to` (SQL: floor(extract(epoch from to − from))). */
export const secondsBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 1000);
