import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { auditChainKeys } from "../../../platform/audit-chain.ts";
import type { Key } from "../../../platform/keys.ts";
import { ticketEvents, tickets } from "../tickets.tables.ts";
import { findBrokenLink, type ChainCheck, type ChainHead, type ChainedEvent } from "../audit-chain.ts";

/**
 * The ticket's events in order, and whether its chain still holds: every link's
 * HMAC under the key it names, and the last event against the head kept on the
 * ticket row (so events deleted from the end show). `reason` says what broke.
 */
export async function ticketAudit(tx: Tx, ticketId: string, keys: ReadonlyMap<string, Key> = auditChainKeys(tx).keys) {
  const [[ticket], events] = await Promise.all([
    tx.select({ seq: tickets.chainSeq, hash: tickets.chainHash }).from(tickets).where(eq(tickets.id, ticketId)).limit(1),
    tx.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.seq)),
  ]);
  const check = findBrokenLink(events, keys, ticket);
  return {
    verified: check.brokenAtSeq === null,
    brokenAtSeq: check.brokenAtSeq,
    reason: check.reason,
    keyIds: check.keyIds,
    head: ticket ? { seq: ticket.seq, hash: ticket.hash } : null,
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      type: e.type,
      actorKind: e.actorKind,
      actorId: e.actorId,
      actorName: e.actorName,
      data: e.data,
      keyId: e.keyId,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  };
}

export type TicketChainReport = ChainCheck & { ticketId: string; number: string; regionPath: string; events: number };

/**
 * Checks the chains of a batch of tickets (ids after `after`, in id order, at
 * most `limit`), optionally only those `where` allows (the actor's scope).
 * Two queries per batch. For `santai verify-audit` and GET /api/audit/verify.
 */
export async function verifyTicketChains(
  tx: Tx,
  keys: ReadonlyMap<string, Key>,
  options: { after: string | null; limit: number; scope?: SQL },
): Promise<TicketChainReport[]> {
  const conditions = [options.after ? gt(tickets.id, options.after) : sql`true`, options.scope ?? sql`true`];
  const heads = await tx
    .select({ id: tickets.id, number: tickets.number, regionPath: tickets.regionPath, seq: tickets.chainSeq, hash: tickets.chainHash })
    .from(tickets)
    .where(and(...conditions))
    .orderBy(asc(tickets.id))
    .limit(options.limit);
  if (heads.length === 0) return [];
  const rows = await tx.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, heads.map((h) => h.id))).orderBy(asc(ticketEvents.ticketId), asc(ticketEvents.seq));
  const byTicket = new Map<string, ChainedEvent[]>();
  for (const row of rows) {
    const list = byTicket.get(row.ticketId) ?? [];
    list.push(row);
    byTicket.set(row.ticketId, list);
  }
  return heads.map((h) => {
    const events = byTicket.get(h.id) ?? [];
    const head: ChainHead = { seq: h.seq, hash: h.hash };
    return { ticketId: h.id, number: h.number, regionPath: h.regionPath, events: events.length, ...findBrokenLink(events, keys, head) };
  });
}
