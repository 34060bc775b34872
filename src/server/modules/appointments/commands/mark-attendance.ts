import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { appointmentBookings, appointmentSlots } from "../appointments.tables.ts";
import { appointmentSlotPolicy } from "../appointments.policy.ts";
import { checkTransition } from "./change-booking.ts";

/** 到场 / 未到: staff of the venue mark a booking from its day on (and may correct the mark). */
export async function markAttendance(tx: Tx, actor: Actor, bookingId: string, status: "attended" | "no_show", now: Date): Promise<void> {
  const [booking] = await tx.select().from(appointmentBookings).where(eq(appointmentBookings.id, bookingId)).for("update").limit(1);
  if (!booking) throw notFound("Appointment");
  const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, booking.slotId)).limit(1);
  appointmentSlotPolicy.authorize(actor, "manage", slot);
  const next = checkTransition(booking.status, status === "attended" ? "mark_attended" : "mark_no_show", slot.startsAt, now);
  if (next === booking.status) return;
  await tx.update(appointmentBookings).set({ status: next, attendanceMarkedAt: now, attendanceMarkedBy: actor.id }).where(eq(appointmentBookings.id, booking.id));
  await recordAudit(tx, {
    actor,
    action: "appointment.attendance",
    entityType: "appointment_booking",
    entityId: booking.id,
    at: now,
    regionPath: slot.regionPath,
    detail: { code: booking.code, from: booking.status, to: next },
  });
}
