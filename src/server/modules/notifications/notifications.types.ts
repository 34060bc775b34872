import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, literalUnion } from "../../platform/schema.ts";

const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(OffsetSchema),
};

export const NotificationListQuerySchema = Type.Object(
  {
    state: Type.Optional(literalUnion(["pending", "sent", "failed"] as const)),
    ...Paging,
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuerySchema>;

export const NotificationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticket: Type.Union([Type.Object({ id: Type.String(), number: Type.String() }), Type.Null()]),
  channel: Type.String(),
  deliveredVia: Type.Union([Type.String(), Type.Null()], { description: "the sender that delivered it; 'dev' when no gateway is configured" }),
  recipient: Type.String({ description: "masked" }),
  template: Type.String(),
  text: Type.String({ description: "the message as the applicant reads it" }),
  state: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.String({ format: "date-time" }),
  sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});

