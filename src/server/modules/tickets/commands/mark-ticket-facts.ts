import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { tickets } from "../tickets.tables.ts";

/**
 * Marks a ticket as supervised (督办) for the queues; oversight calls it when it
 * issues an order, with the ticket row locked. The flag stays once set: the
 * assessment counts supervised tickets, answered or not.
 */
export async function markTicketSupervised(tx: Tx, ticketId: string): Promise<void> {
  await tx.update(tickets).set({ isSupervised: true }).where(eq(tickets.id, ticketId));
}

/** Records that the ticket was rated (oversight calls it with the row locked), so its abilities no longer offer rating. */
export async function markTicketRated(tx: Tx, ticketId: string, at: Date): Promise<void> {
  await tx.update(tickets).set({ ratedAt: at }).where(eq(tickets.id, ticketId));
}
