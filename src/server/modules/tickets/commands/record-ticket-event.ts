import { desc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { ticketEvents } from "../tickets.tables.ts";
import { eventHash, GENESIS_HASH } from "../audit-chain.ts";

/** What happened to a ticket. Only recordTicketEvent writes these. */
export type TicketEventType =
  | "ticket.created"
  | "ticket.materials_updated"
  | `action.${string}`
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
  | "attachment.added";

export const actorName = (actor: Actor) => (actor.kind === "staff" ? actor.displayName : actor.kind === "system" ? actor.username : "群众");

/**
 * Appends an event to the ticket's audit trail, chained to the previous event's
 * hash. Call it in the same transaction as the change, after locking the ticket
 * row (`for update`), so two writers cannot take the same sequence number.
 */
export async function recordTicketEvent(
  tx: Tx,
  ticketId: string,
  actor: Actor,
  type: TicketEventType,
  data: Record<string, unknown>,
  at: Date,
  /** The ticket's first event: there is no previous one to look up. */
  isFirst = false,
): Promise<void> {
  const [last] = isFirst
    ? []
    : await tx
    .select({ seq: ticketEvents.seq, hash: ticketEvents.hash })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(desc(ticketEvents.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Through JSON and back: the hash must be of what jsonb will hand back (no undefined, dates as strings).
  const stored = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const event = { ticketId, seq, at, actorKind: actor.kind, actorId: actor.id, type, data: stored };
  await tx.insert(ticketEvents).values({ ...event, actorName: actorName(actor), prevHash, hash: eventHash(prevHash, event) });
}
