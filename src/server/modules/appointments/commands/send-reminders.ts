import { and, asc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { addDays, beijingDate } from "../../calendar/working-calendar.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentBookings, appointmentSlots } from "../appointments.tables.ts";
import { noticeBooking } from "../appointment-notices.ts";

/** Reminders go out from this Beijing hour of the day before, not in the night. */
export const REMINDER_FROM_HOUR = 8;

/** The window of slot starts whose reminder is due at `now`: tomorrow (Beijing), once today's reminder hour has come. */
export function reminderWindow(now: Date): { from: Date; to: Date } | null {
  const today = beijingDate(now);
  if (now.getTime() < beijingDayStart(today).getTime() + REMINDER_FROM_HOUR * 3_600_000) return null;
  const tomorrow = addDays(today, 1);
  return { from: beijingDayStart(tomorrow), to: beijingDayEnd(tomorrow) };
}

const dueCondition = (window: { from: Date; to: Date }) =>
  and(
    eq(appointmentBookings.status, "booked"),
    isNull(appointmentBookings.remindedAt),
    eq(appointmentSlots.isClosed, false),
    gte(appointmentSlots.startsAt, window.from),
    lt(appointmentSlots.startsAt, window.to),
  );

/** Bookings whose reminder of the day before is due and not yet sent; those that failed lately last. */
export async function findBookingsToRemind(tx: Tx, now: Date, limit: number, failing: readonly string[] = []): Promise<string[]> {
  const window = reminderWindow(now);
  if (!window) return [];
  const order = [asc(appointmentSlots.startsAt), asc(appointmentBookings.id)];
  if (failing.length) order.unshift(asc(sql`(${appointmentBookings.id}::text = any(${failing as string[]}))`));
  const rows = await tx
    .select({ id: appointmentBookings.id })
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointmentBookings.slotId))
    .where(dueCondition(window))
    .orderBy(...order)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * 提前一天提醒: marks the booking reminded and puts the reminder in the outbox, in
 * one transaction. The mark is a conditional update (still booked, not reminded,
 * its slot still tomorrow), so of two runs — two ticks, two processes — exactly
 * one enqueues. Returns whether this call did.
 */
export async function remindBooking(tx: Tx, protector: Protector, bookingId: string, now: Date): Promise<boolean> {
  const window = reminderWindow(now);
  if (!window) return false;
  const [booking] = await tx
    .update(appointmentBookings)
    .set({ remindedAt: now })
    .where(
      and(
        eq(appointmentBookings.id, bookingId),
        eq(appointmentBookings.status, "booked"),
        isNull(appointmentBookings.remindedAt),
        sql`${appointmentBookings.slotId} in (select ${appointmentSlots.id} from ${appointmentSlots} where not ${appointmentSlots.isClosed} and ${appointmentSlots.startsAt} >= ${window.from} and ${appointmentSlots.startsAt} < ${window.to})`,
      ),
    )
    .returning();
  if (!booking) return false;
  const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, booking.slotId)).limit(1);
  const venueName = (await findVenueSummaries(tx, [slot.venueId])).get(slot.venueId)?.name ?? "";
  await noticeBooking(tx, protector, { booking, slot, venueName, template: "appointment_reminder", now });
  return true;
}
