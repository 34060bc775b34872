import { Type, type Static } from "@sinclair/typebox";
import { literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { MAX_COPY_WEEKS, SHIFT_ROLES } from "./hotline-roster.rules.ts";

const Uuid = (description?: string) => Type.String({ format: "uuid", ...(description ? { description } : {}) });
const Instant = (description: string) => Type.String({ format: "date-time", description });
/** Roster days lie in 2000–2099 (dates far out would run past what timestamps hold once copied or widened to a week). */
const Day = (description: string) => Type.String({ format: "date", pattern: "^20\\d{2}-", description });

/** A new shift: exactly one of seatId and venueId. */
export const CreateShiftSchema = Type.Object(
  {
    accountId: Uuid("the operator or lawyer on shift (active, of the seat's or venue's region)"),
    role: literalUnion(SHIFT_ROLES, "operator, or duty_lawyer (a lawyer's account)"),
    seatId: Type.Optional(Uuid("a hotline seat")),
    venueId: Type.Optional(Uuid("a venue, for duty at its window")),
    startsAt: Instant("when the shift starts, with a time zone (e.g. 2026-12-07T20:00:00+08:00)"),
    endsAt: Instant("when it ends; after startsAt, at most 24 hours later; may be the next day"),
  },
  { additionalProperties: false },
);
export type CreateShiftInput = Static<typeof CreateShiftSchema>;

export const UpdateShiftSchema = Type.Object(
  {
    accountId: Type.Optional(Uuid()),
    role: Type.Optional(literalUnion(SHIFT_ROLES)),
    startsAt: Type.Optional(Instant("when the shift starts")),
    endsAt: Type.Optional(Instant("when it ends")),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateShiftInput = Static<typeof UpdateShiftSchema>;

export const ShiftSchema = Type.Object({
  id: Uuid(),
  person: Type.Object({ id: Uuid(), displayName: Type.String() }),
  role: literalUnion(SHIFT_ROLES),
  place: Type.Object({
    kind: literalUnion(["seat", "venue"] as const),
    id: Uuid(),
    name: Type.String({ description: "the seat's extension and name, or the venue's name" }),
  }),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  isMine: Type.Boolean(),
  abilities: Type.Object({ read: Type.Boolean(), manage: Type.Boolean() }),
});
export type ShiftView = Static<typeof ShiftSchema>;

export const RosterQuerySchema = Type.Object(
  {
    regionCode: RegionCodeSchema,
    from: Day("the first Beijing day"),
    to: Day("the last Beijing day (inclusive), at most 62 days after from"),
    mine: Type.Optional(Type.Boolean({ description: "only your own shifts" })),
  },
  { additionalProperties: false },
);
export type RosterQuery = Static<typeof RosterQuerySchema>;

export const GapSchema = Type.Object({
  role: literalUnion(SHIFT_ROLES),
  required: Type.Integer(),
  staffed: Type.Integer({ description: "the most people on shift during the gap (fewer than required)" }),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
});
export type GapView = Static<typeof GapSchema>;

export const CoverageSchema = Type.Object({
  regionCode: Type.String(),
  operator: Type.Integer({ description: "operators needed on shift at every moment (default 1)" }),
  dutyLawyer: Type.Integer({ description: "duty lawyers needed on shift at every moment (default 0)" }),
  canManage: Type.Boolean(),
});
export const SetCoverageSchema = Type.Object(
  { regionCode: RegionCodeSchema, operator: Type.Integer({ minimum: 0, maximum: 50 }), dutyLawyer: Type.Integer({ minimum: 0, maximum: 50 }) },
  { additionalProperties: false },
);
export type SetCoverageInput = Static<typeof SetCoverageSchema>;

export const CopyWeekSchema = Type.Object(
  {
    regionCode: RegionCodeSchema,
    weekOf: Day("any Beijing day of the week whose shifts are copied (Monday to Sunday)"),
    weeks: Type.Integer({ minimum: 1, maximum: MAX_COPY_WEEKS, description: "into this many following weeks" }),
  },
  { additionalProperties: false },
);
export type CopyWeekInput = Static<typeof CopyWeekSchema>;
