import { definePolicy } from "../../policies/engine.ts";
import { hasRole, type Actor, type Role } from "../../policies/actor.ts";
import { AppError } from "../../platform/errors.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";

type TicketRecord = { regionPath: string; unitRegionPath: string | null; assigneeId: string | null };
type FollowUpRecord = { ticket: TicketRecord; role: string };

/** Who reads the 督办 ledger (its rows are then limited by the ticket scope). */
export const SUPERVISION_LEDGER_ROLES: Role[] = ["supervisor", "dispatcher", "leader", "admin"];
/** Roles that oversee every follow-up queue, whoever has to do the calling. */
const FOLLOW_UP_OVERSEERS: Role[] = ["dispatcher", "leader", "admin"];
/** Roles a follow-up task can be given to. */
export const FOLLOW_UP_ROLES = ["operator", "supervisor"] as const;

/** A follow-up (回访) belongs to its ticket: seen with the ticket, done by the role it was given to. */
export const followUpPolicy = definePolicy<FollowUpRecord, "complete">("follow-up", {
  read: (actor, f) => ticketPolicy.can(actor, "read", f.ticket),
  complete: (actor, f) => ticketPolicy.can(actor, "read", f.ticket) && hasRole(actor, f.role as Role),
});

/** Ledgers and outboxes are lists: the role is checked here, the rows by the ticket scope. */
export function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (actor.kind === "system") return;
  if (!hasRole(actor, ...roles)) throw new AppError("FORBIDDEN", `Only ${roles.join(", ")} may read ${what}`);
}

/**
 * Which follow-up tasks an actor's lists show: operators see the operator tasks,
 * supervisors the supervisor ones; dispatchers, leaders and admins all of them.
 * An empty list means the actor has no business with follow-ups.
 */
export function visibleFollowUpRoles(actor: Actor): string[] {
  if (actor.kind === "system" || hasRole(actor, ...FOLLOW_UP_OVERSEERS)) return [...FOLLOW_UP_ROLES];
  return FOLLOW_UP_ROLES.filter((role) => hasRole(actor, role));
}

/** The roles whose tasks are the actor's own to do (the "mine" queue). */
export const ownFollowUpRoles = (actor: Actor): string[] => FOLLOW_UP_ROLES.filter((role) => hasRole(actor, role));
