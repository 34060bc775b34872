import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket } from "../queries/get-ticket.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";
import { refreshTicketDue } from "../deadlines.ts";
import { DUE_SOON_MS } from "../ticket-rules.ts";

/**
 * Tickets with a running deadline that has entered its last 24 hours or run out,
 * and is not yet marked so; earliest due first, except the tickets in `last`
 * (the scheduler's recent failures), which come after all the others.
 */
export async function findTicketsWithDeadlinesToMark(tx: Tx, now: Date, limit: number, last: readonly string[] = []): Promise<string[]> {
  const soon = new Date(now.getTime() + DUE_SOON_MS);
  const result = await tx.execute<{ ticket_id: string }>(sql`
    select ticket_id from ticket_deadlines
    where state = 'running' and overdue_at is null
      and (due_at <= ${now} or (due_soon_at is null and due_at <= ${soon}))
    group by ticket_id
    order by ticket_id::text = any(${sql.param(last)}::text[]), min(due_at), ticket_id
    limit ${limit}`);
  return result.rows.map((r) => r.ticket_id);
}

/**
 * Marks one ticket's deadlines due soon / overdue, each once: the conditional
 * UPDATE … WHERE due_soon_at IS NULL under the ticket's row lock means a second,
 * concurrent scheduler finds nothing left to mark and records no event.
 * A deadline found already past due is marked overdue only (no late "due soon").
 */
export async function markTicketDeadlines(tx: Tx, actor: Actor, ticketId: string, now: Date): Promise<{ dueSoon: number; overdue: number }> {
  const row = await lockTicket(tx, ticketId);
  const overdue = await tx.execute<{ step: string; due_at: Date | string }>(sql`
    update ticket_deadlines set overdue_at = ${now}
    where ticket_id = ${ticketId} and state = 'running' and overdue_at is null and due_at <= ${now}
    returning step, due_at`);
  const dueSoon = await tx.execute<{ step: string; due_at: Date | string }>(sql`
    update ticket_deadlines set due_soon_at = ${now}
    where ticket_id = ${ticketId} and state = 'running' and overdue_at is null and due_soon_at is null
      and due_at > ${now} and due_at <= ${new Date(now.getTime() + DUE_SOON_MS)}
    returning step, due_at`);
  // The row is locked: its head is fresh, and each event hands the next its head.
  let head = { seq: row.chainSeq, hash: row.chainHash };
  for (const d of dueSoon.rows) head = await recordTicketEvent(tx, ticketId, actor, "deadline.due_soon", { step: d.step, dueAt: new Date(d.due_at).toISOString() }, now, head);
  for (const d of overdue.rows) head = await recordTicketEvent(tx, ticketId, actor, "deadline.overdue", { step: d.step, dueAt: new Date(d.due_at).toISOString() }, now, head);
  await refreshTicketDue(tx, ticketId, now);
  return { dueSoon: dueSoon.rows.length, overdue: overdue.rows.length };
}
