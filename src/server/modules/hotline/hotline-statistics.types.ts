import { Type, type TSchema } from "@sinclair/typebox";

const BeijingDate = (description: string) => Type.String({ format: "date", description: `${description}, a Beijing day YYYY-MM-DD (included)` });

export const HotlineStatisticsQuerySchema = Type.Object(
  {
    from: BeijingDate("the first day"),
    to: BeijingDate("the last day"),
    regionCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: "a region within yours; yours when left out" })),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Seconds = Type.Number({ minimum: 0 });
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Average = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

/** One group's figures (hotline-statistics.ts has each definition). */
const figures = {
  offered: Count,
  answered: Count,
  abandoned: Count,
  missed: Count,
  voicemail: Count,
  transferred: Count,
  inProgress: Count,
  waitSeconds: Seconds,
  waitCount: Count,
  answerWaitSeconds: Seconds,
  talkSeconds: Seconds,
  answeredWithinServiceLevel: Count,
  maxWaitSeconds: Seconds,
  answerRate: Share,
  abandonRate: Share,
  serviceLevel: Share,
  avgWaitSeconds: Average,
  avgAnswerSeconds: Average,
  avgHandlingSeconds: Average,
};
const Figures = <P extends Record<string, TSchema>>(extra: P) => Type.Object({ ...extra, ...figures });

export const HotlineStatisticsSchema = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  serviceLevelSeconds: Type.Integer(),
  total: Figures({}),
  byHour: Type.Array(Figures({ hour: Type.Integer({ minimum: 0, maximum: 23 }) })),
  byWeekday: Type.Array(Figures({ weekday: Type.Integer({ minimum: 1, maximum: 7, description: "1 Monday … 7 Sunday" }) })),
  byDay: Type.Array(Figures({ date: Type.String() })),
  byOperator: Type.Array(Figures({ operator: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]) })),
  bySeat: Type.Array(Figures({ seat: Type.Union([Type.Object({ sourceId: Type.String(), extension: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]) })),
});
