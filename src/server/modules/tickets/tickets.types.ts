import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CategorySchema, LanguageSchema, ServiceTypeSchema } from "../services/services.types.ts";
import { AGE_GROUPS, CHANNELS, GENDERS, SPECIAL_GROUPS } from "./ticket-rules.ts";
import { TICKET_ACTION_TYPES, TICKET_STATUSES } from "./tickets.state.ts";

export const ChannelSchema = literalUnion(CHANNELS, "where the request came in");
export { CategorySchema, ServiceTypeSchema };
export const TicketStatusSchema = literalUnion(TICKET_STATUSES, "ticket status");
const MobileOrLandline = Type.String({ pattern: "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$", description: "mobile or landline" });

export const ApplicantSchema = Type.Object(
  {
    name: RequiredText({ maxLength: 50 }),
    phone: Type.Optional(MobileOrLandline),
    idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: "resident ID number (GB 11643 check digit)" })),
    gender: Type.Optional(literalUnion(GENDERS)),
    ageGroup: Type.Optional(literalUnion(AGE_GROUPS)),
    specialGroups: Type.Optional(Type.Array(literalUnion(SPECIAL_GROUPS), { uniqueItems: true, maxItems: SPECIAL_GROUPS.length })),
  },
  { additionalProperties: false },
);

export const CreateTicketSchema = Type.Object(
  {
    channel: ChannelSchema,
    serviceType: ServiceTypeSchema,
    category: CategorySchema,
    regionCode: RegionCodeSchema,
    applicant: ApplicantSchema,
    counterparty: Type.Optional(
      Type.Object(
        { name: Type.Optional(Type.String({ maxLength: 50 })), phone: Type.Optional(MobileOrLandline), note: Type.Optional(Type.String({ maxLength: 200 })) },
        { additionalProperties: false },
      ),
    ),
    description: RequiredText({ maxLength: 5000 }),
    preferredContact: Type.Optional(literalUnion(["phone", "sms", "wechat", "visit"] as const)),
    language: Type.Optional(LanguageSchema),
    materialsProvided: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, maxItems: 30 })),
    relatedTicketId: Type.Optional(Type.String({ format: "uuid", description: "an earlier ticket this one continues (e.g. a consultation that becomes a legal aid application)" })),
  },
  { additionalProperties: false },
);
export type CreateTicketInput = Static<typeof CreateTicketSchema>;

export const DeadlineSchema = Type.Object({
  step: Type.String(),
  dueAt: Type.String({ format: "date-time" }),
  state: Type.String(),
  amount: Type.Integer(),
  unit: Type.String(),
});

export const TicketSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  number: Type.String(),
  channel: ChannelSchema,
  serviceType: ServiceTypeSchema,
  category: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  applicant: Type.Object({
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()], { description: "masked unless your role needs it" }),
    idNumber: Type.Union([Type.String(), Type.Null()], { description: "masked" }),
    gender: Type.Union([Type.String(), Type.Null()]),
    ageGroup: Type.Union([Type.String(), Type.Null()]),
    specialGroups: Type.Array(Type.String()),
  }),
  counterparty: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  description: Type.String(),
  preferredContact: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  isPriority: Type.Boolean(),
  status: TicketStatusSchema,
  unit: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  assignee: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  firstResponder: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  bounceCount: Type.Integer(),
  isFlaggedToLead: Type.Boolean(),
  isSupervised: Type.Boolean(),
  dueState: Type.String(),
  nextDueAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  resolvedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  mergedIntoId: Type.Union([Type.String(), Type.Null()]),
  materials: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean(), isProvided: Type.Boolean() })),
  deadlines: Type.Array(DeadlineSchema),
  allowedActions: Type.Array(Type.String(), { description: "actions this account may take now" }),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type TicketView = Static<typeof TicketSchema>;

/**
 * The answer to an action that took the ticket out of the actor's view (sent
 * back, transferred or delegated away): what they may still know of it.
 */
export const ActionReceiptSchema = Type.Object({
  receipt: Type.Literal(true),
  id: Type.String({ format: "uuid" }),
  number: Type.String(),
  status: TicketStatusSchema,
  action: Type.String({ description: "the action just taken" }),
  unit: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], { description: "where the ticket went, for transfer and delegate" }),
});
export type ActionReceipt = Static<typeof ActionReceiptSchema>;

export const TicketListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
    queue: Type.Optional(literalUnion(["mine", "unit", "unassigned", "due_soon", "overdue", "bounced", "supervised", "all"] as const)),
    status: Type.Optional(TicketStatusSchema),
    due: Type.Optional(literalUnion(["due_soon", "overdue"] as const, "open tickets whose next deadline is in its last 24 hours, or past")),
    number: Type.Optional(Type.String({ maxLength: 30 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    idNumber: Type.Optional(Type.String({ maxLength: 18 })),
    name: Type.Optional(Type.String({ maxLength: 50 })),
    category: Type.Optional(Type.String({ maxLength: 20 })),
    serviceType: Type.Optional(ServiceTypeSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    from: Type.Optional(Type.String({ format: "date" })),
    to: Type.Optional(Type.String({ format: "date" })),
  },
  { additionalProperties: false },
);
export type TicketListQuery = Static<typeof TicketListQuerySchema>;

export const TicketActionSchema = Type.Object(
  {
    action: literalUnion(TICKET_ACTION_TYPES),
    reason: Type.Optional(RequiredText({ maxLength: 1000 })),
    summary: Type.Optional(RequiredText({ maxLength: 5000 })),
    outcome: Type.Optional(RequiredText({ maxLength: 2000 })),
    unitRegionCode: Type.Optional(RegionCodeSchema),
    assigneeId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
    targetTicketId: Type.Optional(Type.String({ format: "uuid" })),
  },
  { additionalProperties: false },
);
export type TicketActionInput = Static<typeof TicketActionSchema>;

export const MaterialsInputSchema = Type.Object(
  { materialsProvided: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, maxItems: 30 }) },
  { additionalProperties: false },
);

/** Why a chain does not hold (docs/audit-trail.md). */
export const ChainBreakReasonSchema = literalUnion(["sequence", "link", "content", "unknown_key", "head"] as const);

/** A ticket's audit trail, re-verified (GET /api/tickets/:id/audit). */
export const TicketAuditSchema = Type.Object({
  verified: Type.Boolean(),
  /** The first event that does not hold; for `head`, the first one the head and the events disagree about. */
  brokenAtSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([ChainBreakReasonSchema, Type.Null()]),
  /** The audit keys the verified links were made with. */
  keyIds: Type.Array(Type.String()),
  /** The head kept on the ticket row: the last event's seq and hash. */
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
  events: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String(),
      type: Type.String(),
      actorKind: Type.String(),
      actorId: Type.Union([Type.String(), Type.Null()]),
      actorName: Type.Union([Type.String(), Type.Null()]),
      data: Type.Record(Type.String(), Type.Unknown()),
      keyId: Type.Union([Type.String(), Type.Null()]),
      prevHash: Type.String(),
      hash: Type.String(),
    }),
  ),
});
