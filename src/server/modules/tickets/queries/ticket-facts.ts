import { and, count, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { tickets, ticketDeadlines } from "../tickets.tables.ts";
import { ticketScope } from "../tickets.policy.ts";

/**
 * What the modules built on tickets (dispatch, oversight, attachments…) may ask
 * of them. They read tickets through these queries, never the tables.
 */

/** Statuses in which a ticket weighs on its assignee. */
export const OPEN_HANDLING_STATUSES = ["assigned", "in_progress", "suspended"] as const;

/** Each person's open tickets (assigned, in progress, suspended): their current load. */
export async function countOpenTicketsByAssignee(tx: Tx, accountIds: readonly string[]): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const rows = await tx
    .select({ assigneeId: tickets.assigneeId, n: count() })
    .from(tickets)
    // The statuses match the partial index tickets_assignee_open.
    .where(and(inArray(tickets.assigneeId, [...accountIds]), inArray(tickets.status, [...OPEN_HANDLING_STATUSES])))
    .groupBy(tickets.assigneeId);
  return new Map(rows.map((r) => [r.assigneeId!, Number(r.n)]));
}

/**
 * `column IN (the tickets the actor may see)`: the ticket scope as a condition on
 * another module's ticket id column, so its lists (督办 ledger, 回访 queues) show
 * exactly the tickets the detail route would show.
 */
export function visibleTicketCondition(actor: Actor, ticketIdColumn: SQL | AnyColumn): SQL {
  if (actor.kind === "system") return sql`true`;
  return sql`${ticketIdColumn} in (select ${tickets.id} from ${tickets} where ${ticketScope(actor)})`;
}

/** Statuses in which a ticket is still being worked on. */
export const OPEN_STATUSES = ["submitted", "accepted", "assigned", "in_progress", "suspended"] as const;

/**
 * Open tickets with a running deadline past due at `now`, earliest due first:
 * what escalation (逾期自动督办) starts from. `unless` lets the caller add its own
 * condition on the ticket id (oversight: no automatic order covers it yet); the
 * tickets in `last` (a job's recent failures) come after all the others.
 */
export async function findOverdueTicketIds(tx: Tx, now: Date, limit: number, unless?: (ticketId: AnyColumn) => SQL, last: readonly string[] = []): Promise<string[]> {
  const rows = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(overdueCondition(now), ...(unless ? [unless(tickets.id)] : [])))
    // Without failures the order is the plain one (an index on next_due_at can serve it).
    .orderBy(...(last.length > 0 ? [sql`${tickets.id}::text = any(${sql.param(last)}::text[])`] : []), tickets.nextDueAt, tickets.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Is this ticket (still) open and past a running deadline? Checked again under its row lock. */
export async function isTicketOverdue(tx: Tx, ticketId: string, now: Date, unless?: (ticketId: AnyColumn) => SQL): Promise<boolean> {
  const rows = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), overdueCondition(now), ...(unless ? [unless(tickets.id)] : [])));
  return rows.length > 0;
}

const overdueCondition = (now: Date) =>
  and(
    inArray(tickets.status, [...OPEN_STATUSES]),
    sql`exists (select 1 from ${ticketDeadlines} d where d.ticket_id = ${tickets.id} and d.state = 'running' and d.due_at <= ${now})`,
  )!;

export const isOpenStatus = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);
