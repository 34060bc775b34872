import { Type, type Static } from "@sinclair/typebox";
import { RequiredText } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CreateTicketSchema } from "../tickets/tickets.types.ts";

export const UpstreamClientSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  /** The key identifies the client; shown in full only once, when created. */
  apiKeyPrefix: Type.String({ description: "the first characters of the API key, to tell clients apart" }),
  callbackUrl: Type.Union([Type.String(), Type.Null()]),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  isDisabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
export type UpstreamClientView = Static<typeof UpstreamClientSchema>;

/** The answer to a create: the only time the key and secret are shown. */
export const CreatedUpstreamClientSchema = Type.Intersect([
  UpstreamClientSchema,
  Type.Object({
    apiKey: Type.String({ description: "send in x-santai-key" }),
    secret: Type.String({ description: "HMAC-SHA256 key; shown once, store it now" }),
  }),
]);

export const CreateUpstreamClientSchema = Type.Object(
  {
    name: RequiredText({ maxLength: 100 }),
    /** Tickets it sends must be for matters in this region or under it. */
    regionCode: RegionCodeSchema,
    callbackUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: "https URL that receives status callbacks, at a public address (private, loopback and link-local ones, and http, only for hosts on SANTAI_UPSTREAM_ALLOWED_HOSTS)" })),
  },
  { additionalProperties: false },
);
export type CreateUpstreamClientInput = Static<typeof CreateUpstreamClientSchema>;

// The intake body: a staff create without `channel` (always "upstream") and without
// `relatedTicketId` (the sender knows none of our ids, and linking would read a ticket
// outside its region), plus the sender's own id.
const { channel: _channel, relatedTicketId: _related, ...ticketFields } = CreateTicketSchema.properties;
export const UpstreamTicketSchema = Type.Object(
  {
    ...ticketFields,
    externalRef: Type.String({ minLength: 1, maxLength: 100, pattern: "^[\\x21-\\x7e]+$", description: "the sender's id of the request; a retry with the same ref returns the same ticket" }),
  },
  { additionalProperties: false },
);
export type UpstreamTicketInput = Static<typeof UpstreamTicketSchema>;

export const UpstreamTicketReceiptSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  number: Type.String(),
  status: Type.String(),
  externalRef: Type.String(),
});
