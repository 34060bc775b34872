import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
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
