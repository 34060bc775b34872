import { sql, type SQL } from "drizzle-orm";
import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { appointmentSlots } from "./appointments.tables.ts";

/**
 * Who works with a venue's appointments: the window staff (综合窗口 and the service
 * windows: they open the slots and receive the citizens) and the admins of the
 * venue's region or any node above it. Leaders read the day's bookings of their
 * scope (oversight) but change nothing. Citizens never act on slots; their own
 * bookings are theirs alone (`bookingOwnerPolicy`).
 */
export const SLOT_MANAGER_ROLES: Role[] = ["window", "admin"];
export const SLOT_READER_ROLES: Role[] = ["window", "admin", "leader"];

type SlotRecord = { regionPath: string };

export const appointmentSlotPolicy = definePolicy<SlotRecord, "manage">("appointment slot", {
  read: (actor, slot) => isWithinScope(actor, slot.regionPath) && hasRole(actor, ...SLOT_READER_ROLES),
  // Create, close, reopen; mark attendance of its bookings.
  manage: (actor, slot) => isWithinScope(actor, slot.regionPath) && hasRole(actor, ...SLOT_MANAGER_ROLES),
});

/** The list filter of the staff side: the same rule as `read`. */
export const appointmentSlotScope = (actor: Actor): SQL =>
  actor.kind === "system" || hasRole(actor, ...SLOT_READER_ROLES) ? scopeCondition(actor, appointmentSlots.regionPath) : sql`false`;

type BookingRecord = { citizenId: string };

/**
 * A booking is its citizen's: only they read, cancel or move it. Anyone else
 * (another citizen, staff through the portal routes) is told it does not exist.
 */
export const bookingOwnerPolicy = definePolicy<BookingRecord, "cancel" | "reschedule">("appointment", {
  read: (actor, booking) => actor.kind === "citizen" && actor.id === booking.citizenId,
  cancel: (actor, booking) => actor.kind === "citizen" && actor.id === booking.citizenId,
  reschedule: (actor, booking) => actor.kind === "citizen" && actor.id === booking.citizenId,
});
