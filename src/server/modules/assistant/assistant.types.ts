import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { literalUnion, NOT_BLANK, TRIM_KEYWORD } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CategorySchema, ServiceTypeSchema } from "../services/services.types.ts";
import { REQUEST_KINDS } from "../requests/request-forms.ts";

/** The shortest question worth searching for, and the longest the assistant reads. */
export const QUESTION_LENGTH = { min: 2, max: 1000 } as const;

export const AskBodySchema = Type.Object(
  {
    question: Type.String({
      minLength: QUESTION_LENGTH.min,
      maxLength: QUESTION_LENGTH.max,
      pattern: NOT_BLANK,
      [TRIM_KEYWORD]: true,
      description: `the problem in plain words, ${QUESTION_LENGTH.min}–${QUESTION_LENGTH.max} characters`,
    }),
    regionCode: Type.Optional({ ...RegionCodeSchema, description: "where the person is: the next steps name the venues nearest to it and the rules in force there" }),
  },
  { additionalProperties: false },
);
export type AskBody = Static<typeof AskBodySchema>;

const CitationSchema = Type.Object({ lawTitle: Type.String(), articleNo: Type.String() });

export const DraftSchema = Type.Object(
  {
    text: Type.String(),
    citations: Type.Array(CitationSchema, { description: "only articles among those retrieved for the question; a sentence citing anything else was dropped" }),
    isMachineDrafted: Type.Literal(true),
  },
  { description: "a short answer drafted by the configured language model from the retrieved articles only; for a person to check before it is relied on" },
);

const NextStepSchema = Type.Object({
  kind: literalUnion(["eligibility", "materials", "venue", "time_limit", "fee", "online_request", "guide", "hotline", "describe_more"] as const),
  title: Type.String(),
  text: Type.String(),
  href: Type.Optional(Type.String({ description: "a portal path (the request form pre-filled, the guide), a map link, or tel:12348" })),
  materials: Type.Optional(Type.Array(Type.Object({ name: Type.String(), isRequired: Type.Boolean() }))),
  venue: Type.Optional(Type.Object({ name: Type.String(), address: Type.String(), phone: Type.String(), openingHours: Type.String(), regionName: Type.String() })),
  deadline: Type.Optional(Type.Object({ amount: Type.Integer(), unit: literalUnion(["hours", "working_days"] as const) })),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AnswerSchema = Type.Object({
  category: Nullable(CategorySchema),
  serviceType: Nullable(ServiceTypeSchema),
  confidence: Type.Object(
    { category: Type.Number({ minimum: 0, maximum: 1 }), serviceType: Type.Number({ minimum: 0, maximum: 1 }) },
    { description: "0–1; category or service type null (confidence 0) when nothing in the question points to one" },
  ),
  isUncertain: Type.Boolean({ description: "the classification is a guess: show it as one and let the person choose" }),
  alternatives: Type.Array(Type.Object({ category: CategorySchema, score: Type.Number() }), { description: "the categories the evidence pointed to, best first" }),
  articles: Type.Array(
    Type.Object({ lawId: Type.String(), lawTitle: Type.String(), articleNo: Type.String(), anchor: Type.String(), text: Type.String(), headingPath: Type.String() }),
  ),
  faq: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), text: Type.String() })),
  cases: Type.Array(
    Type.Object({ id: Type.Optional(Type.String()), lawId: Type.Optional(Type.String()), title: Type.String(), text: Type.String(), anchor: Type.Optional(Type.String()) }, {
      description: "a published case (lawId, anchor: open it in the law reader) or a staff-written case explainer (id)",
    }),
  ),
  nextSteps: Type.Array(NextStepSchema),
  draft: Type.Union([DraftSchema, Type.Null()]),
  prefill: Type.Object(
    {
      serviceType: literalUnion(REQUEST_KINDS, "the portal request form that fits (a service with no online form: consultation)"),
      category: Nullable(CategorySchema),
      description: Type.String(),
    },
    { description: "what the request form is filled with; the online_request step links to it" },
  ),
});

export const DraftResultSchema = Type.Object({
  draft: Type.Union([DraftSchema, Type.Null()]),
  reason: Type.Union([literalUnion(["not_configured", "no_articles", "timeout", "failed", "ungrounded"] as const), Type.Null()], { description: "why there is no draft; null when there is one" }),
});

export const DraftBodySchema = Type.Object({ ticketId: Type.String({ format: "uuid" }) }, { additionalProperties: false });
