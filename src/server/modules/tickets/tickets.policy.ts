import { or, sql, eq, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { tickets } from "./tickets.tables.ts";
import type { TicketActionType } from "./tickets.state.ts";

type TicketRecord = { regionPath: string; unitRegionPath: string | null; assigneeId: string | null };

/** Where the matter is, or which unit handles it, or whom it is assigned to. */
const sees = (actor: Actor, t: TicketRecord) =>
  isWithinScope(actor, t.regionPath) ||
  (t.unitRegionPath !== null && isWithinScope(actor, t.unitRegionPath)) ||
  (isStaff(actor) && t.assigneeId === actor.id);

const HANDLERS: Role[] = ["lawyer", "mediator", "reviewer", "advisor", "window", "operator"];

/** The handler: the assignee, or a handling-role member of the unit while nobody holds it. */
const handles = (actor: Actor, t: TicketRecord) =>
  isStaff(actor) &&
  (t.assigneeId === actor.id ||
    (t.assigneeId === null && t.unitRegionPath !== null && isWithinScope(actor, t.unitRegionPath) && hasRole(actor, ...HANDLERS)) ||
    (sees(actor, t) && hasRole(actor, "dispatcher")));

const inScopeWith = (...roles: Role[]) => (actor: Actor, t: TicketRecord) => sees(actor, t) && hasRole(actor, ...roles);

/** 前台受理 / 中台分配 / 后台处理: who may do what to a ticket. */
export const ticketPolicy = definePolicy<TicketRecord, TicketActionType | "supervise" | "respondSupervision" | "recordRating" | "updateMaterials" | "extendDeadline">("ticket", {
  read: sees,
  accept: inScopeWith("window", "operator", "dispatcher", "admin"),
  reject: inScopeWith("window", "operator", "dispatcher", "admin"),
  merge_into: inScopeWith("window", "operator", "dispatcher"),
  assign: inScopeWith("dispatcher"),
  start: handles,
  transfer: handles,
  delegate: handles,
  send_back: (a, t) => handles(a, t) && !hasRole(a, "dispatcher"),
  suspend: handles,
  resume: handles,
  resolve: handles,
  follow_up: inScopeWith("operator", "supervisor", "dispatcher"),
  archive: inScopeWith("dispatcher", "admin"),
  reopen: inScopeWith("dispatcher", "supervisor", "operator"),
  supervise: inScopeWith("supervisor"),
  respondSupervision: handles,
  recordRating: inScopeWith("operator", "window", "dispatcher", "supervisor"),
  updateMaterials: (a, t) => inScopeWith("window", "operator", "dispatcher")(a, t) || handles(a, t),
  // Approving more time is the command centre's or a supervisor's call, not the handler's.
  extendDeadline: inScopeWith("dispatcher", "supervisor"),
});

/** Who may take a new request in, for a matter in a region of their scope. */
export const canCreateTicketIn = (actor: Actor, regionPath: string) =>
  actor.kind === "system" || (isWithinScope(actor, regionPath) && hasRole(actor, "window", "operator", "dispatcher", "admin"));

/** The list filter: the same three ways of seeing a ticket as `read`. */
export function ticketScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return or(scopeCondition(actor, tickets.regionPath), scopeCondition(actor, tickets.unitRegionPath), eq(tickets.assigneeId, actor.id))!;
}
