import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentBookings, appointmentSlots } from "../appointments.tables.ts";
import { appointmentSlotPolicy } from "../appointments.policy.ts";
import { noticeBooking } from "../appointment-notices.ts";

async function lockSlot(tx: Tx, actor: Actor, slotId: string, now: Date) {
  const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId)).for("update").limit(1);
  if (!slot) throw notFound("Appointment slot");
  appointmentSlotPolicy.authorize(actor, "manage", slot);
  if (slot.startsAt.getTime() <= now.getTime()) throw new AppError("INVALID_TRANSITION", "The slot has begun; it can no longer be closed or reopened", { extra: { reason: "slot_started" } });
  return slot;
}

/**
 * 停止接待 a slot: no new bookings, and the bookings it holds are cancelled, each
 * citizen told through the outbox (in this transaction). Closing a closed slot
 * changes nothing. Returns how many bookings were cancelled.
 */
export async function closeSlot(tx: Tx, actor: Actor, slotId: string, now: Date, protector: Protector): Promise<number> {
  const slot = await lockSlot(tx, actor, slotId, now);
  if (slot.isClosed) return 0;
  const cancelled = await tx
    .update(appointmentBookings)
    .set({ status: "cancelled", cancelledAt: now, cancelledBy: "staff" })
    .where(and(eq(appointmentBookings.slotId, slot.id), eq(appointmentBookings.status, "booked")))
    .returning();
  await tx.update(appointmentSlots).set({ isClosed: true, bookedCount: 0, updatedAt: now }).where(eq(appointmentSlots.id, slot.id));
  const venueName = (await findVenueSummaries(tx, [slot.venueId])).get(slot.venueId)?.name ?? "";
  for (const booking of cancelled) await noticeBooking(tx, protector, { booking, slot, venueName, template: "appointment_slot_closed", now });
  await recordAudit(tx, {
    actor,
    action: "appointment.slot_close",
    entityType: "appointment_slot",
    entityId: slot.id,
    at: now,
    regionPath: slot.regionPath,
    detail: { startsAt: slot.startsAt.toISOString(), serviceType: slot.serviceType, cancelledBookings: cancelled.map((b) => b.code) },
  });
  return cancelled.length;
}

/** Opens a closed slot again (the bookings it cancelled stay cancelled). */
export async function reopenSlot(tx: Tx, actor: Actor, slotId: string, now: Date): Promise<void> {
  const slot = await lockSlot(tx, actor, slotId, now);
  if (!slot.isClosed) return;
  await tx.update(appointmentSlots).set({ isClosed: false, updatedAt: now }).where(eq(appointmentSlots.id, slot.id));
  await recordAudit(tx, {
    actor,
    action: "appointment.slot_reopen",
    entityType: "appointment_slot",
    entityId: slot.id,
    at: now,
    regionPath: slot.regionPath,
    detail: { startsAt: slot.startsAt.toISOString(), serviceType: slot.serviceType },
  });
}
