import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { HOTLINE_STATISTICS_READERS } from "./hotline-statistics.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";

type Scoped = { regionPath: string };

/** Admins register the phone systems of their region and see them (their keys are never shown again). */
export const hotlineSourcePolicy = definePolicy<Scoped, "manage">("hotline source", {
  read: (actor, source) => isWithinScope(actor, source.regionPath) && hasRole(actor, "admin"),
  manage: (actor, source) => isWithinScope(actor, source.regionPath) && hasRole(actor, "admin"),
});

/** Who sees the seats: those who run the hotline (admins, leaders, supervisors) and its operators. */
const SEAT_READERS = ["admin", "leader", "supervisor", "operator"] as const;

/** Seats map a phone system's extensions to operators: admins of the region change them. */
export const seatPolicy = definePolicy<Scoped, "manage">("seat", {
  read: (actor, seat) => isWithinScope(actor, seat.regionPath) && hasRole(actor, ...SEAT_READERS),
  manage: (actor, seat) => isWithinScope(actor, seat.regionPath) && hasRole(actor, "admin"),
});

/** The list filters: the same rules as `read`. */
export const hotlineSourceScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, "admin") ? scopeCondition(actor, regionPath) : sql`false`;
export const seatScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, ...SEAT_READERS) ? scopeCondition(actor, regionPath) : sql`false`;

/** Who sits at a seat and keeps a state: hotline operators, and duty lawyers calls are transferred to. */
export const SEAT_HOLDER_ROLES = ["operator", "lawyer"] as const;
export const canHoldSeat = (actor: Actor) => isStaff(actor) && hasRole(actor, ...SEAT_HOLDER_ROLES);

/** The hotline's figures (话务统计): those who run the hotline, for their own region's subtree. */
export const hotlineStatisticsPolicy = definePolicy<Scoped, never>("hotline statistics", {
  read: (actor, scope) => isWithinScope(actor, scope.regionPath) && (actor.kind === "system" || hasRole(actor, ...HOTLINE_STATISTICS_READERS)),
});

/** The live desk (the WebSocket): an operator's or duty lawyer's own seats, calls and state, and no one else's. */
export const deskPolicy = definePolicy<{ operatorId: string }, never>("desk", {
  read: (actor, desk) => canHoldSeat(actor) && actor.id === desk.operatorId,
});

/** Who runs the hotline of a region and may open any of its calls. */
const CALL_OVERSEERS = ["admin", "leader", "supervisor"] as const;

/**
 * A call's pop-up (its caller's earlier calls and tickets): the operator (or duty
 * lawyer) the call concerns — at its seat, the seat it was transferred to, or
 * attributed to them — and the admins, leaders and supervisors of its region.
 */
export const callHistoryPolicy = definePolicy<{ regionPath: string; concernedOperatorIds: readonly string[] }, never>("call", {
  read: (actor, call) =>
    isStaff(actor) && ((canHoldSeat(actor) && call.concernedOperatorIds.includes(actor.id)) || (isWithinScope(actor, call.regionPath) && hasRole(actor, ...CALL_OVERSEERS))),
});

/** The earlier calls a pop-up lists: those of the actor's region (a supervisor's, an operator's county). */
export const callListScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL => (actor.kind === "system" ? sql`true` : isStaff(actor) ? scopeCondition(actor, regionPath) : sql`false`);

// ——— The operator desk's actions on a call (docs/hotline-desk.md). ———

/** `concernedOperatorIds`: the operators the call concerns, as its pushes and pop-up go to (queries/desk-calls.ts operatorsConcerned). */
type DeskCall = { regionPath: string; concernedOperatorIds: readonly string[] };
const isCallOperator = (actor: Actor, call: DeskCall) => isStaff(actor) && call.concernedOperatorIds.includes(actor.id) && isWithinScope(actor, call.regionPath);
const isRegionSupervisor = (actor: Actor, call: DeskCall) => isWithinScope(actor, call.regionPath) && hasRole(actor, "supervisor");

/**
 * A call at a seat is its operator's to work (the seat's, the seat it was transferred to, whoever is busy with it): notes, a ticket taken in from it, a
 * consultation resolved on it, a transfer asked for. Supervisors of the region read
 * its notes and add theirs (quality checks); the tickets are taken in by operators
 * only (the intake's own rule: duty lawyers at a seat do not take requests in).
 */
export const deskCallPolicy = definePolicy<DeskCall, "note" | "takeIn" | "transfer">("call", {
  read: (actor, call) => isCallOperator(actor, call) || isRegionSupervisor(actor, call),
  note: (actor, call) => isCallOperator(actor, call) || isRegionSupervisor(actor, call),
  takeIn: (actor, call) => isCallOperator(actor, call) && hasRole(actor, "operator"),
  transfer: (actor, call) => isCallOperator(actor, call),
});
// ——— Part 3: the duty roster ———

/** Who reads a region's roster: those who run the hotline, and the operators and lawyers on it (read-only). */
const ROSTER_READERS = ["admin", "leader", "supervisor", "operator", "lawyer"] as const;

/** The roster of a region: admins and supervisors of the region plan it; the others read it. */
export const shiftPolicy = definePolicy<Scoped, "manage">("shift", {
  read: (actor, shift) => isWithinScope(actor, shift.regionPath) && hasRole(actor, ...ROSTER_READERS),
  manage: (actor, shift) => isWithinScope(actor, shift.regionPath) && hasRole(actor, "admin", "supervisor"),
});
export const shiftScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, ...ROSTER_READERS) ? scopeCondition(actor, regionPath) : sql`false`;
// ——— Callbacks (回拨), follow-up surveys and quality (质检) (docs/hotline-callbacks.md) ———

/** Who sees the region's callbacks: the desk (operators, supervisors) and those who run the hotline. */
const CALLBACK_READERS = ["admin", "leader", "supervisor", "operator"] as const;
/** Who calls back: operators, and supervisors who stand in at the desk. */
const CALLBACK_WORKERS = ["operator", "supervisor"] as const;

/** Callbacks of the region: the desk claims one, records its attempts and, for a follow-up, the survey. */
export const callbackPolicy = definePolicy<Scoped, "work">("callback", {
  read: (actor, callback) => isWithinScope(actor, callback.regionPath) && hasRole(actor, ...CALLBACK_READERS),
  work: (actor, callback) => isWithinScope(actor, callback.regionPath) && hasRole(actor, ...CALLBACK_WORKERS),
});
export const callbackScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, ...CALLBACK_READERS) ? scopeCondition(actor, regionPath) : sql`false`;

/** The quality review queue: supervisors score; leaders and admins read the results. Operators never see it. */
const REVIEW_READERS = ["admin", "leader", "supervisor"] as const;
export const qualityReviewPolicy = definePolicy<Scoped, "score">("quality review", {
  read: (actor, review) => isWithinScope(actor, review.regionPath) && hasRole(actor, ...REVIEW_READERS),
  score: (actor, review) => isWithinScope(actor, review.regionPath) && hasRole(actor, "supervisor"),
});
export const qualityReviewScope = (actor: Actor, regionPath: AnyColumn | SQL): SQL =>
  actor.kind === "system" ? sql`true` : hasRole(actor, ...REVIEW_READERS) ? scopeCondition(actor, regionPath) : sql`false`;

/** A bureau's callback, survey and quality settings: its admins change them; the desk reads them. */
export const callbackSettingsPolicy = definePolicy<Scoped, "update">("callback settings", {
  read: (actor, node) => isWithinScope(actor, node.regionPath) && hasRole(actor, ...CALLBACK_READERS),
  update: (actor, node) => isWithinScope(actor, node.regionPath) && hasRole(actor, "admin"),
});
