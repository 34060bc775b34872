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
