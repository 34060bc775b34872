import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { ADVANCE_GROUNDS, AID_DEADLINE_STEPS, CLOSING_OUTCOMES, HARDSHIP_CHECKS, MATERIALS_PERIOD, QUALITY_SCORE, TERMINATION_GROUNDS } from "./aid-case.rules.ts";
import { AID_CASE_ACTION_TYPES, AID_CASE_STATUSES } from "./aid-case.state.ts";

export const AidCaseStatusSchema = literalUnion(AID_CASE_STATUSES, "legal aid case status");

/** POST /api/legal-aid/cases: a legal aid ticket becomes a case. */
export const OpenAidCaseSchema = Type.Object(
  {
    ticketId: Type.String({ format: "uuid" }),
    /** The township station that took the application (it pre-checks); defaults to the clerk's township when they sit at one. */
    stationRegionCode: Type.Optional(Type.Union([RegionCodeSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type OpenAidCaseInput = Static<typeof OpenAidCaseSchema>;

/** POST /api/legal-aid/cases/:id/actions: one step; each action names the fields it needs (400 naming the one missing). */
export const AidCaseActionSchema = Type.Object(
  {
    action: literalUnion(AID_CASE_ACTION_TYPES),
    opinion: Type.Optional(RequiredText({ maxLength: 2000 })),
    hardshipCheck: Type.Optional(literalUnion(HARDSHIP_CHECKS, "how the hardship condition was settled (Arts. 41, 42)")),
    decision: Type.Optional(literalUnion(["grant", "refuse", "uphold", "correct"] as const)),
    reasons: Type.Optional(RequiredText({ maxLength: 2000 })),
    items: Type.Optional(Type.Array(RequiredText({ maxLength: 200 }), { minItems: 1, maxItems: 30 })),
    periodDays: Type.Optional(Type.Integer({ minimum: MATERIALS_PERIOD.min, maximum: MATERIALS_PERIOD.max, description: "working days to supply the materials" })),
    note: Type.Optional(RequiredText({ maxLength: 2000 })),
    reason: Type.Optional(RequiredText({ maxLength: 2000 })),
    ground: Type.Optional(literalUnion([...ADVANCE_GROUNDS, ...TERMINATION_GROUNDS] as const, "Art. 44 ground (grant_in_advance) or Art. 48 ground (terminate)")),
    lawyerId: Type.Optional(Type.String({ format: "uuid" })),
    isChosenByApplicant: Type.Optional(Type.Boolean({ description: "点援制: the applicant chose the lawyer from the pool" })),
    isLifeOrDeathCase: Type.Optional(Type.Boolean({ description: "Art. 26: the defendant may be sentenced to life imprisonment or death, or a death-penalty review — only a lawyer with 3+ years of criminal practice" })),
    kind: Type.Optional(literalUnion(["note", "hearing"] as const)),
    text: Type.Optional(RequiredText({ maxLength: 5000 })),
    hearingAt: Type.Optional(Type.String({ format: "date-time" })),
    outcome: Type.Optional(literalUnion(CLOSING_OUTCOMES)),
    summary: Type.Optional(RequiredText({ maxLength: 5000 })),
    score: Type.Optional(Type.Integer({ minimum: QUALITY_SCORE.min, maximum: QUALITY_SCORE.max })),
    comment: Type.Optional(RequiredText({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AidCaseActionInput = Static<typeof AidCaseActionSchema>;

export const AidCaseListQuerySchema = Type.Object(
  {
    status: Type.Optional(AidCaseStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type AidCaseListQuery = Static<typeof AidCaseListQuerySchema>;

/** A rule as shown: its article, and where the law reader shows it (null before the laws are imported). */
export const AidRuleViewSchema = Type.Object({
  key: Type.String(),
  lawTitle: Type.String(),
  articleNo: Type.String(),
  explanation: Type.String(),
  lawId: Type.Union([Type.String(), Type.Null()]),
  anchor: Type.Union([Type.String(), Type.Null()]),
});

const DeadlineViewSchema = Type.Object({
  step: literalUnion(AID_DEADLINE_STEPS),
  amount: Type.Integer(),
  unit: Type.Literal("working_days"),
  startedAt: Type.String(),
  dueAt: Type.String(),
  state: literalUnion(["running", "paused", "met", "cancelled"] as const),
  rule: Type.String(),
});

const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  type: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});

const RegionRefSchema = Type.Object({ code: Type.String(), name: Type.String() });

export const AidCaseSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticket: Type.Object({ number: Type.String(), category: Type.String(), channel: Type.String(), applicantName: Type.String(), description: Type.String() }),
  status: AidCaseStatusSchema,
  region: RegionRefSchema,
  center: RegionRefSchema,
  station: Type.Union([RegionRefSchema, Type.Null()]),
  /** The state machine's record: what each step recorded (pre-check, review, decision, notice, lawyer, closing, quality, termination, objection). */
  state: Type.Record(Type.String(), Type.Unknown()),
  deadlines: Type.Array(DeadlineViewSchema),
  nextDueAt: Type.Union([Type.String(), Type.Null()]),
  timeline: Type.Optional(Type.Array(TimelineEntrySchema)),
  rules: Type.Optional(Type.Array(AidRuleViewSchema)),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type AidCaseView = Static<typeof AidCaseSchema>;

export const AidLawyerSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  region: RegionRefSchema,
  activeCases: Type.Integer(),
  // From the aid lawyer pool (aid-lawyers.*; null while the center has none).
  fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
  yearsOfPractice: Type.Union([Type.Integer(), Type.Null()]),
  rating: Type.Union([Type.Number(), Type.Null()]),
  isSuggested: Type.Boolean({ description: "the fair rotation's next lawyer for this matter" }),
  refusal: Type.Union([Type.String(), Type.Null()], { description: "why this lawyer may not take this matter (Art. 26)" }),
  refusalRule: Type.Union(
    [
      Type.Object({
        reason: Type.Union([Type.Literal("suspended"), Type.Literal("removed"), Type.Literal("experience")]),
        rule: Type.Object({ key: Type.String(), lawTitle: Type.String(), articleNo: Type.String() }),
        minYears: Type.Union([Type.Integer(), Type.Null()], { description: "Art. 26's years of criminal practice, for `experience`" }),
      }),
      Type.Null(),
    ],
    { description: "the refusal as data, for the picker to word in the reader's language: the reason and its article" },
  ),
});export type AidLawyerView = Static<typeof AidLawyerSchema>;

