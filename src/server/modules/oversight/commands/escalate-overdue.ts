import { sql, type AnyColumn } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffCovering } from "../../accounts/queries/find-staff.ts";
import { loadCalendar } from "../../calendar/queries/find-holiday-years.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { findOverdueTicketIds, isTicketOverdue } from "../../tickets/queries/ticket-facts.ts";
import { supervisionOrders } from "../oversight.tables.ts";
import { insertSupervisionOrder } from "./issue-supervision.ts";

export const AUTOMATIC_SUPERVISION_REASON = "逾期自动督办";
/** The handler answers an automatic order within one working day. */
const AUTOMATIC_RESPONSE_WORKING_DAYS = 1;

/**
 * An automatic order "covers" a ticket while it is unanswered, or until its due
 * time once answered: so an overdue ticket gets at most one new automatic order
 * per response period, instead of a fresh one the minute after each answer.
 */
const notCovered = (now: Date) => (ticketId: AnyColumn) => sql`not exists (
  select 1 from ${supervisionOrders} o
  where o.ticket_id = ${ticketId} and o.is_automatic and (o.responded_at is null or o.due_at > ${now}))`;

/** Overdue tickets no automatic order covers; those in `last` (recent failures) after the others. */
export async function findTicketsToEscalate(tx: Tx, now: Date, limit: number, last: readonly string[] = []): Promise<string[]> {
  return findOverdueTicketIds(tx, now, limit, notCovered(now), last);
}

/**
 * 逾期自动督办: an overdue ticket gets an automatic order, due in one working day,
 * put before the supervisors whose scope covers the handling unit (or the
 * matter's region while no unit holds it). Re-checked under the row lock, so
 * concurrent schedulers issue it once. Returns the order id, or null if nothing was due.
 */
export async function escalateOverdueTicket(tx: Tx, actor: Actor, ticketId: string, now: Date): Promise<string | null> {
  const row = await lockTicket(tx, ticketId);
  if (!(await isTicketOverdue(tx, ticketId, now, notCovered(now)))) return null;
  const supervisors = await findStaffCovering(tx, row.unitRegionPath ?? row.regionPath, "supervisor");
  // Counted on the working days of the matter's region, as the ticket's own deadlines.
  const calendar = await loadCalendar(tx, row.regionPath);
  return insertSupervisionOrder(
    tx,
    actor,
    row,
    {
      reason: AUTOMATIC_SUPERVISION_REASON,
      dueAt: calendar.addWorkingDays(now, AUTOMATIC_RESPONSE_WORKING_DAYS),
      isAutomatic: true,
      addresseeIds: supervisors.map((s) => s.id),
    },
    now,
  );
}
