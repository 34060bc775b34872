import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { TicketListQuerySchema } from "../tickets/tickets.types.ts";

const Person = Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]);
const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(OffsetSchema),
};

export const IssueSupervisionSchema = Type.Object(
  {
    reason: RequiredText({ maxLength: 1000, description: "why the ticket is supervised (督办事由)" }),
    dueAt: Type.String({ format: "date-time", description: "by when the handler must respond; in the future" }),
  },
  { additionalProperties: false },
);
export type IssueSupervisionInput = Static<typeof IssueSupervisionSchema>;

export const RespondSupervisionSchema = Type.Object(
  { response: RequiredText({ maxLength: 2000, description: "what the handler did or will do, and by when" }) },
  { additionalProperties: false },
);

export const SupervisionListQuerySchema = Type.Object(
  {
    state: Type.Optional(literalUnion(["open", "overdue", "responded", "all"] as const, "open: awaiting a response; overdue: open and past due")),
    isMine: Type.Optional(Type.Boolean({ description: "only orders you issued or that are addressed to you" })),
    ticketId: Type.Optional(Type.String({ format: "uuid" })),
    ...Paging,
  },
  { additionalProperties: false },
);
export type SupervisionListQuery = Static<typeof SupervisionListQuerySchema>;

export const SupervisionOrderSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticket: Type.Object({ id: Type.String(), number: Type.String(), status: Type.String() }),
  isAutomatic: Type.Boolean(),
  reason: Type.String(),
  dueAt: Type.String({ format: "date-time" }),
  issuedBy: Person,
  addressees: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
  response: Type.Union([Type.String(), Type.Null()]),
  respondedBy: Person,
  respondedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  isOverdue: Type.Boolean({ description: "not responded and past due" }),
  isRespondedLate: Type.Boolean({ description: "responded after the due time" }),
  abilities: Type.Object({ respond: Type.Boolean() }),
  createdAt: Type.String({ format: "date-time" }),
});
export type SupervisionOrderView = Static<typeof SupervisionOrderSchema>;

export const RatingSchema = Type.Object(
  {
    attitude: Type.Integer({ minimum: 1, maximum: 5, description: "服务态度" }),
    speed: Type.Integer({ minimum: 1, maximum: 5, description: "办理时效" }),
    policy: Type.Integer({ minimum: 1, maximum: 5, description: "政策水平" }),
    expertise: Type.Integer({ minimum: 1, maximum: 5, description: "专业能力" }),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingSchema>;

export const RatingViewSchema = Type.Object({
  ticketId: Type.String(),
  attitude: Type.Integer(),
  speed: Type.Integer(),
  policy: Type.Integer(),
  expertise: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  ratedByKind: Type.String(),
  hasLowScore: Type.Boolean(),
  followUpId: Type.Union([Type.String(), Type.Null()], { description: "the supervisor's mandatory follow-up a low score created" }),
  createdAt: Type.String({ format: "date-time" }),
});

export const FollowUpListQuerySchema = Type.Object(
  {
    queue: Type.Optional(literalUnion(["mine", "open", "done"] as const, "mine: open tasks of your own roles; open: all open tasks you oversee; done")),
    ...Paging,
  },
  { additionalProperties: false },
);
export type FollowUpListQuery = Static<typeof FollowUpListQuerySchema>;

export const FollowUpSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticket: Type.Object({ id: Type.String(), number: Type.String(), status: Type.String() }),
  applicant: Type.Object({
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()], { description: "full for the role that must call, masked otherwise" }),
  }),
  method: Type.String(),
  reason: Type.String(),
  role: Type.String(),
  isMandatory: Type.Boolean(),
  dueAt: Type.String({ format: "date-time" }),
  isOverdue: Type.Boolean(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  isSatisfied: Type.Union([Type.Boolean(), Type.Null()]),
  doneBy: Person,
  doneAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  abilities: Type.Object({ complete: Type.Boolean() }),
  createdAt: Type.String({ format: "date-time" }),
});
export type FollowUpView = Static<typeof FollowUpSchema>;

export const CompleteFollowUpSchema = Type.Object(
  {
    outcome: RequiredText({ maxLength: 2000, description: "what the citizen said and what was done" }),
    isSatisfied: Type.Boolean({ description: "whether the citizen is satisfied now" }),
  },
  { additionalProperties: false },
);
export type CompleteFollowUpInput = Static<typeof CompleteFollowUpSchema>;

/** The export takes the list's filters, with room for a whole year of a county. */
export const EXPORT_MAX_ROWS = 10_000;
export const TicketExportQuerySchema = Type.Object(
  {
    ...TicketListQuerySchema.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: EXPORT_MAX_ROWS, default: EXPORT_MAX_ROWS })),
  },
  { additionalProperties: false },
);
export type TicketExportQuery = Static<typeof TicketExportQuerySchema>;
