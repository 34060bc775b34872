import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { UNREADABLE_MARKER, type Protector } from "../../../platform/personal/protect.ts";
import type { Actor, CitizenActor } from "../../../policies/actor.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentBookings, appointmentSlots, type BookingRow, type SlotRow } from "../appointments.tables.ts";
import { appointmentSlotPolicy, bookingOwnerPolicy } from "../appointments.policy.ts";
import { citizenAbilities } from "../booking-rules.ts";
import type { MyBookingView, StaffBookingView } from "../appointments.types.ts";
import { venueForStaff } from "./find-slots.ts";

type Joined = { booking: BookingRow; slot: SlotRow };

const open = (protector: Protector, sealed: string) => protector.tryDecrypt(sealed) ?? UNREADABLE_MARKER;

const slotRef = (slot: SlotRow) => ({ id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), serviceType: slot.serviceType, windowName: slot.windowName });

/** A citizen's own bookings: the phone masked (it is theirs, but screens are looked over). */
export async function presentMyBookings(tx: Tx, protector: Protector, rows: Joined[], now: Date): Promise<MyBookingView[]> {
  const venues = await findVenueSummaries(tx, rows.map((r) => r.slot.venueId));
  return rows.map(({ booking, slot }) => {
    const venue = venues.get(slot.venueId);
    return {
      id: booking.id,
      code: booking.code,
      status: booking.status,
      contactName: open(protector, booking.contactNameEnc),
      contactPhone: maskPhone(open(protector, booking.contactPhoneEnc)),
      note: booking.note,
      slot: slotRef(slot),
      venue: { id: slot.venueId, name: venue?.name ?? "", address: venue?.address ?? "", phone: venue?.phone ?? "" },
      createdAt: booking.createdAt.toISOString(),
      cancelledAt: booking.cancelledAt?.toISOString() ?? null,
      abilities: citizenAbilities(booking.status, slot.startsAt, now),
    };
  });
}

const joined = (tx: Tx) =>
  tx.select({ booking: appointmentBookings, slot: appointmentSlots }).from(appointmentBookings).innerJoin(appointmentSlots, eq(appointmentSlots.id, appointmentBookings.slotId));

/** The citizen's bookings, latest appointment first (at most 100). */
export async function findMyBookings(tx: Tx, actor: CitizenActor, protector: Protector, now: Date): Promise<MyBookingView[]> {
  const rows = await joined(tx).where(eq(appointmentBookings.citizenId, actor.id)).orderBy(desc(appointmentSlots.startsAt), desc(appointmentBookings.createdAt)).limit(100);
  return presentMyBookings(tx, protector, rows, now);
}

/** One booking of its owner; anyone else is told it does not exist. */
export async function getMyBooking(tx: Tx, actor: Actor, protector: Protector, id: string, now: Date): Promise<MyBookingView> {
  const [row] = await joined(tx).where(eq(appointmentBookings.id, id)).limit(1);
  if (!row) throw notFound("Appointment");
  bookingOwnerPolicy.authorize(actor, "read", row.booking);
  return (await presentMyBookings(tx, protector, [row], now))[0];
}

/**
 * 当日预约: a venue's bookings of one Beijing day, cancelled ones included, in
 * time order. Staff who receive the citizens (window, admin) see the phone in
 * full to call them; a leader reading the day sees it masked.
 */
export async function findDayBookings(tx: Tx, actor: Actor, protector: Protector, filter: { venueId: string; date: string }, now: Date): Promise<StaffBookingView[]> {
  await venueForStaff(tx, actor, filter.venueId, "read");
  const rows = await joined(tx)
    .where(and(eq(appointmentSlots.venueId, filter.venueId), gte(appointmentSlots.startsAt, beijingDayStart(filter.date)), lt(appointmentSlots.startsAt, beijingDayEnd(filter.date))))
    .orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.windowPosition), asc(appointmentBookings.createdAt))
    .limit(2000);
  return rows.map(({ booking, slot }) => {
    const canManage = appointmentSlotPolicy.can(actor, "manage", slot);
    const phone = open(protector, booking.contactPhoneEnc);
    return {
      id: booking.id,
      code: booking.code,
      status: booking.status,
      contactName: open(protector, booking.contactNameEnc),
      contactPhone: canManage ? phone : maskPhone(phone),
      note: booking.note,
      slot: slotRef(slot),
      createdAt: booking.createdAt.toISOString(),
      cancelledAt: booking.cancelledAt?.toISOString() ?? null,
      abilities: { markAttendance: canManage && booking.status !== "cancelled" && now.getTime() >= beijingDayStart(filter.date).getTime() },
    };
  });
}
