import { createHash } from "node:crypto";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { CitizenActor } from "../../../policies/actor.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentBookings, appointmentSlots } from "../appointments.tables.ts";
import { newBookingCode } from "../booking-rules.ts";
import { noticeBooking } from "../appointment-notices.ts";
import type { BookInput } from "../appointments.types.ts";

/** Bookings a citizen may hold ahead at once: enough for a family's errands, too few to hoard a venue's day. */
export const MAX_ACTIVE_BOOKINGS = 5;

/** What identifies a booking request for its Idempotency-Key: a retry must send the same. */
export function bookingFingerprint(input: BookInput): string {
  const canonical = JSON.stringify([input.slotId, input.contactName.trim(), input.contactPhone, (input.note ?? "").trim()]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** A refusal the portal explains in words: `reason` says which. */
export const slotRefusal = (reason: "slot_full" | "slot_closed" | "slot_started" | "too_many" | "already_booked", message: string) =>
  new AppError("CONFLICT", message, { field: "slotId", extra: { reason } });

/**
 * 预约: a citizen takes one place in a slot. The slot's row is locked first, so
 * bookings of one slot happen one at a time: the count is checked and raised
 * under the lock (and a CHECK in the table refuses more than the capacity in any
 * case). Retries are safe twice over: the same Idempotency-Key returns the first
 * booking, and so does booking a slot the citizen already holds (the natural key).
 * The confirmation goes to the outbox in the same transaction.
 */
export async function bookAppointment(
  tx: Tx,
  actor: CitizenActor,
  input: BookInput,
  now: Date,
  options: { protector: Protector; idempotencyKey?: string },
): Promise<{ id: string; isNew: boolean }> {
  const fingerprint = bookingFingerprint(input);
  if (options.idempotencyKey) {
    const replay = await findReplay(tx, actor, options.idempotencyKey, fingerprint);
    if (replay) return { id: replay, isNew: false };
  }
  const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, input.slotId)).for("update").limit(1);
  if (!slot) throw new AppError("NOT_FOUND", "No such appointment slot", { field: "slotId" });
  // Under the slot's lock: a concurrent retry with the same key has committed or not begun.
  if (options.idempotencyKey) {
    const replay = await findReplay(tx, actor, options.idempotencyKey, fingerprint);
    if (replay) return { id: replay, isNew: false };
  }
  const [held] = await tx
    .select({ id: appointmentBookings.id })
    .from(appointmentBookings)
    .where(and(eq(appointmentBookings.slotId, slot.id), eq(appointmentBookings.citizenId, actor.id), eq(appointmentBookings.status, "booked")))
    .limit(1);
  if (held) return { id: held.id, isNew: false };
  if (slot.isClosed) throw slotRefusal("slot_closed", "The venue no longer receives in this slot");
  if (slot.startsAt.getTime() <= now.getTime()) throw slotRefusal("slot_started", "The slot has begun");
  if (slot.bookedCount >= slot.capacity) throw slotRefusal("slot_full", "The slot is full");
  const [{ ahead }] = await tx
    .select({ ahead: count() })
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointmentBookings.slotId))
    .where(and(eq(appointmentBookings.citizenId, actor.id), eq(appointmentBookings.status, "booked"), gt(appointmentSlots.startsAt, now)));
  if (ahead >= MAX_ACTIVE_BOOKINGS) throw slotRefusal("too_many", `At most ${MAX_ACTIVE_BOOKINGS} appointments ahead at once`);

  await tx.update(appointmentSlots).set({ bookedCount: sql`${appointmentSlots.bookedCount} + 1` }).where(eq(appointmentSlots.id, slot.id));
  const { protector } = options;
  const values = {
    slotId: slot.id,
    citizenId: actor.id,
    contactNameEnc: protector.encrypt(input.contactName.trim()),
    contactPhoneEnc: protector.encrypt(input.contactPhone),
    contactPhoneHash: protector.lookupHash(input.contactPhone),
    note: (input.note ?? "").trim(),
    status: "booked" as const,
    idempotencyKey: options.idempotencyKey ?? null,
    idempotencyFingerprint: options.idempotencyKey ? fingerprint : null,
    createdAt: now,
  };
  // A code already taken (one in a trillion) draws again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [booking] = await tx
      .insert(appointmentBookings)
      .values({ ...values, code: newBookingCode() })
      .onConflictDoNothing({ target: appointmentBookings.code })
      .returning();
    if (!booking) continue;
    const venueName = (await findVenueSummaries(tx, [slot.venueId])).get(slot.venueId)?.name ?? "";
    await noticeBooking(tx, protector, { booking, slot, venueName, template: "appointment_booked", now });
    return { id: booking.id, isNew: true };
  }
  throw new AppError("CONFLICT", "The booking could not be made; try again", { extra: { canRetry: true } });
}

/** The booking an earlier attempt with this key made; IDEMPOTENCY_KEY_REUSED if that attempt asked for something else. */
async function findReplay(tx: Tx, actor: CitizenActor, key: string, fingerprint: string): Promise<string | null> {
  const [found] = await tx
    .select({ id: appointmentBookings.id, fingerprint: appointmentBookings.idempotencyFingerprint })
    .from(appointmentBookings)
    .where(and(eq(appointmentBookings.citizenId, actor.id), eq(appointmentBookings.idempotencyKey, key)))
    .limit(1);
  if (!found) return null;
  if (found.fingerprint !== fingerprint) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request; send a new key for a new request", { field: "idempotency-key" });
  }
  return found.id;
}
