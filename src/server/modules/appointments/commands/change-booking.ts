import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentBookings, appointmentSlots, type BookingRow, type SlotRow } from "../appointments.tables.ts";
import { bookingOwnerPolicy } from "../appointments.policy.ts";
import { BookingRuleError, bookingTransition, type BookingAction, type BookingStatus } from "../booking-rules.ts";
import { noticeBooking } from "../appointment-notices.ts";
import { slotRefusal } from "./book-appointment.ts";

/** The rule's refusal as the API's: INVALID_TRANSITION with the reason the portal words. */
export function checkTransition(status: BookingStatus, action: BookingAction, startsAt: Date, now: Date): BookingStatus {
  try {
    return bookingTransition(status, action, startsAt, now);
  } catch (error) {
    if (error instanceof BookingRuleError) throw new AppError("INVALID_TRANSITION", error.message, { extra: { reason: error.reason } });
    throw error;
  }
}

/**
 * The owner's booking and the slots involved, locked in one order (slots by id,
 * then the booking) — the order booking uses too — so two changes never deadlock.
 */
async function lockOwnBooking(tx: Tx, actor: Actor, bookingId: string, action: "cancel" | "reschedule", otherSlotId?: string) {
  const [unlocked] = await tx.select().from(appointmentBookings).where(eq(appointmentBookings.id, bookingId)).limit(1);
  if (!unlocked) throw notFound("Appointment");
  bookingOwnerPolicy.authorize(actor, action, unlocked);
  const slotIds = [...new Set([unlocked.slotId, ...(otherSlotId ? [otherSlotId] : [])])].sort();
  const slots = await tx.select().from(appointmentSlots).where(inArray(appointmentSlots.id, slotIds)).orderBy(appointmentSlots.id).for("update");
  const [booking] = await tx.select().from(appointmentBookings).where(eq(appointmentBookings.id, bookingId)).for("update").limit(1);
  // Moved by a concurrent change between the first read and the locks: its slot is not locked here.
  if (!slotIds.includes(booking.slotId)) throw new AppError("CONFLICT", "The appointment changed meanwhile; try again", { extra: { canRetry: true } });
  return { booking, slots: new Map(slots.map((s) => [s.id, s])) };
}

const venueNameOf = async (tx: Tx, slot: SlotRow) => (await findVenueSummaries(tx, [slot.venueId])).get(slot.venueId)?.name ?? "";

/** 取消预约, before the slot starts. Cancelling a cancelled booking changes nothing (a retry). */
export async function cancelBooking(tx: Tx, actor: Actor, bookingId: string, now: Date, protector: Protector): Promise<void> {
  const { booking, slots } = await lockOwnBooking(tx, actor, bookingId, "cancel");
  if (booking.status === "cancelled") return;
  const slot = slots.get(booking.slotId)!;
  checkTransition(booking.status, "cancel", slot.startsAt, now);
  await tx.update(appointmentBookings).set({ status: "cancelled", cancelledAt: now, cancelledBy: "citizen" }).where(eq(appointmentBookings.id, booking.id));
  await tx.update(appointmentSlots).set({ bookedCount: sql`${appointmentSlots.bookedCount} - 1` }).where(eq(appointmentSlots.id, slot.id));
  await noticeBooking(tx, protector, { booking, slot, venueName: await venueNameOf(tx, slot), template: "appointment_cancelled", now });
}

/**
 * 改约: the booking moves to another slot in one transaction — its place in the
 * old slot is given back and one in the new slot taken, or neither happens. It
 * keeps its code; its reminder is due again for the new day. Moving to the slot
 * it is in already changes nothing (a retry).
 */
export async function rescheduleBooking(tx: Tx, actor: Actor, bookingId: string, targetSlotId: string, now: Date, protector: Protector): Promise<void> {
  const { booking, slots } = await lockOwnBooking(tx, actor, bookingId, "reschedule", targetSlotId);
  if (booking.slotId === targetSlotId && booking.status === "booked") return;
  const from = slots.get(booking.slotId)!;
  checkTransition(booking.status, "reschedule", from.startsAt, now);
  const to = slots.get(targetSlotId);
  if (!to) throw new AppError("NOT_FOUND", "No such appointment slot", { field: "slotId" });
  if (to.isClosed) throw slotRefusal("slot_closed", "The venue no longer receives in this slot");
  if (to.startsAt.getTime() <= now.getTime()) throw slotRefusal("slot_started", "The slot has begun");
  if (to.bookedCount >= to.capacity) throw slotRefusal("slot_full", "The slot is full");
  const [held] = await tx
    .select({ id: appointmentBookings.id })
    .from(appointmentBookings)
    .where(and(eq(appointmentBookings.slotId, to.id), eq(appointmentBookings.citizenId, booking.citizenId), eq(appointmentBookings.status, "booked")))
    .limit(1);
  if (held) throw slotRefusal("already_booked", "You have booked that slot already");
  await tx.update(appointmentSlots).set({ bookedCount: sql`${appointmentSlots.bookedCount} - 1` }).where(eq(appointmentSlots.id, from.id));
  await tx.update(appointmentSlots).set({ bookedCount: sql`${appointmentSlots.bookedCount} + 1` }).where(eq(appointmentSlots.id, to.id));
  await tx.update(appointmentBookings).set({ slotId: to.id, rescheduledAt: now, remindedAt: null }).where(eq(appointmentBookings.id, booking.id));
  await noticeBooking(tx, protector, { booking: booking as BookingRow, slot: to, venueName: await venueNameOf(tx, to), template: "appointment_rescheduled", now });
}
