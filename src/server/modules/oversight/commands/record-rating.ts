import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { ticketRatings } from "../oversight.tables.ts";
import { RATEABLE_STATUSES, ticketPolicy } from "../../tickets/tickets.policy.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { createFollowUp } from "./follow-up-tasks.ts";
import { markTicketRated } from "../../tickets/commands/mark-ticket-facts.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { ticketHooks } from "../../tickets/tickets.events.ts";

export type RatingScores = { attitude: number; speed: number; policy: number; expertise: number; comment?: string };

/** A score at or below this is a complaint in disguise: a supervisor calls the citizen back. */
export const LOW_SCORE = 2;

export const hasLowScore = (s: Pick<RatingScores, "attitude" | "speed" | "policy" | "expertise">) => [s.attitude, s.speed, s.policy, s.expertise].some((score) => score <= LOW_SCORE);

/**
 * 满意度评价, once per ticket. Any actor: staff record what the citizen said on the
 * phone or at the window; citizens rate for themselves once the policy lets them.
 * A low score opens a mandatory follow-up by a supervisor, which blocks archiving.
 */
export async function recordRating(tx: Tx, actor: Actor, ticketId: string, input: RatingScores, now: Date): Promise<{ followUpId: string | null }> {
  const row = await lockTicket(tx, ticketId);
  ticketPolicy.authorize(actor, "recordRating", row);
  if (!RATEABLE_STATUSES.includes(row.status)) throw new AppError("INVALID_TRANSITION", `A ${row.status} ticket cannot be rated; rate it once resolved`, { field: "ticket" });
  for (const field of ["attitude", "speed", "policy", "expertise"] as const) {
    const score = input[field];
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new AppError("VALIDATION_FAILED", `${field} is a score from 1 to 5`, { field });
  }
  const comment = input.comment?.trim() || null;
  const inserted = await tx
    .insert(ticketRatings)
    .values({ ticketId, attitude: input.attitude, speed: input.speed, policy: input.policy, expertise: input.expertise, comment, ratedByKind: actor.kind, createdAt: now })
    .onConflictDoNothing()
    .returning({ ticketId: ticketRatings.ticketId });
  if (inserted.length === 0) throw new AppError("CONFLICT", "This ticket has already been rated");
  await markTicketRated(tx, ticketId, now);

  const isLow = hasLowScore(input);
  await recordTicketEvent(
    tx,
    ticketId,
    actor,
    "rating.recorded",
    { attitude: input.attitude, speed: input.speed, policy: input.policy, expertise: input.expertise, comment, hasLowScore: isLow },
    now,
  );
  await ticketHooks.publish(tx, "ticket.rated", { ticket: row, scores: { attitude: input.attitude, speed: input.speed, policy: input.policy, expertise: input.expertise }, hasLowScore: isLow, actor, now });
  if (!isLow) return { followUpId: null };
  const followUpId = await createFollowUp(tx, row, "low_rating", now);
  await recordTicketEvent(tx, ticketId, actor, "follow_up.created", { followUpId, reason: "low_rating", role: "supervisor", isMandatory: true }, now);
  return { followUpId };
}
