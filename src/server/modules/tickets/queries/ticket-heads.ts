import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";

export type TicketHeadAt = { ticketId: string; seq: number; hash: string };

/**
 * Every ticket's chain head as of `cutoff`: its event with the highest seq among
 * those recorded before the cutoff, in ticket id order, a page at a time (ids
 * after `after`). Computed from the events alone, so the daily checkpoint can be
 * recomputed — and compared — at any later time.
 */
export async function ticketHeadsAsOf(tx: Tx, cutoff: Date, after: string | null, limit: number): Promise<TicketHeadAt[]> {
  const result = await tx.execute<{ ticket_id: string; seq: number; hash: string }>(sql`
    select distinct on (ticket_id) ticket_id, seq, hash from ticket_events
    where at < ${cutoff} ${after ? sql`and ticket_id > ${after}` : sql``}
    order by ticket_id, seq desc
    limit ${limit}`);
  return result.rows.map((r) => ({ ticketId: r.ticket_id, seq: r.seq, hash: r.hash }));
}
