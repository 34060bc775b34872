import { and, or, sql, eq, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { AppError } from "../../platform/errors.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { tickets } from "./tickets.tables.ts";
import { isActionPossible, TICKET_ACTION_TYPES, type TicketActionType, type TicketStatus } from "./tickets.state.ts";

/** What the rules of who may act need to know of a ticket. */
type TicketRecord = { regionPath: string; unitRegionPath: string | null; assigneeId: string | null; createdBy?: string | null; createdByKind?: string };

/** What the rules of when need to know besides: its state and the facts kept on the row. */
export type TicketFacts = TicketRecord & { status: TicketStatus; resolvedAt: Date | null; isSupervised: boolean; ratedAt: Date | null };

/** Where the matter is, or which unit handles it, or whom it is assigned to. */
const sees = (actor: Actor, t: TicketRecord) =>
  isWithinScope(actor, t.regionPath) ||
  (t.unitRegionPath !== null && isWithinScope(actor, t.unitRegionPath)) ||
  (isStaff(actor) && t.assigneeId === actor.id);

/** The citizen who sent the request from the portal: theirs to follow, rate, add to and reopen — nobody else's. */
const owns = (actor: Actor, t: TicketRecord) => actor.kind === "citizen" && t.createdByKind === "citizen" && t.createdBy === actor.id;

/** Roles that handle tickets (后台处理). */
const HANDLERS: Role[] = ["lawyer", "mediator", "reviewer", "advisor", "window", "operator"];

/**
 * The handler: the assignee, or a handling-role member of the unit while nobody
 * holds it. The dispatcher (中台) routes tickets but does not work them: no
 * start, resolve, suspend or send back of someone else's ticket.
 */
const handles = (actor: Actor, t: TicketRecord) =>
  isStaff(actor) &&
  (t.assigneeId === actor.id ||
    (t.assigneeId === null && t.unitRegionPath !== null && isWithinScope(actor, t.unitRegionPath) && hasRole(actor, ...HANDLERS)));

const inScopeWith = (...roles: Role[]) => (actor: Actor, t: TicketRecord) => sees(actor, t) && hasRole(actor, ...roles);

/** Abilities beyond the state machine's actions. */
export const TICKET_EXTRA_ABILITIES = ["supervise", "respondSupervision", "recordRating", "updateMaterials", "extendDeadline", "message"] as const;
export type TicketAbility = TicketActionType | (typeof TICKET_EXTRA_ABILITIES)[number];

/** 前台受理 / 中台分配 / 后台处理: who may do what to a ticket. */
export const ticketPolicy = definePolicy<TicketRecord, TicketAbility>("ticket", {
  read: (a, t) => sees(a, t) || owns(a, t),
  accept: inScopeWith("window", "operator", "dispatcher", "admin"),
  reject: inScopeWith("window", "operator", "dispatcher", "admin"),
  merge_into: inScopeWith("window", "operator", "dispatcher"),
  assign: inScopeWith("dispatcher"),
  start: handles,
  // The command centre may re-route a ticket that is being worked (转办), as the handler may.
  transfer: (a, t) => handles(a, t) || inScopeWith("dispatcher")(a, t),
  delegate: handles,
  send_back: handles,
  suspend: handles,
  resume: handles,
  resolve: handles,
  follow_up: inScopeWith("operator", "supervisor", "dispatcher"),
  archive: inScopeWith("dispatcher", "admin"),
  // The applicant may ask for it themselves within the reopen period (portal).
  reopen: (a, t) => inScopeWith("dispatcher", "supervisor", "operator")(a, t) || owns(a, t),
  supervise: inScopeWith("supervisor"),
  // Whoever holds the ticket answers a 督办 order; before dispatch that is the front desk and the command centre.
  respondSupervision: (a, t) => handles(a, t) || (t.unitRegionPath === null && inScopeWith("window", "operator", "dispatcher")(a, t)),
  recordRating: (a, t) => inScopeWith("operator", "window", "dispatcher", "supervisor")(a, t) || owns(a, t),
  updateMaterials: (a, t) => inScopeWith("window", "operator", "dispatcher")(a, t) || handles(a, t) || owns(a, t),
  // The two-way thread with the applicant (portal): whoever works or fronts the ticket answers; the applicant writes.
  message: (a, t) => inScopeWith("window", "operator", "dispatcher", "supervisor")(a, t) || handles(a, t) || owns(a, t),
  // Approving more time is the command centre's or a supervisor's call, not the handler's.
  extendDeadline: inScopeWith("dispatcher", "supervisor"),
});

/** Statuses in which a ticket is still being worked on: supervision, extensions. */
export const OPEN_STATUSES: readonly TicketStatus[] = ["submitted", "accepted", "assigned", "in_progress", "suspended"];
/** Statuses in which the work is done and can be judged (满意度评价); an archived ticket is closed for good. */
export const RATEABLE_STATUSES: readonly TicketStatus[] = ["resolved", "followed_up"];
/** Statuses in which the material list and attachments can still change. */
export const EDITABLE_STATUSES: readonly TicketStatus[] = ["submitted", "accepted", "assigned", "in_progress", "suspended", "resolved", "followed_up"];

/**
 * When each ability applies: the state machine for its actions, the ticket's
 * own facts for the rest. The commands refuse exactly these cases (409).
 */
const WHEN: Record<TicketAbility | "read", (t: TicketFacts, now: Date) => boolean> = {
  read: () => true,
  ...(Object.fromEntries(TICKET_ACTION_TYPES.map((action) => [action, (t: TicketFacts, now: Date) => isActionPossible(t, action, now)])) as Record<
    TicketActionType,
    (t: TicketFacts, now: Date) => boolean
  >),
  supervise: (t) => OPEN_STATUSES.includes(t.status),
  respondSupervision: (t) => OPEN_STATUSES.includes(t.status) && t.isSupervised,
  recordRating: (t) => RATEABLE_STATUSES.includes(t.status) && t.ratedAt === null,
  updateMaterials: (t) => EDITABLE_STATUSES.includes(t.status),
  extendDeadline: (t) => OPEN_STATUSES.includes(t.status),
  // Until it is archived or merged into another: then the conversation is over.
  message: (t) => t.status !== "archived" && t.status !== "merged",
};

/**
 * What the actor may do with the ticket now: who (the policy) and when (the
 * state machine and the ticket's facts) together. Sent with every ticket; the
 * web app shows exactly these and keeps no copy of either rule.
 */
export function ticketAbilities(actor: Actor, t: TicketFacts, now: Date): Record<TicketAbility | "read", boolean> {
  const who = ticketPolicy.abilities(actor, t);
  return Object.fromEntries(Object.entries(who).map(([ability, isAllowed]) => [ability, isAllowed && WHEN[ability as TicketAbility | "read"](t, now)])) as Record<
    TicketAbility | "read",
    boolean
  >;
}

/** Who may take a new request in, for a matter in a region of their scope; a citizen asks for themselves, wherever the matter is. */
export const canCreateTicketIn = (actor: Actor, regionPath: string) =>
  actor.kind === "system" || actor.kind === "citizen" || (isWithinScope(actor, regionPath) && hasRole(actor, "window", "operator", "dispatcher", "admin"));

/** The list filter: the same three ways of seeing a ticket as `read`. */
export function ticketScope(actor: Actor): SQL {
  if (actor.kind === "system") return sql`true`;
  if (actor.kind === "citizen") return and(eq(tickets.createdByKind, "citizen"), eq(tickets.createdBy, actor.id))!;
  if (!isStaff(actor)) return sql`false`;
  return or(scopeCondition(actor, tickets.regionPath), scopeCondition(actor, tickets.unitRegionPath), eq(tickets.assigneeId, actor.id))!;
}

/** The applicant's personal data a ticket carries, by the name of its search filter. */
export type PersonalField = "phone" | "idNumber";
export const PERSONAL_FIELDS: readonly PersonalField[] = ["phone", "idNumber"];

/**
 * Who sees each in full on every ticket they may read: phones, those who call
 * applicants back (operators, window staff, the command centre, supervisors);
 * ID numbers, legal aid reviewers, who check them.
 */
const FULL_VIEW_ROLES: Record<PersonalField, Role[]> = {
  phone: ["operator", "window", "dispatcher", "supervisor"],
  idNumber: ["reviewer"],
};

/** Does the actor see this field of this ticket in full? Those roles, and the ticket's assignee, who handles it. */
export const seesInFull = (actor: Actor, field: PersonalField, ticket: { assigneeId: string | null }) =>
  isStaff(actor) && (ticket.assigneeId === actor.id || hasRole(actor, ...FULL_VIEW_ROLES[field]));

/**
 * May the actor search tickets by this field? A search by value tells whose it
 * is, so trying the hidden digits of a masked value would recover it: only the
 * roles that see the field in full on every ticket may search by it. The
 * assignee sees it on the tickets they hold, finds those in "mine", and may not
 * search by it (their role decides, as for anyone). The system itself may.
 */
export const maySearchBy = (actor: Actor, field: PersonalField) => actor.kind === "system" || (isStaff(actor) && hasRole(actor, ...FULL_VIEW_ROLES[field]));

const FIELD_WORDS: Record<PersonalField, string> = { phone: "phone number", idNumber: "ID number" };

/** The personal-data filters of a search, once the actor may use each; 403 naming the first it may not. */
export function authorizePersonalSearch(actor: Actor, query: Partial<Record<PersonalField, string>>): PersonalField[] {
  const fields = PERSONAL_FIELDS.filter((field) => Boolean(query[field]));
  for (const field of fields) {
    if (!maySearchBy(actor, field)) {
      throw new AppError("FORBIDDEN", `Your roles see the ${FIELD_WORDS[field]} masked, so they may not search by it`, { field });
    }
  }
  return fields;
}
