import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { SERVICE_TYPES } from "../services/service-catalogue.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { BOOKING_STATUSES, TIME_OF_DAY_PATTERN } from "./booking-rules.ts";

const ServiceTypeSchema = literalUnion(SERVICE_TYPES, "service type");
const DateSchema = Type.String({ format: "date", description: "a Beijing date, YYYY-MM-DD" });
const Uuid = Type.String({ format: "uuid" });
const Instant = Type.String({ format: "date-time" });

export const IdParams = Type.Object({ id: Uuid });

// ---- staff: slots ----

export const CreateSlotsSchema = Type.Object(
  {
    venueId: Uuid,
    windowPosition: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 49 }), Type.Null()], { description: "the venue window (its position in the venue's list); none for the venue as a whole" })),
    serviceType: ServiceTypeSchema,
    from: DateSchema,
    to: DateSchema,
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: "ISO weekdays, 1 = Monday; Monday to Friday by default" })),
    blocks: Type.Array(
      Type.Object(
        { start: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: "HH:MM Beijing" }), end: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: "HH:MM Beijing" }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 24 },
    ),
    capacity: Type.Integer({ minimum: 1, maximum: 200, description: "citizens per slot" }),
  },
  { additionalProperties: false },
);
export type CreateSlotsInput = Static<typeof CreateSlotsSchema>;

export const CreateSlotsResultSchema = Type.Object({
  created: Type.Integer({ description: "slots made" }),
  existing: Type.Integer({ description: "slots that were there already (same venue, window, service and start): left as they were" }),
  restDays: Type.Array(Type.String(), { description: "chosen weekdays skipped as rest days on the venue's calendar" }),
});

export const SlotListQuerySchema = Type.Object(
  {
    venueId: Uuid,
    from: DateSchema,
    to: Type.Optional(DateSchema),
    serviceType: Type.Optional(ServiceTypeSchema),
  },
  { additionalProperties: false },
);

export const SlotSchema = Type.Object({
  id: Uuid,
  venueId: Uuid,
  windowPosition: Type.Union([Type.Integer(), Type.Null()]),
  windowName: Type.Union([Type.String(), Type.Null()]),
  serviceType: ServiceTypeSchema,
  startsAt: Instant,
  endsAt: Instant,
  capacity: Type.Integer(),
  bookedCount: Type.Integer(),
  isClosed: Type.Boolean(),
  abilities: Type.Object({ read: Type.Boolean(), manage: Type.Boolean() }),
});
export type SlotView = Static<typeof SlotSchema>;

export const DayQuerySchema = Type.Object({ venueId: Uuid, date: DateSchema }, { additionalProperties: false });

export const BookingStatusSchema = literalUnion(BOOKING_STATUSES, "booked / cancelled / attended / no_show");

export const AttendanceSchema = Type.Object(
  { status: Type.Union([Type.Literal("attended"), Type.Literal("no_show")]) },
  { additionalProperties: false },
);

const SlotRefSchema = Type.Object({
  id: Uuid,
  startsAt: Instant,
  endsAt: Instant,
  serviceType: ServiceTypeSchema,
  windowName: Type.Union([Type.String(), Type.Null()]),
});

export const StaffBookingSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  status: BookingStatusSchema,
  contactName: Type.String(),
  contactPhone: Type.String(),
  note: Type.String(),
  slot: SlotRefSchema,
  createdAt: Instant,
  cancelledAt: Type.Union([Instant, Type.Null()]),
  abilities: Type.Object({ markAttendance: Type.Boolean() }),
});
export type StaffBookingView = Static<typeof StaffBookingSchema>;

// ---- public and citizens ----

export const PublicVenueQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCodeSchema), serviceType: Type.Optional(ServiceTypeSchema) },
  { additionalProperties: false },
);

export const PublicVenueSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  address: Type.String(),
  openingHours: Type.String(),
  phone: Type.String(),
  services: Type.Array(ServiceTypeSchema, { description: "services with open slots ahead" }),
});
export type PublicVenueView = Static<typeof PublicVenueSchema>;

export const OpenSlotQuerySchema = Type.Object(
  { from: Type.Optional(DateSchema), to: Type.Optional(DateSchema), serviceType: Type.Optional(ServiceTypeSchema) },
  { additionalProperties: false },
);

export const OpenSlotSchema = Type.Object({
  id: Uuid,
  serviceType: ServiceTypeSchema,
  windowName: Type.Union([Type.String(), Type.Null()]),
  startsAt: Instant,
  endsAt: Instant,
  remaining: Type.Integer({ description: "places left" }),
});
export type OpenSlotView = Static<typeof OpenSlotSchema>;

export const MOBILE_PATTERN = "^1[3-9]\\d{9}$";

export const BookSchema = Type.Object(
  {
    slotId: Uuid,
    contactName: RequiredText({ maxLength: 50 }),
    contactPhone: Type.String({ pattern: MOBILE_PATTERN, description: "a mainland mobile number: the confirmation and reminder go there" }),
    note: Type.Optional(Type.String({ maxLength: 500, description: "what the visit is about, for the window" })),
  },
  { additionalProperties: false },
);
export type BookInput = Static<typeof BookSchema>;

export const RescheduleSchema = Type.Object({ slotId: Uuid }, { additionalProperties: false });

export const MyBookingSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  status: BookingStatusSchema,
  contactName: Type.String(),
  contactPhone: Type.String({ description: "masked" }),
  note: Type.String(),
  slot: SlotRefSchema,
  venue: Type.Object({ id: Uuid, name: Type.String(), address: Type.String(), phone: Type.String() }),
  createdAt: Instant,
  cancelledAt: Type.Union([Instant, Type.Null()]),
  abilities: Type.Object({ cancel: Type.Boolean(), reschedule: Type.Boolean() }),
});
export type MyBookingView = Static<typeof MyBookingSchema>;

