import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { auditChainKeys, isTransaction } from "../../../platform/audit-chain.ts";
import type { Actor } from "../../../policies/actor.ts";
import { eventHash, GENESIS_HASH, type ChainHead } from "../audit-chain.ts";

/** What happened to a ticket. Only recordTicketEvent writes these. */
export type TicketEventType =
  | "ticket.created"
  | "ticket.materials_updated"
  | `action.${string}`
  /** A legal aid case's step (legal-aid/aid-case.state.ts), on its ticket's trail. */
  | `aid_case.${string}`
  /** A mediation case's step and its referrals (mediation/), on its ticket's trail. */
  | `mediation_case.${string}`
  | `mediation_referral.${string}`
  | "deadline.due_soon"
  | "deadline.overdue"
  | "deadline.extended"
  | "deadline.recalculated"
  | "supervision.issued"
  | "supervision.responded"
  | "follow_up.created"
  | "follow_up.recorded"
  | "rating.recorded"
  | "ticket.linked"
  | "attachment.added"
  | "message.posted"
  | "preregistration.status_changed";

export const actorName = (actor: Actor) => (actor.kind === "staff" ? actor.displayName : actor.kind === "system" ? actor.username : "群众");

/** A ticket event ready to insert: its link made under the audit key. */
export type SealedEvent = {
  ticketId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  type: string;
  data: Record<string, unknown>;
  keyId: string;
  prevHash: string;
  hash: string;
};

/** The next event of a chain whose head is `head`, with its HMAC under the database's audit key. */
export function sealTicketEvent(tx: Tx, ticketId: string, head: ChainHead, actor: Actor, type: TicketEventType, data: Record<string, unknown>, at: Date): SealedEvent {
  const { signing } = auditChainKeys(tx);
  // Through JSON and back: the HMAC must be of what jsonb will hand back (no undefined, dates as strings).
  const stored = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const event = { ticketId, seq: head.seq + 1, at, actorKind: actor.kind, actorId: actor.id, actorName: actorName(actor), type, data: stored };
  return { ...event, keyId: signing.id, prevHash: head.hash, hash: eventHash(signing, head.hash, event) };
}

/** The first event of a new ticket, whose id the caller chose: the ticket row is inserted with this event's head. */
export const sealFirstTicketEvent = (tx: Tx, ticketId: string, actor: Actor, type: TicketEventType, data: Record<string, unknown>, at: Date) =>
  sealTicketEvent(tx, ticketId, { seq: 0, hash: GENESIS_HASH }, actor, type, data, at);

/** Inserts an event sealed for a ticket whose row already holds the event's head (a new ticket). One statement. */
export async function insertSealedEvent(tx: Tx, event: SealedEvent): Promise<void> {
  await tx.execute(sql`
    insert into ticket_events (ticket_id, seq, at, actor_kind, actor_id, actor_name, type, data, key_id, prev_hash, hash)
    values (${event.ticketId}, ${event.seq}, ${event.at}, ${event.actorKind}, ${event.actorId}, ${event.actorName}, ${event.type},
            ${JSON.stringify(event.data)}::jsonb, ${event.keyId}, ${event.prevHash}, ${event.hash})`);
}

/**
 * Appends an event to the ticket's audit trail, chained (HMAC under the audit
 * key) to the ticket's head, and advances the head in the same statement. Call
 * it in the same transaction as the change. The head is read with `for update`
 * unless the caller passes the head of the row it locked and has not appended
 * to since (one round trip fewer); a stale head fails on the (ticket_id, seq)
 * key instead of forking the chain. Returns the new head.
 */
export async function recordTicketEvent(
  tx: Tx,
  ticketId: string,
  actor: Actor,
  type: TicketEventType,
  data: Record<string, unknown>,
  at: Date,
  head?: ChainHead,
): Promise<ChainHead> {
  if (!isTransaction(tx)) return tx.transaction((inner) => recordTicketEvent(inner, ticketId, actor, type, data, at, head));
  const current = head ?? (await readChainHead(tx, ticketId));
  const event = sealTicketEvent(tx, ticketId, current, actor, type, data, at);
  const result = await tx.execute(sql`
    with e as (
      insert into ticket_events (ticket_id, seq, at, actor_kind, actor_id, actor_name, type, data, key_id, prev_hash, hash)
      values (${event.ticketId}, ${event.seq}, ${event.at}, ${event.actorKind}, ${event.actorId}, ${event.actorName}, ${event.type},
              ${JSON.stringify(event.data)}::jsonb, ${event.keyId}, ${event.prevHash}, ${event.hash})
      returning ticket_id, seq, hash
    )
    update tickets t set chain_seq = e.seq, chain_hash = e.hash from e
    where t.id = e.ticket_id and t.chain_seq = ${current.seq} and t.chain_hash = ${current.hash}
    returning t.id`);
  // The head moved under us (a stale head passed in, or the row edited): refuse rather than fork the chain.
  if (result.rows.length !== 1) throw new Error(`ticket ${ticketId}: the audit chain head moved while an event was recorded`);
  return { seq: event.seq, hash: event.hash };
}

/** The ticket's chain head, its row locked until commit so two writers cannot take the same seq. */
export async function readChainHead(tx: Tx, ticketId: string): Promise<ChainHead> {
  const result = await tx.execute<{ chain_seq: number; chain_hash: string }>(sql`select chain_seq, chain_hash from tickets where id = ${ticketId} for update`);
  const row = result.rows[0];
  if (!row) throw new Error(`ticket ${ticketId}: no such ticket for its audit trail`);
  return { seq: row.chain_seq, hash: row.chain_hash };
}
