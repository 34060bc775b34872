import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { ticketRatings } from "../oversight.tables.ts";
import { hasLowScore } from "../commands/record-rating.ts";

/** A ticket's rating as the API shows it, or null. */
export async function getRating(tx: Tx, ticketId: string) {
  const [rating] = await tx.select().from(ticketRatings).where(eq(ticketRatings.ticketId, ticketId));
  return rating ? { ...rating, hasLowScore: hasLowScore(rating), createdAt: rating.createdAt.toISOString() } : null;
}
