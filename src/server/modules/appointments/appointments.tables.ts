import { pgTable, text, uuid, integer, boolean, timestamp } from "drizzle-orm/pg-core";
import type { ServiceType } from "../services/service-catalogue.ts";
import type { BookingStatus } from "./booking-rules.ts";

/** 预约时段 (migration 0021): a venue's bookable time for one service, with its capacity. */
export const appointmentSlots = pgTable("appointment_slots", {
  id: uuid("id").primaryKey().defaultRandom(),
  venueId: uuid("venue_id").notNull(),
  /** The venue's region path when the slot was made: the slot's scope. */
  regionPath: text("region_path").notNull(),
  windowPosition: integer("window_position"),
  windowName: text("window_name"),
  serviceType: text("service_type").$type<ServiceType>().notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  capacity: integer("capacity").notNull(),
  /** Changed only under the slot's row lock, with the booking (CHECK booked_count <= capacity). */
  bookedCount: integer("booked_count").notNull(),
  isClosed: boolean("is_closed").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** 预约: a citizen's place in a slot. Contact data sealed by the protector. */
export const appointmentBookings = pgTable("appointment_bookings", {
  id: uuid("id").primaryKey().defaultRandom(),
  slotId: uuid("slot_id").notNull(),
  citizenId: uuid("citizen_id").notNull(),
  code: text("code").notNull(),
  contactNameEnc: text("contact_name_enc").notNull(),
  contactPhoneEnc: text("contact_phone_enc").notNull(),
  contactPhoneHash: text("contact_phone_hash").notNull(),
  note: text("note").notNull(),
  status: text("status").$type<BookingStatus>().notNull(),
  idempotencyKey: text("idempotency_key"),
  idempotencyFingerprint: text("idempotency_fingerprint"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  rescheduledAt: timestamp("rescheduled_at", { withTimezone: true }),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  cancelledBy: text("cancelled_by").$type<"citizen" | "staff">(),
  attendanceMarkedAt: timestamp("attendance_marked_at", { withTimezone: true }),
  attendanceMarkedBy: uuid("attendance_marked_by"),
  remindedAt: timestamp("reminded_at", { withTimezone: true }),
});

export type SlotRow = typeof appointmentSlots.$inferSelect;
export type BookingRow = typeof appointmentBookings.$inferSelect;
