import { and, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { followUps, ticketRatings } from "../oversight.tables.ts";

/**
 * For each of the given tickets: its satisfaction rating's mean (the four aspects
 * averaged, 1–5) or null, and whether a follow-up (回访) was completed. What
 * assessment (考核评价) scores satisfaction from.
 */
export async function findRatingFacts(tx: Tx, ticketIds: readonly string[]): Promise<Map<string, { mean: number | null; isFollowedUp: boolean }>> {
  const facts = new Map(ticketIds.map((id) => [id, { mean: null as number | null, isFollowedUp: false }]));
  if (ticketIds.length === 0) return facts;
  // In slices: a statement's parameters are limited (65,535 in PostgreSQL's protocol).
  for (let i = 0; i < ticketIds.length; i += 5000) {
    const slice = ticketIds.slice(i, i + 5000);
    const ratings = await tx
      .select({ ticketId: ticketRatings.ticketId, attitude: ticketRatings.attitude, speed: ticketRatings.speed, policy: ticketRatings.policy, expertise: ticketRatings.expertise })
      .from(ticketRatings)
      .where(inArray(ticketRatings.ticketId, slice));
    for (const r of ratings) facts.get(r.ticketId)!.mean = (r.attitude + r.speed + r.policy + r.expertise) / 4;
    const done = await tx
      .selectDistinct({ ticketId: followUps.ticketId })
      .from(followUps)
      .where(and(inArray(followUps.ticketId, slice), isNotNull(followUps.doneAt)));
    for (const f of done) facts.get(f.ticketId)!.isFollowedUp = true;
  }
  return facts;
}
