import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Role } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findVenueFacts } from "../../venues/queries/find-venue-facts.ts";
import { findResolvedTicketFacts } from "../../tickets/queries/resolved-ticket-facts.ts";
import { findRatingFacts } from "../../oversight/queries/rating-facts.ts";
import { assessmentExternalScores } from "../assessment.tables.ts";
import { scoreSubject } from "../indicators.ts";
import { facilitiesShare, rank, ticketMeasures, type TicketFact } from "../measures.ts";
import type { Period } from "../period.ts";
import type { RankedSubject, ScoresView } from "../assessment.types.ts";
import { findIndicatorSet } from "./indicator-set.ts";

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Staff who handle tickets and so are ranked (leaders, supervisors, dispatchers and admins are not). */
export const RANKED_STAFF_ROLES: Role[] = ["window", "operator", "lawyer", "mediator", "advisor", "reviewer"];

/**
 * Every venue and every ticket-handling staff member at or under the region, scored
 * for the period with the region's indicator set from live data, and ranked.
 */
export async function computeScores(tx: Tx, region: { code: string; name: string; path: string }, period: Period): Promise<ScoresView> {
  const { indicators } = await findIndicatorSet(tx, region.path);
  const venues = await findVenueFacts(tx, region.path);
  const resolved = await findResolvedTicketFacts(tx, region.path, period.from, period.to);
  const ratings = await findRatingFacts(tx, resolved.map((t) => t.id));
  const facts = resolved.map((t) => {
    const r = ratings.get(t.id);
    return { ...t, ratingMean: r?.mean ?? null, isFollowedUp: r?.isFollowedUp ?? false } satisfies TicketFact & { unitRegionCode: string; assigneeId: string | null };
  });
  const external =
    venues.length === 0
      ? []
      : await tx
          .select({ venueId: assessmentExternalScores.venueId, score: assessmentExternalScores.score })
          .from(assessmentExternalScores)
          .where(and(eq(assessmentExternalScores.period, period.code), inArray(assessmentExternalScores.venueId, venues.map((v) => v.id))));
  const externalBy = new Map(external.map((e) => [e.venueId, Number(e.score)]));

  const staffRows = await findActiveStaffUnder(tx, region.path, RANKED_STAFF_ROLES);
  const staffNames = await findStaffByIds(tx, staffRows.map((s) => s.id));
  const regionRefs = await findRegionRefs(tx, [...venues.map((v) => v.regionCode), ...staffRows.map((s) => s.regionCode)]);
  const regionName = (code: string) => regionRefs.get(code)?.name ?? code;

  // Grouped once: a year of a city's tickets against hundreds of venues and staff.
  const byUnit = groupBy(facts, (f) => f.unitRegionCode);
  const byAssignee = groupBy(facts, (f) => f.assigneeId);
  const venueScores = venues.map((v) => {
    const mine = byUnit.get(v.regionCode) ?? [];
    const { total, indicators: results } = scoreSubject(indicators, "venue", {
      ...ticketMeasures(mine),
      facilities: facilitiesShare(v),
      staff_count: v.staffCount,
      external_score: externalBy.get(v.id) ?? null,
    });
    return { id: v.id, name: v.name, regionCode: v.regionCode, regionName: regionName(v.regionCode), total, indicators: results };
  });
  const staffScores = staffRows.map((s) => {
    const { total, indicators: results } = scoreSubject(indicators, "staff", ticketMeasures(byAssignee.get(s.id) ?? []));
    const name = staffNames.get(s.id)?.displayName ?? s.id;
    return { id: s.id, name, regionCode: s.regionCode, regionName: regionName(s.regionCode), total, indicators: results };
  });
  return {
    region: { code: region.code, name: region.name },
    period: { code: period.code, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
    indicators,
    ticketsResolved: resolved.length,
    venues: rank(venueScores) satisfies RankedSubject[],
    staff: rank(staffScores) satisfies RankedSubject[],
  };
}
