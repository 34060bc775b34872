import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CategorySchema, LanguageSchema } from "../services/services.types.ts";
import { SPECIAL_GROUPS } from "../tickets/ticket-rules.ts";
import { TicketStatusSchema } from "../tickets/tickets.types.ts";
import { REQUEST_KINDS } from "./request-forms.ts";

const PhoneSchema = Type.String({ pattern: "^1[3-9]\\d{9}$", description: "mainland mobile number, 11 digits" });
const OptionalText = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** What a citizen sends from one of the portal's request forms; each becomes a ticket (channel `portal`). */
export const SubmitRequestSchema = Type.Object(
  {
    kind: literalUnion(REQUEST_KINDS, "which form: consultation, legal_aid, mediation, home_visit, complaint, suggestion"),
    category: Type.Optional(CategorySchema),
    regionCode: RegionCodeSchema,
    applicantName: RequiredText({ maxLength: 50, description: "the applicant's name as they give it" }),
    description: RequiredText({ maxLength: 5000, description: "the question, the dispute, or the complaint, in the applicant's words" }),
    specialGroups: Type.Optional(Type.Array(literalUnion(SPECIAL_GROUPS), { uniqueItems: true, maxItems: SPECIAL_GROUPS.length })),
    language: Type.Optional(LanguageSchema),
    counterparty: Type.Optional(
      Type.Object(
        { name: OptionalText(50), phone: Type.Optional(Type.String({ pattern: "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$" })), note: OptionalText(200) },
        { additionalProperties: false, description: "mediation: the other party" },
      ),
    ),
    wish: OptionalText(1000),
    situation: OptionalText(1000),
    visitAddress: OptionalText(200),
    visitTime: OptionalText(100),
  },
  { additionalProperties: false },
);
export type SubmitRequestInput = Static<typeof SubmitRequestSchema>;

export const ProgressEntrySchema = Type.Object({
  step: Type.String(),
  at: Type.String({ format: "date-time" }),
  unitName: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  answer: Type.Optional(Type.String()),
  fileName: Type.Optional(Type.String()),
  mergedIntoNumber: Type.Optional(Type.String()),
});

export const MessageSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  from: literalUnion(["citizen", "staff"] as const),
  /** Staff see who wrote; the applicant sees the unit ("工作人员"), never a staff member's name. */
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  at: Type.String({ format: "date-time" }),
});
export type MessageView = Static<typeof MessageSchema>;

export const PostMessageSchema = Type.Object({ body: RequiredText({ maxLength: 2000 }) }, { additionalProperties: false });

const RatingAxis = Type.Integer({ minimum: 1, maximum: 5 });
export const CitizenRatingSchema = Type.Object(
  { attitude: RatingAxis, speed: RatingAxis, policy: RatingAxis, expertise: RatingAxis, comment: OptionalText(500) },
  { additionalProperties: false },
);

export const ReopenSchema = Type.Object({ reason: RequiredText({ maxLength: 500 }) }, { additionalProperties: false });

/** A request as its applicant sees it: no staff names, no internal flags, no other person's data. */
export const CitizenRequestSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  number: Type.String(),
  kind: Type.String(),
  serviceType: Type.String(),
  category: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  description: Type.String(),
  status: TicketStatusSchema,
  unitName: Type.Union([Type.String(), Type.Null()]),
  /** When the current step is due (受理/办结时限), as the applicant is promised it. */
  deadlines: Type.Array(Type.Object({ step: Type.String(), dueAt: Type.String({ format: "date-time" }), state: Type.String() })),
  createdAt: Type.String({ format: "date-time" }),
  resolvedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  rating: Type.Union([Type.Object({ attitude: Type.Integer(), speed: Type.Integer(), policy: Type.Integer(), expertise: Type.Integer() }), Type.Null()]),
  abilities: Type.Object({ message: Type.Boolean(), rate: Type.Boolean(), reopen: Type.Boolean(), upload: Type.Boolean() }),
  progress: Type.Optional(Type.Array(ProgressEntrySchema)),
  messages: Type.Optional(Type.Array(MessageSchema)),
  attachments: Type.Optional(Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), mediaType: Type.String(), size: Type.Integer() }))),
});
export type CitizenRequestView = Static<typeof CitizenRequestSchema>;

export const TrackCodeSchema = Type.Object({ number: RequiredText({ maxLength: 40 }), phone: PhoneSchema }, { additionalProperties: false });
export const TrackSchema = Type.Object(
  { number: RequiredText({ maxLength: 40 }), phone: PhoneSchema, code: Type.String({ pattern: "^\\d{6}$", description: "the 6-digit one-time code" }) },
  { additionalProperties: false },
);
