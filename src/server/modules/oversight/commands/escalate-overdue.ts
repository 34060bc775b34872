import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket } from "../../tickets/commands/act-on-ticket.ts";
import { loadCalendar } from "../../tickets/deadlines.ts";
import { insertSupervisionOrder, SUPERVISABLE_STATUSES } from "./issue-supervision.ts";

export const AUTOMATIC_SUPERVISION_REASON = "逾期自动督办";
/** The handler answers an automatic order within one working day. */
const AUTOMATIC_RESPONSE_WORKING_DAYS = 1;

const statusList = sql.join(SUPERVISABLE_STATUSES.map((s) => sql`${s}`), sql`, `);

/**
 * An automatic order "covers" a ticket while it is unanswered, or until its due
 * time once answered: so an overdue ticket gets at most one new automatic order
 * per response period, instead of a fresh one the minute after each answer.
 */
const notCovered = (now: Date) => sql`not exists (
  select 1 from supervision_orders o
  where o.ticket_id = t.id and o.is_automatic and (o.responded_at is null or o.due_at > ${now}))`;

const isOverdue = (now: Date) => sql`t.status in (${statusList}) and exists (
  select 1 from ticket_deadlines d where d.ticket_id = t.id and d.state = 'running' and d.due_at <= ${now})`;

/** Overdue tickets no automatic order covers. */
export async function findTicketsToEscalate(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(sql`select t.id from tickets t where ${isOverdue(now)} and ${notCovered(now)} order by t.next_due_at limit ${limit}`);
  return result.rows.map((r) => r.id);
}

/**
 * 逾期自动督办: an overdue ticket gets an automatic order, due in one working day,
 * put before the supervisors whose scope covers the handling unit (or the
 * matter's region while no unit holds it). Re-checked under the row lock, so
 * concurrent schedulers issue it once. Returns the order id, or null if nothing was due.
 */
export async function escalateOverdueTicket(tx: Tx, actor: Actor, ticketId: string, now: Date): Promise<string | null> {
  const row = await lockTicket(tx, ticketId);
  const check = await tx.execute(sql`select 1 from tickets t where t.id = ${ticketId} and ${isOverdue(now)} and ${notCovered(now)}`);
  if (check.rows.length === 0) return null;
  const handlerPath = row.unitRegionPath ?? row.regionPath;
  const supervisors = await tx.execute<{ id: string }>(sql`
    select a.id from accounts a join regions r on r.code = a.region_code
    where 'supervisor' = any(a.roles) and not a.is_disabled
      and left(${handlerPath}, length(r.path)) = r.path
    order by length(r.path) desc, a.id`);
  const calendar = await loadCalendar(tx);
  return insertSupervisionOrder(
    tx,
    actor,
    row,
    {
      reason: AUTOMATIC_SUPERVISION_REASON,
      dueAt: calendar.addWorkingDays(now, AUTOMATIC_RESPONSE_WORKING_DAYS),
      isAutomatic: true,
      addresseeIds: supervisors.rows.map((s) => s.id),
    },
    now,
  );
}
