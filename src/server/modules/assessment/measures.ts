/**
 * From loaded facts to measures (pure): the figures each indicator reads, for one
 * venue or staff member. The loading is in queries/compute-scores.ts.
 */
import type { MeasureKey } from "./indicators.ts";

export type TicketFact = { id: string; wasOverdue: boolean; bounceCount: number; ratingMean: number | null; isFollowedUp: boolean };
export type FacilityFacts = {
  hasOpeningHours: boolean;
  isStreetFacingGroundFloor: boolean;
  hasTouchKiosk: boolean;
  hasDisplayScreen: boolean;
  hasRemoteVideo: boolean;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const share = (part: number, whole: number) => (whole === 0 ? null : round2((100 * part) / whole));

/** The ticket measures of a set of tickets resolved in the period. Shares and the mean are null without tickets (or ratings). */
export function ticketMeasures(facts: readonly TicketFact[]): Partial<Record<MeasureKey, number | null>> {
  const rated = facts.filter((f) => f.ratingMean !== null);
  return {
    tickets_handled: facts.length,
    on_time_share: share(facts.filter((f) => !f.wasOverdue).length, facts.length),
    bounce_share: share(facts.filter((f) => f.bounceCount > 0).length, facts.length),
    follow_up_share: share(facts.filter((f) => f.isFollowedUp).length, facts.length),
    average_rating: rated.length === 0 ? null : round2(rated.reduce((s, f) => s + f.ratingMean!, 0) / rated.length),
  };
}

/** Required facilities and settings of a venue (场所建设标准): opening hours set, street-facing ground floor, touch kiosk, display screen, remote video. */
export function facilitiesShare(v: FacilityFacts): number {
  const items = [v.hasOpeningHours, v.isStreetFacingGroundFloor, v.hasTouchKiosk, v.hasDisplayScreen, v.hasRemoteVideo];
  return share(items.filter(Boolean).length, items.length)!;
}

/** Competition ranking (1, 2, 2, 4) by total, best first; subjects without a total come last, unranked. */
export function rank<T extends { total: number | null; name: string }>(subjects: T[]): (T & { rank: number | null })[] {
  const sorted = [...subjects].sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(b.name, "zh-CN"));
  let previous: { total: number; rank: number } | null = null;
  return sorted.map((s, i) => {
    if (s.total === null) return { ...s, rank: null };
    const r: number = previous && previous.total === s.total ? previous.rank : i + 1;
    previous = { total: s.total, rank: r };
    return { ...s, rank: r };
  });
}
