import { Type, type Static } from "@sinclair/typebox";
import { RequiredText } from "../../platform/schema.ts";
import { ApplicantSchema, CreateTicketSchema } from "../tickets/tickets.types.ts";
import { CALL_TICKET_KINDS } from "./hotline.tables.ts";

/** The operator desk's actions on a call (docs/hotline-desk.md). */

export const CallNoteInputSchema = Type.Object({ text: RequiredText({ maxLength: 2000, description: "what the operator wants to keep about the call" }) }, { additionalProperties: false });
export type CallNoteInput = Static<typeof CallNoteInputSchema>;

export const CallNoteSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  text: Type.String(),
  author: Type.Object({ id: Type.String({ format: "uuid" }), displayName: Type.String() }),
  createdAt: Type.String({ format: "date-time" }),
});
export type CallNoteView = Static<typeof CallNoteSchema>;

/** The applicant as the intake form has them, without the phone: the call's number is used, opened on the server. */
const CallApplicantSchema = Type.Omit(ApplicantSchema, ["phone"], { additionalProperties: false });

/**
 * A ticket taken in from a call: the intake's fields (tickets.types.ts CreateTicketSchema) without the
 * channel (hotline) and the applicant's phone (the caller's number). The region defaults to the phone system's.
 */
export const CallTicketInputSchema = Type.Object(
  {
    ...Type.Omit(CreateTicketSchema, ["channel", "applicant", "regionCode"]).properties,
    regionCode: Type.Optional(CreateTicketSchema.properties.regionCode),
    applicant: CallApplicantSchema,
  },
  { additionalProperties: false },
);
export type CallTicketInput = Static<typeof CallTicketInputSchema>;

export const CitationInputSchema = Type.Object(
  { lawTitle: RequiredText({ maxLength: 200, description: "民法典 or 中华人民共和国民法典" }), articleNo: RequiredText({ maxLength: 40, description: "第五十四条 or 第54条" }) },
  { additionalProperties: false },
);

/** A consultation answered on the call: taken in and resolved at once with the answer's summary and the articles it rests on. */
export const CallConsultationInputSchema = Type.Object(
  {
    category: CreateTicketSchema.properties.category,
    regionCode: Type.Optional(CreateTicketSchema.properties.regionCode),
    applicant: CallApplicantSchema,
    description: RequiredText({ maxLength: 5000, description: "the caller's question" }),
    summary: RequiredText({ maxLength: 5000, description: "the answer given on the call" }),
    citations: Type.Array(CitationInputSchema, { maxItems: 20, description: "the articles the answer rests on, checked against the laws" }),
    language: Type.Optional(CreateTicketSchema.properties.language),
  },
  { additionalProperties: false },
);
export type CallConsultationInput = Static<typeof CallConsultationInputSchema>;

export const CallTicketLinkSchema = Type.Object({
  kind: Type.Union(CALL_TICKET_KINDS.map((k) => Type.Literal(k))),
  ticket: Type.Object({ id: Type.String({ format: "uuid" }), number: Type.String(), status: Type.String(), serviceType: Type.String(), category: Type.String() }),
  summary: Type.Union([Type.String(), Type.Null()]),
  citations: Type.Array(Type.Object({ lawTitle: Type.String(), articleNo: Type.String() })),
  createdAt: Type.String({ format: "date-time" }),
});
export type CallTicketLinkView = Static<typeof CallTicketLinkSchema>;

export const TransferInputSchema = Type.Object({ seatId: Type.String({ format: "uuid", description: "a seat of the call's phone system held by a lawyer" }) }, { additionalProperties: false });

export const TransferRequestSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  seat: Type.Object({ id: Type.String({ format: "uuid" }), extension: Type.String() }),
  requestedAt: Type.String({ format: "date-time" }),
});

export const LawyerSeatSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  extension: Type.String(),
  name: Type.String(),
  lawyer: Type.Object({ id: Type.String({ format: "uuid" }), displayName: Type.String() }),
});

/** What the desk may do with a call now (abilities travel with the data). */
export const DeskCallSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  callId: Type.String(),
  abilities: Type.Object({ read: Type.Boolean(), note: Type.Boolean(), takeIn: Type.Boolean(), transfer: Type.Boolean() }),
  notes: Type.Array(CallNoteSchema),
  tickets: Type.Array(CallTicketLinkSchema),
  transfers: Type.Array(TransferRequestSchema),
});
