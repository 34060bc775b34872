import { IdempotencyHeaders } from "../../platform/schema.ts";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import type { CitizenActor } from "../../policies/actor.ts";
import {
  AttendanceSchema, BookSchema, CreateSlotsResultSchema, CreateSlotsSchema, DayQuerySchema, IdParams, MyBookingSchema,
  OpenSlotQuerySchema, OpenSlotSchema, PublicVenueQuerySchema, PublicVenueSchema, RescheduleSchema, SlotListQuerySchema, SlotSchema, StaffBookingSchema,
} from "./appointments.types.ts";
import { createSlots } from "./commands/create-slots.ts";
import { closeSlot, reopenSlot } from "./commands/close-slot.ts";
import { bookAppointment } from "./commands/book-appointment.ts";
import { cancelBooking, rescheduleBooking } from "./commands/change-booking.ts";
import { markAttendance } from "./commands/mark-attendance.ts";
import { findBookableVenues, findOpenSlots, findSlots, getSlotView } from "./queries/find-slots.ts";
import { findDayBookings, findMyBookings, getMyBooking } from "./queries/find-bookings.ts";

const staff = { access: "staff" } as const;
const TAG = ["appointments"];

/** The citizen's own routes: only a signed-in citizen gets past the door (others 401, before the body is read). */
const citizen = { access: "citizen" } as const;
function citizenOf(request: FastifyRequest): CitizenActor {
  const actor = request.actor;
  if (actor?.kind !== "citizen") throw new AppError("UNAUTHENTICATED", "Sign in on the portal to book an appointment");
  return actor;
}

/** Bookings per address: generous for a family on one phone, a brake on a script. */
const BOOKING_LIMIT = rateLimit({ name: "appointment-booking", max: 30, windowMs: 10 * 60_000 });

export const appointmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, protector } = app.ctx;

  // ---- public ----

  app.get("/api/appointments/venues", {
    config: { access: "public" },
    schema: { tags: TAG, summary: "Venues with appointment slots open ahead, in a region and below it (no sign-in)", querystring: PublicVenueQuerySchema, response: { 200: Type.Object({ items: Type.Array(PublicVenueSchema) }) } },
    handler: async (request) => ({ items: await findBookableVenues(database.db, request.query, clock.now()) }),
  });

  app.get("/api/appointments/venues/:id/slots", {
    config: { access: "public" },
    schema: {
      tags: TAG,
      summary: "A venue's open slots ahead with the places left (no sign-in); the next 14 days by default, at most 62",
      params: IdParams,
      querystring: OpenSlotQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(OpenSlotSchema) }) },
    },
    handler: async (request) => ({ items: await findOpenSlots(database.db, request.params.id, request.query, clock.now()) }),
  });

  // ---- the signed-in citizen ----

  app.post("/api/appointments/bookings", {
    config: { ...citizen, rateLimit: BOOKING_LIMIT },
    schema: {
      tags: TAG,
      summary: "Book a place in a slot (citizen); send Idempotency-Key to make retries safe",
      description: "409 CONFLICT with `reason`: slot_full, slot_closed, slot_started, too_many (5 ahead at most). Booking a slot you hold already answers that booking (200).",
      headers: IdempotencyHeaders,
      body: BookSchema,
      response: { 200: MyBookingSchema, 201: MyBookingSchema },
    },
    handler: async (request, reply) => {
      const actor = citizenOf(request);
      const now = clock.now();
      const { id, isNew } = await database.db.transaction((tx) => bookAppointment(tx, actor, request.body, now, { protector, idempotencyKey: request.headers["idempotency-key"] }));
      if (!isNew) reply.header("idempotent-replayed", "true");
      return reply.status(isNew ? 201 : 200).send(await getMyBooking(database.db, actor, protector, id, now));
    },
  });

  app.get("/api/appointments/bookings", {
    config: citizen,
    schema: { tags: TAG, summary: "My appointments (citizen), latest first", response: { 200: Type.Object({ items: Type.Array(MyBookingSchema) }) } },
    handler: async (request) => ({ items: await findMyBookings(database.db, citizenOf(request), protector, clock.now()) }),
  });

  app.get("/api/appointments/bookings/:id", {
    config: citizen,
    schema: { tags: TAG, summary: "One of my appointments (citizen); another's is 404", params: IdParams, response: { 200: MyBookingSchema } },
    handler: async (request) => getMyBooking(database.db, citizenOf(request), protector, request.params.id, clock.now()),
  });

  app.post("/api/appointments/bookings/:id/cancel", {
    config: citizen,
    schema: { tags: TAG, summary: "Cancel my appointment before it starts (citizen); again is a no-op", params: IdParams, response: { 200: MyBookingSchema } },
    handler: async (request) => {
      const actor = citizenOf(request);
      const now = clock.now();
      await database.db.transaction((tx) => cancelBooking(tx, actor, request.params.id, now, protector));
      return getMyBooking(database.db, actor, protector, request.params.id, now);
    },
  });

  app.post("/api/appointments/bookings/:id/reschedule", {
    config: citizen,
    schema: { tags: TAG, summary: "Move my appointment to another slot before it starts (citizen): all or nothing", params: IdParams, body: RescheduleSchema, response: { 200: MyBookingSchema } },
    handler: async (request) => {
      const actor = citizenOf(request);
      const now = clock.now();
      await database.db.transaction((tx) => rescheduleBooking(tx, actor, request.params.id, request.body.slotId, now, protector));
      return getMyBooking(database.db, actor, protector, request.params.id, now);
    },
  });

  // ---- staff ----

  app.get("/api/appointments/slots", {
    config: staff,
    schema: { tags: TAG, summary: "A venue's slots over some days (window staff, admins, leaders of its region)", querystring: SlotListQuerySchema, response: { 200: Type.Object({ items: Type.Array(SlotSchema) }) } },
    handler: async (request) => ({ items: await findSlots(database.db, request.actor!, request.query, clock.now()) }),
  });

  app.post("/api/appointments/slots/bulk", {
    config: staff,
    schema: {
      tags: TAG,
      summary: "Open slots in bulk: weekdays of a date range × time blocks, skipping rest days (window staff, admins)",
      body: CreateSlotsSchema,
      response: { 201: CreateSlotsResultSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await database.db.transaction((tx) => createSlots(tx, request.actor!, request.body, clock.now()))),
  });

  for (const action of ["close", "reopen"] as const) {
    app.post(`/api/appointments/slots/:id/${action}`, {
      config: staff,
      schema: {
        tags: TAG,
        summary: action === "close" ? "Close a slot: its bookings are cancelled and their citizens told" : "Reopen a closed slot",
        params: IdParams,
        response: { 200: SlotSchema },
      },
      handler: async (request) => {
        const now = clock.now();
        return database.db.transaction(async (tx) => {
          if (action === "close") await closeSlot(tx, request.actor!, request.params.id, now, protector);
          else await reopenSlot(tx, request.actor!, request.params.id, now);
          return getSlotView(tx, request.actor!, request.params.id);
        });
      },
    });
  }

  app.get("/api/appointments/day", {
    config: staff,
    schema: { tags: TAG, summary: "A venue's bookings of one Beijing day", querystring: DayQuerySchema, response: { 200: Type.Object({ items: Type.Array(StaffBookingSchema) }) } },
    handler: async (request) => ({ items: await findDayBookings(database.db, request.actor!, protector, request.query, clock.now()) }),
  });

  app.post("/api/appointments/day/:id/attendance", {
    config: staff,
    schema: { tags: TAG, summary: "Mark a booking attended or no-show (from its day on)", params: IdParams, body: AttendanceSchema, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => markAttendance(tx, request.actor!, request.params.id, request.body.status, clock.now()));
      return reply.status(204).send(null);
    },
  });
};
