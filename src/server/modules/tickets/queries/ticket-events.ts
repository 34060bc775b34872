import { and, asc, eq } from "drizzle-orm";
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

/** Whether the ticket's trail holds an event of this type (the analytics: was it reopened before this resolution?). */
export async function hasTicketEvent(tx: Tx, ticketId: string, type: string): Promise<boolean> {
  const rows = await tx.select({ seq: ticketEvents.seq }).from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type))).limit(1);
  return rows.length > 0;
}
