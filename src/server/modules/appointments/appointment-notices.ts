import type { Tx } from "../../platform/db/index.ts";
import type { Protector } from "../../platform/personal/protect.ts";
import { formatBeijingDateTime } from "../../platform/beijing-time.ts";
import { enqueueNotification, type AppointmentTemplate } from "../notifications/commands/enqueue-notification.ts";
import type { BookingRow, SlotRow } from "./appointments.tables.ts";

/** "2026-11-20 09:00–10:00", Beijing time: how a slot is written in a message. */
export const slotTimeText = (slot: Pick<SlotRow, "startsAt" | "endsAt">) =>
  `${formatBeijingDateTime(slot.startsAt)}–${formatBeijingDateTime(slot.endsAt).slice(11)}`;

/**
 * Puts a message about a booking in the outbox, in the booking's transaction (the
 * outbox sends it after commit and retries). The phone is opened from the booking
 * and sealed again by the outbox; the payload holds no personal data.
 */
export async function noticeBooking(
  tx: Tx,
  protector: Protector,
  input: { booking: Pick<BookingRow, "code" | "contactPhoneEnc">; slot: Pick<SlotRow, "startsAt" | "endsAt" | "serviceType" | "regionPath">; venueName: string; template: AppointmentTemplate; now: Date },
): Promise<void> {
  await enqueueNotification(tx, protector, {
    ticketId: null,
    regionPath: input.slot.regionPath,
    phone: protector.decrypt(input.booking.contactPhoneEnc),
    template: input.template,
    payload: { code: input.booking.code, venue: input.venueName, serviceType: input.slot.serviceType, time: slotTimeText(input.slot) },
    now: input.now,
  });
}
