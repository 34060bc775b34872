import { Type, type Static } from "@sinclair/typebox";
import { literalUnion, OffsetSchema, RequiredText } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CategorySchema, ServiceTypeSchema } from "../tickets/tickets.types.ts";
import { ATTEMPT_OUTCOMES, CALLBACK_KINDS, CALLBACK_STATUSES, CLOSE_REASONS, SURVEY_QUESTION_KINDS, SURVEY_TARGETS } from "./hotline-callbacks.rules.ts";

const Uuid = Type.String({ format: "uuid" });
const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Person = Type.Object({ id: Uuid, displayName: Type.String() });
const RequestId = Type.String({ format: "uuid", description: "the client's id of this request: the same request sent again is answered without doing it twice" });

export const CallbackListQuerySchema = Type.Object(
  {
    status: Type.Optional(literalUnion(CALLBACK_STATUSES, "open (default) or closed")),
    kind: Type.Optional(literalUnion(CALLBACK_KINDS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type CallbackListQuery = Static<typeof CallbackListQuerySchema>;

export const SurveyQuestionSchema = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$", description: "a short id the answers are keyed by" }),
    text: RequiredText({ maxLength: 200 }),
    kind: literalUnion(SURVEY_QUESTION_KINDS, "yes_no, score (1–5) or text"),
    target: literalUnion(SURVEY_TARGETS, "what the answer becomes: resolved (yes_no), satisfaction or one rating axis (score), comment (text)"),
    isRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const ScoringItemSchema = Type.Object(
  { id: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$" }), label: RequiredText({ maxLength: 50 }), weight: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
);

const Answer = Type.Union([Type.String({ maxLength: 500 }), Type.Integer(), Type.Boolean()]);

export const CallbackSchema = Type.Object({
  id: Uuid,
  kind: literalUnion(CALLBACK_KINDS),
  status: literalUnion(CALLBACK_STATUSES),
  phone: Nullable(Type.String({ description: "in full only to the operator who claimed the callback; masked otherwise" })),
  call: Nullable(Type.Object({ callId: Type.String(), arrivedAt: Nullable(DateTime), waitSeconds: Nullable(Type.Integer()), recordingUrl: Nullable(Type.String()) })),
  ticket: Nullable(Type.Object({ id: Uuid, number: Type.String(), status: Type.String(), applicantName: Type.String() })),
  dueAt: DateTime,
  isOverdue: Type.Boolean(),
  claimedBy: Nullable(Person),
  attemptCount: Type.Integer(),
  maxAttempts: Type.Integer(),
  closeReason: Nullable(literalUnion(CLOSE_REASONS)),
  closedAt: Nullable(DateTime),
  attempts: Type.Array(Type.Object({ outcome: literalUnion(ATTEMPT_OUTCOMES), note: Nullable(Type.String()), at: DateTime, operator: Person, ticket: Nullable(Type.Object({ id: Uuid, number: Type.String() })) })),
  surveyScript: Nullable(Type.Array(SurveyQuestionSchema)),
  survey: Nullable(Type.Record(Type.String(), Answer)),
  abilities: Type.Object({ claim: Type.Boolean(), attempt: Type.Boolean(), survey: Type.Boolean() }),
  createdAt: DateTime,
});
export type CallbackView = Static<typeof CallbackSchema>;

export const CallbackAttemptSchema = Type.Object(
  {
    requestId: RequestId,
    outcome: literalUnion(ATTEMPT_OUTCOMES, "reached, no_answer, wrong_number or voicemail_left"),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    ticket: Type.Optional(
      Type.Object(
        {
          serviceType: ServiceTypeSchema,
          category: CategorySchema,
          regionCode: RegionCodeSchema,
          applicantName: RequiredText({ maxLength: 50 }),
          description: RequiredText({ maxLength: 5000 }),
        },
        { additionalProperties: false, description: "with reached, on a call's callback: take the matter in as a hotline ticket, the caller's number as the applicant's" },
      ),
    ),
  },
  { additionalProperties: false },
);

export type CallbackAttemptInput = Static<typeof CallbackAttemptSchema>;

export const FollowUpSurveySchema = Type.Object(
  {
    requestId: RequestId,
    answers: Type.Record(Type.String({ maxLength: 40 }), Answer, { description: "by question id of the survey script" }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const QualityReviewListQuerySchema = Type.Object(
  {
    status: Type.Optional(literalUnion(["pending", "scored"] as const, "pending (default) or scored")),
    isFlagged: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type QualityReviewListQuery = Static<typeof QualityReviewListQuerySchema>;

export const QualityReviewSchema = Type.Object({
  id: Uuid,
  status: literalUnion(["pending", "scored"] as const),
  call: Type.Object({
    callId: Type.String(),
    caller: Nullable(Type.String({ description: "masked" })),
    arrivedAt: Nullable(DateTime),
    answeredAt: Nullable(DateTime),
    talkSeconds: Nullable(Type.Integer()),
    seat: Nullable(Type.String()),
    recordingUrl: Nullable(Type.String()),
  }),
  operator: Nullable(Person),
  scores: Nullable(Type.Record(Type.String(), Type.Integer())),
  total: Nullable(Type.Number()),
  comment: Nullable(Type.String()),
  isFlagged: Type.Boolean(),
  reviewer: Nullable(Person),
  reviewedAt: Nullable(DateTime),
  sampledAt: DateTime,
  scoringForm: Type.Array(ScoringItemSchema),
  flagBelowTotal: Type.Number(),
  abilities: Type.Object({ score: Type.Boolean() }),
});
export type QualityReviewView = Static<typeof QualityReviewSchema>;

export const ScoreReviewSchema = Type.Object(
  {
    requestId: RequestId,
    scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer(), { description: "0–10 by item id of the scoring form" }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const CallbackSettingsSchema = Type.Object(
  {
    callbackWorkingDays: Type.Integer({ minimum: 1, maximum: 10, description: "due by the end of this many working days after the call" }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
    abandonedMinWaitSeconds: Type.Integer({ minimum: 0, maximum: 600 }),
    sampleBasisPoints: Type.Integer({ minimum: 0, maximum: 10_000, description: "share of answered calls sampled, in 1/10 000 (500 = 5 %)" }),
    flagBelowTotal: Type.Integer({ minimum: 0, maximum: 100 }),
    surveyScript: Type.Array(SurveyQuestionSchema, { minItems: 1, maxItems: 20 }),
    scoringForm: Type.Array(ScoringItemSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export const CallbackSettingsQuerySchema = Type.Object({ regionCode: RegionCodeSchema }, { additionalProperties: false });
export const CallbackSettingsViewSchema = Type.Object({
  regionCode: Type.String(),
  fromRegionCode: Nullable(Type.String({ description: "the node whose settings are in force; null: the defaults" })),
  settings: CallbackSettingsSchema,
  abilities: Type.Object({ update: Type.Boolean() }),
});
