import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { ticketEvents } from "../tickets.tables.ts";
import { findBrokenLink } from "../audit-chain.ts";

/** The ticket's events in order, and whether the hash chain still holds. */
export async function ticketAudit(tx: Tx, ticketId: string) {
  const events = await tx.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.seq));
  const brokenAt = findBrokenLink(events);
  return {
    verified: brokenAt === null,
    brokenAtSeq: brokenAt,
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      type: e.type,
      actorKind: e.actorKind,
      actorId: e.actorId,
      actorName: e.actorName,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  };
}
