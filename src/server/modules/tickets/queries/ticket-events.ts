import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { ticketEvents } from "../tickets.tables.ts";

/** A ticket's events in order, without the chain's hashes: for views built on the trail (the applicant's progress). */
export async function findTicketEvents(tx: Tx, ticketId: string): Promise<{ type: string; at: Date; actorKind: string; actorName: string | null; data: Record<string, unknown> }[]> {
  return tx
    .select({ type: ticketEvents.type, at: ticketEvents.at, actorKind: ticketEvents.actorKind, actorName: ticketEvents.actorName, data: ticketEvents.data })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.seq));
}
