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
