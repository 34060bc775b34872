import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { hasRole, type Actor, type Role } from "../../../policies/actor.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { visibleTicketCondition } from "../../tickets/queries/ticket-facts.ts";
import { followUps } from "../oversight.tables.ts";
import { followUpPolicy, ownFollowUpRoles, visibleFollowUpRoles } from "../oversight.policy.ts";
import type { FollowUpListQuery, FollowUpView } from "../oversight.types.ts";

/**
 * What puts a task in a 回访 queue (null: the actor has no such queue); the list
 * and the home page's counts both use it.
 */
export function followUpQueueCondition(actor: Actor, queue: NonNullable<FollowUpListQuery["queue"]>): SQL | null {
  const roles = queue === "mine" ? ownFollowUpRoles(actor) : visibleFollowUpRoles(actor);
  if (roles.length === 0) return null;
  return and(visibleTicketCondition(actor, followUps.ticketId), inArray(followUps.role, roles), queue === "done" ? isNotNull(followUps.doneAt) : isNull(followUps.doneAt))!;
}

/**
 * 回访 queues within the ticket scope. `mine`: open tasks of the actor's own
 * roles, soonest due first; `open`: every open task the actor oversees; `done`:
 * recorded ones, latest first. The number is shown in full only to whoever has
 * to make the call (the task's role); everyone else gets it masked.
 */
export async function findFollowUps(
  tx: Tx,
  actor: Actor,
  protector: Protector,
  query: FollowUpListQuery & { id?: string },
  now: Date,
): Promise<{ items: FollowUpView[]; total: number }> {
  const queue = query.queue ?? "mine";
  const condition = followUpQueueCondition(actor, queue);
  if (!condition) return { items: [], total: 0 };
  const conditions: SQL[] = [condition];
  if (query.id) conditions.push(eq(followUps.id, query.id));
  const where = and(...conditions);
  const order = queue === "done" ? [desc(followUps.doneAt), desc(followUps.id)] : [asc(followUps.dueAt), asc(followUps.id)];
  // One after the other: inside a transaction both would share one connection.
  const tasks = await tx
    .select()
    .from(followUps)
    .where(where)
    .orderBy(...order)
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(followUps).where(where);
  const ticketsById = new Map((await getTicketRows(tx, tasks.map((t) => t.ticketId))).map((t) => [t.id, t]));
  const rows = tasks.flatMap((task) => {
    const ticket = ticketsById.get(task.ticketId);
    return ticket ? [{ task, ticket }] : [];
  });
  const name = await findStaffNames(tx, rows.map((r) => r.task.doneBy));
  const items = rows.map(({ task, ticket }) => {
    const isCaller = hasRole(actor, task.role as Role);
    const phone = presentSealed(protector, ticket.applicantPhoneEnc, (plain) => (isCaller ? plain : maskPhone(plain)));
    return {
      id: task.id,
      ticket: { id: ticket.id, number: ticket.number, status: ticket.status },
      applicant: { name: ticket.applicantName, phone },
      method: task.method,
      reason: task.reason,
      role: task.role,
      isMandatory: task.isMandatory,
      dueAt: task.dueAt.toISOString(),
      isOverdue: !task.doneAt && task.dueAt.getTime() < now.getTime(),
      outcome: task.outcome,
      isSatisfied: task.isSatisfied,
      doneBy: task.doneBy ? { id: task.doneBy, displayName: name.get(task.doneBy) ?? "?" } : null,
      doneAt: task.doneAt?.toISOString() ?? null,
      // Operator tasks are done with the ticket action follow_up; this endpoint completes the supervisor's.
      abilities: { complete: !task.doneAt && task.role === "supervisor" && followUpPolicy.can(actor, "complete", { ticket, role: task.role }) },
      createdAt: task.createdAt.toISOString(),
    };
  });
  return { items, total };
}
