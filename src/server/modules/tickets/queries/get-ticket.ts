import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import { tickets, type TicketRow } from "../tickets.tables.ts";

export type { TicketRow };

export async function getTicketRow(tx: Tx, id: string): Promise<TicketRow | null> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row ?? null;
}

/** Several tickets by id, in no particular order (missing ids are left out). */
export async function getTicketRows(tx: Tx, ids: string[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(tickets).where(inArray(tickets.id, [...new Set(ids)]));
}

/**
 * The ticket, locked for the rest of the transaction (`for update`). Every writer
 * of a ticket or of anything hanging on it (events, orders, follow-ups, ratings)
 * locks it first, so those writes are serialised per ticket.
 */
export async function lockTicket(tx: Tx, id: string): Promise<TicketRow> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update").limit(1);
  if (!row) throw notFound("Ticket");
  const counts = locks.get(tx) ?? new Map<string, number>();
  counts.set(id, (counts.get(id) ?? 0) + 1);
  locks.set(tx, counts);
  return row;
}

/** How often this transaction locked the ticket: every change to a ticket locks it first, so an unchanged count means an unchanged ticket. */
const locks = new WeakMap<Tx, Map<string, number>>();
export const lockCount = (tx: Tx, id: string): number => locks.get(tx)?.get(id) ?? 0;

/**
 * The ticket with this number whose applicant gave this phone (进度查询 without
 * an account, once the phone is proven by a one-time code); null when the
 * number is unknown or the phone is not its applicant's — the caller answers
 * both the same way, so the number cannot be probed for whose it is.
 */
export async function findTicketByNumberAndPhone(tx: Tx, lookupHashes: string[], number: string): Promise<TicketRow | null> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, number), inArray(tickets.applicantPhoneHash, lookupHashes)))
    .limit(1);
  return row ?? null;
}
