import { Type, type Static } from "@sinclair/typebox";
import { literalUnion, RequiredText } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CALL_EVENT_TYPES, CALL_OUTCOMES } from "./hotline-call.ts";
import { OPERATOR_STATES } from "./hotline.tables.ts";

/** A phone system's own ids: printable ASCII, as Asterisk's uniqueids and vendors' UUIDs are. */
const ExternalId = (description: string) => Type.String({ minLength: 1, maxLength: 100, pattern: "^[\\x21-\\x7e]+$", description });
const Extension = (description: string) => Type.String({ minLength: 1, maxLength: 40, pattern: "^[\\x21-\\x7e]+$", description });

/**
 * One call event from a phone system (POST /api/hotline/events, signed). Which
 * optional fields an event needs depends on its type (docs/hotline.md):
 * incoming: caller; ringing, answered: seat; transferred: target; recording_available: recordingUrl.
 */
export const CallEventSchema = Type.Object(
  {
    eventId: ExternalId("the phone system's id of this event, unique per source: an event sent again is stored once"),
    callId: ExternalId("the phone system's id of the call, the same on all of its events"),
    type: literalUnion(CALL_EVENT_TYPES, "what happened"),
    at: Type.String({ format: "date-time", description: "when it happened, by the phone system's clock, with a time zone" }),
    caller: Type.Optional(Type.String({ minLength: 3, maxLength: 32, pattern: "^\\+?[0-9 ()-]+$", description: "the caller's number (required on incoming)" })),
    seat: Type.Optional(Extension("the seat's extension (required on ringing and answered; on transferred, the seat it left)")),
    target: Type.Optional(Extension("the extension or number the call went to (required on transferred)")),
    recordingUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: "^https?://", description: "where the recording or voicemail can be fetched (required on recording_available)" })),
  },
  { additionalProperties: false },
);
export type CallEventInput = Static<typeof CallEventSchema>;

export const CallEventReceiptSchema = Type.Object({
  eventId: Type.String(),
  callId: Type.String(),
  isDuplicate: Type.Boolean({ description: "true when this event id had been received before (nothing changed)" }),
  call: Type.Object({
    outcome: Type.Union([literalUnion(CALL_OUTCOMES), Type.Null()], { description: "null while the call is going" }),
    eventCount: Type.Integer(),
  }),
});

export const HotlineSourceSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  apiKeyPrefix: Type.String({ description: "the first characters of the API key, to tell sources apart" }),
  region: Type.Object({ code: Type.String() }),
  isDisabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
export const CreatedHotlineSourceSchema = Type.Intersect([
  HotlineSourceSchema,
  Type.Object({ apiKey: Type.String({ description: "send in x-santai-key" }), secret: Type.String({ description: "HMAC-SHA256 key; shown once, store it now" }) }),
]);
export const CreateHotlineSourceSchema = Type.Object(
  { name: RequiredText({ maxLength: 100 }), regionCode: RegionCodeSchema },
  { additionalProperties: false },
);
export type CreateHotlineSourceInput = Static<typeof CreateHotlineSourceSchema>;

export const SeatSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  sourceId: Type.String({ format: "uuid" }),
  extension: Type.String(),
  name: Type.String(),
  operator: Type.Union([Type.Object({ id: Type.String({ format: "uuid" }), displayName: Type.String() }), Type.Null()]),
  abilities: Type.Object({ read: Type.Boolean(), manage: Type.Boolean() }),
});
export type SeatView = Static<typeof SeatSchema>;

export const CreateSeatSchema = Type.Object(
  {
    sourceId: Type.String({ format: "uuid", description: "the phone system the extension belongs to" }),
    extension: Extension("the extension as the phone system names it in its events"),
    name: RequiredText({ maxLength: 100 }),
    operatorId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()], { description: "the operator (or duty lawyer) at this seat" })),
  },
  { additionalProperties: false },
);
export type CreateSeatInput = Static<typeof CreateSeatSchema>;

export const UpdateSeatSchema = Type.Object(
  {
    name: Type.Optional(RequiredText({ maxLength: 100 })),
    operatorId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSeatInput = Static<typeof UpdateSeatSchema>;

/** States an operator sets for themselves; busy comes only from a call. */
export const SELF_SET_STATES = ["ready", "after_call_work", "break"] as const;
export const SetOperatorStateSchema = Type.Object({ state: literalUnion(SELF_SET_STATES, "ready, after_call_work or break (busy comes from answering a call)") }, { additionalProperties: false });

export const OperatorStateSchema = Type.Object({
  operatorId: Type.String({ format: "uuid" }),
  state: literalUnion(OPERATOR_STATES),
  callId: Type.Union([Type.String(), Type.Null()]),
  since: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
