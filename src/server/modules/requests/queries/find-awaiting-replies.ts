import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { ticketAbilities } from "../../tickets/tickets.policy.ts";
import { hasRole, type Role } from "../../../policies/actor.ts";

/** How many of the newest waiting threads are looked at (a citizen's message waits days at most, not years). */
const CANDIDATES = 500;

export type AwaitingReply = { ticketId: string; number: string; status: string; lastMessageAt: string; excerpt: string };

/**
 * 待回复留言: portal requests whose last message is the applicant's — they are
 * waiting for an answer — among those the actor may answer now (ability
 * `message`), the longest waiting first. The threads are this module's; the
 * tickets are read and judged through the tickets module.
 */
export async function findAwaitingReplies(tx: Tx, actor: Actor, now: Date): Promise<AwaitingReply[]> {
  const latest = await tx.execute<{ ticket_id: string; author_kind: string; body: string; created_at: Date | string }>(sql`
    select ticket_id, author_kind, body, created_at from (
      select distinct on (ticket_id) ticket_id, author_kind, body, created_at, seq
      from ticket_messages order by ticket_id, seq desc
    ) last where author_kind = 'citizen' order by seq desc limit ${CANDIDATES}`);
  const waiting = latest.rows;
  if (waiting.length === 0) return [];
  const tickets = new Map((await getTicketRows(tx, waiting.map((m) => m.ticket_id))).map((t) => [t.id, t]));
  return waiting
    .filter((m) => {
      const ticket = tickets.get(m.ticket_id);
      return ticket !== undefined && ticketAbilities(actor, ticket, now).message;
    })
    .map((m) => {
      const ticket = tickets.get(m.ticket_id)!;
      return { ticketId: ticket.id, number: ticket.number, status: ticket.status, lastMessageAt: new Date(m.created_at).toISOString(), excerpt: m.body.slice(0, 80) };
    })
    .sort((a, b) => a.lastMessageAt.localeCompare(b.lastMessageAt));
}

/** Roles that answer applicants (tickets.policy `message`); others have no such list. */
const ANSWERING_ROLES: Role[] = ["window", "operator", "dispatcher", "supervisor", "lawyer", "mediator", "reviewer", "advisor"];

/** The home page's count: the length of the actor's list, or null when answering applicants is not their work. */
export async function countAwaitingReplies(tx: Tx, actor: Actor, now: Date): Promise<number | null> {
  if (!hasRole(actor, ...ANSWERING_ROLES)) return null;
  return (await findAwaitingReplies(tx, actor, now)).length;
}
