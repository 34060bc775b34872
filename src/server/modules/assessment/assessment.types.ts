import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { DIMENSIONS, MEASURE_KEYS } from "./indicators.ts";
import { PERIOD_PATTERN } from "./period.ts";
import { BULLETIN_STATES } from "./bulletin.state.ts";

const RegionCode = Type.String({ pattern: "^\\d{6}(\\d{3}){0,2}$", description: "a region code (6, 9 or 12 digits)" });
export const PeriodCode = Type.String({ pattern: PERIOD_PATTERN, description: "a month (2026-11), a quarter (2026-Q4) or a year (2026)" });

export const IndicatorSchema = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$", description: "stable key, e.g. on_time" }),
    name: RequiredText({ maxLength: 40, description: "指标名称" }),
    dimension: literalUnion(DIMENSIONS, "基础设施, 人员配备, 业务开展, 办理时效, 群众满意度"),
    weight: Type.Number({ minimum: 0, maximum: 100, description: "权重; a set's weights sum to 100" }),
    target: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: "目标值: the raw value earning 100 points (lower is better: 100 up to it, 0 at twice it)" }),
    direction: literalUnion(["higher", "lower"] as const, "whether a higher or a lower raw value is better"),
    measure: literalUnion(MEASURE_KEYS, "the measure the indicator reads (docs/assessment.md)"),
  },
  { additionalProperties: false },
);

export const IndicatorSetBodySchema = Type.Object({ indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false });
export type IndicatorSetBody = Static<typeof IndicatorSetBodySchema>;

export const IndicatorSetSchema = Type.Object({
  regionCode: Type.String(),
  /** The region whose set applies (this one, an ancestor), or null for the shipped default. */
  definedAt: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  isInherited: Type.Boolean(),
  indicators: Type.Array(IndicatorSchema),
  abilities: Type.Object({ update: Type.Boolean() }),
});
export type IndicatorSetView = Static<typeof IndicatorSetSchema>;

export const RegionParams = Type.Object({ regionCode: RegionCode }, { additionalProperties: false });
export const ScoresQuerySchema = Type.Object({ regionCode: RegionCode, period: PeriodCode }, { additionalProperties: false });
export type ScoresQuery = Static<typeof ScoresQuerySchema>;

const IndicatorScore = Type.Object({ key: Type.String(), raw: Type.Union([Type.Number(), Type.Null()]), score: Type.Union([Type.Number(), Type.Null()]), weight: Type.Number() });
export const RankedSubjectSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  rank: Type.Union([Type.Integer(), Type.Null()], { description: "1 = best; null when nothing could be scored" }),
  total: Type.Union([Type.Number(), Type.Null()]),
  indicators: Type.Array(IndicatorScore),
});
export type RankedSubject = Static<typeof RankedSubjectSchema>;

export const ScoresSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Type.Object({ code: Type.String(), label: Type.String(), from: Type.String(), to: Type.String() }),
  indicators: Type.Array(IndicatorSchema),
  ticketsResolved: Type.Integer({ description: "tickets resolved in the period at or under the region" }),
  venues: Type.Array(RankedSubjectSchema),
  staff: Type.Array(RankedSubjectSchema),
});
export type ScoresView = Static<typeof ScoresSchema>;

export const ExternalScoreBodySchema = Type.Object(
  {
    period: PeriodCode,
    score: Type.Number({ minimum: 0, maximum: 100, description: "第三方评估得分 (0–100)" }),
    evaluator: RequiredText({ maxLength: 100, description: "the evaluating organisation" }),
  },
  { additionalProperties: false },
);
export type ExternalScoreBody = Static<typeof ExternalScoreBodySchema>;
export const ExternalScoreSchema = Type.Object({ venueId: Type.String(), period: Type.String(), score: Type.Number(), evaluator: Type.String(), recordedAt: Type.String() });

const RankingRow = Type.Object({ rank: Type.Integer(), name: Type.String(), regionName: Type.String(), total: Type.Number() });
/** What a bulletin says: drafted from the rankings, then edited. */
export const BulletinContentSchema = Type.Object({
  summary: Type.String({ maxLength: 5000, description: "开头综述" }),
  figures: Type.Object({ venues: Type.Integer(), scored: Type.Integer(), averageScore: Type.Union([Type.Number(), Type.Null()]), ticketsHandled: Type.Integer() }),
  top: Type.Array(RankingRow),
  bottom: Type.Array(RankingRow),
  commendations: Type.String({ maxLength: 5000, description: "表扬" }),
  criticisms: Type.String({ maxLength: 5000, description: "通报批评与整改要求" }),
  closing: Type.String({ maxLength: 5000, description: "结语" }),
});
export type BulletinContent = Static<typeof BulletinContentSchema>;

export const GenerateBulletinSchema = Type.Object({ regionCode: RegionCode, period: PeriodCode }, { additionalProperties: false });
export const EditBulletinSchema = Type.Object(
  {
    title: Type.Optional(RequiredText({ maxLength: 120, description: "标题" })),
    summary: Type.Optional(Type.String({ maxLength: 5000 })),
    commendations: Type.Optional(Type.String({ maxLength: 5000 })),
    criticisms: Type.Optional(Type.String({ maxLength: 5000 })),
    closing: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type EditBulletinBody = Static<typeof EditBulletinSchema>;
export const BulletinActionSchema = Type.Object({ action: literalUnion(["review", "return", "publish"] as const) }, { additionalProperties: false });

export const BulletinSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Type.String(),
  periodLabel: Type.String(),
  title: Type.String(),
  state: literalUnion(BULLETIN_STATES),
  content: BulletinContentSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  abilities: Type.Object({ edit: Type.Boolean(), review: Type.Boolean(), return: Type.Boolean(), publish: Type.Boolean() }),
});
export type BulletinView = Static<typeof BulletinSchema>;

export const BulletinListQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCode), state: Type.Optional(literalUnion(BULLETIN_STATES)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
);
export const PublicBulletinSchema = Type.Object({
  id: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Type.String(),
  periodLabel: Type.String(),
  title: Type.String(),
  publishedAt: Type.String(),
  content: BulletinContentSchema,
  pdfUrl: Type.String(),
});
export const PublicBulletinQuerySchema = Type.Object({ regionCode: RegionCode }, { additionalProperties: false });
