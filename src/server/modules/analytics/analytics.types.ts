import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CategorySchema, ChannelSchema, ServiceTypeSchema } from "../tickets/tickets.types.ts";

const Day = (description: string) => Type.String({ format: "date", pattern: "^20\\d{2}-\\d{2}-\\d{2}$", description: `${description}, a Beijing day YYYY-MM-DD (included)` });

/** The figures a drill-down can open: each is a count of the rollups. */
export const MEASURES = [
  "created", "accepted", "rejected", "resolved", "resolvedFirst", "resolvedWithDeadline", "resolvedWithinDeadline",
  "bounced", "reopened", "merged", "rated", "ratedLow", "supervised", "escalated",
] as const;
export type Measure = (typeof MEASURES)[number];

/** The longest period one request may ask for (a few years of a province's figures). */
export const MAX_PERIOD_DAYS = 1100;

const Filters = {
  from: Day("the first day"),
  to: Day("the last day"),
  regionCode: Type.Optional(RegionCodeSchema),
  channel: Type.Optional(ChannelSchema),
  serviceType: Type.Optional(ServiceTypeSchema),
  category: Type.Optional(CategorySchema),
};

export const SummaryQuerySchema = Type.Object(Filters, { additionalProperties: false });
export type SummaryQuery = Static<typeof SummaryQuerySchema>;

export const DrillDownQuerySchema = Type.Object(
  {
    ...Filters,
    measure: literalUnion(MEASURES, "the figure whose tickets to list"),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type DrillDownQuery = Static<typeof DrillDownQuerySchema>;

export const BoardQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCodeSchema) }, { additionalProperties: false });

const Nullable = (schema: ReturnType<typeof Type.Number>) => Type.Union([schema, Type.Null()]);

/** The counts of the rollups and what is derived from them (docs/analytics.md, "The figures"). */
const MEASURE_PROPERTIES = Object.fromEntries(MEASURES.map((m) => [m, Type.Integer()])) as Record<Measure, ReturnType<typeof Type.Integer>>;
export const FiguresSchema = Type.Object({
  ...MEASURE_PROPERTIES,
  withinDeadlineShare: Nullable(Type.Number({ description: "resolvedWithinDeadline / resolvedWithDeadline" })),
  avgAcceptMinutes: Nullable(Type.Number({ description: "mean time from intake to acceptance, of the period's acceptances" })),
  avgResolveHours: Nullable(Type.Number({ description: "mean time from intake to first resolution, of the period's first resolutions" })),
  satisfaction: Nullable(Type.Number({ description: "mean of the four 1–5 rating scores, of the period's ratings" })),
});
export type Figures = Record<Measure, number> & { withinDeadlineShare: number | null; avgAcceptMinutes: number | null; avgResolveHours: number | null; satisfaction: number | null };

const Region = Type.Object({ code: Type.String(), name: Type.String() });

export const SummarySchema = Type.Object({
  region: Region,
  from: Type.String(),
  to: Type.String(),
  granularity: literalUnion(["day", "week"] as const),
  totals: FiguresSchema,
  series: Type.Array(Type.Object({ period: Type.String({ description: "the day, or the Monday starting the week" }), figures: FiguresSchema })),
  byChannel: Type.Array(Type.Object({ channel: Type.String(), figures: FiguresSchema })),
  byServiceType: Type.Array(Type.Object({ serviceType: Type.String(), figures: FiguresSchema })),
  byCategory: Type.Array(Type.Object({ category: Type.String(), figures: FiguresSchema })),
  byRegion: Type.Array(Type.Object({ region: Region, figures: FiguresSchema })),
});

export const DrillDownSchema = Type.Object({
  measure: Type.String(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      at: Type.String({ format: "date-time", description: "when the counted thing happened" }),
      ticket: Type.Object({
        id: Type.String({ format: "uuid" }),
        number: Type.String(),
        channel: Type.String(),
        serviceType: Type.String(),
        category: Type.String(),
        region: Region,
        status: Type.String(),
        dueState: Type.String(),
        createdAt: Type.String({ format: "date-time" }),
      }),
    }),
  ),
});

const Count = Type.Object({ key: Type.String(), n: Type.Integer() });
export const BoardSchema = Type.Object({
  region: Region,
  day: Type.String(),
  asOf: Type.String({ format: "date-time" }),
  today: FiguresSchema,
  todayByChannel: Type.Array(Count),
  todayByServiceType: Type.Array(Count),
  todayByRegion: Type.Array(Type.Object({ region: Region, created: Type.Integer(), resolved: Type.Integer() })),
  open: Type.Object({ open: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer(), unassigned: Type.Integer(), supervised: Type.Integer() }),
  satisfactionMonth: Type.Union([Type.Number(), Type.Null()]),
  ratedMonth: Type.Integer(),
});

export const ForecastQuerySchema = Type.Object(
  {
    regionCode: Type.Optional(RegionCodeSchema),
    channel: Type.Optional(ChannelSchema),
    serviceType: Type.Optional(ServiceTypeSchema),
    category: Type.Optional(CategorySchema),
    horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 26, default: 12, description: "weeks to forecast" })),
  },
  { additionalProperties: false },
);

const Nullable01 = Type.Union([Type.Number(), Type.Null()]);
export const ForecastSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  model: Type.Union([Type.Literal("mstl-ets"), Type.Literal("ets")], { description: "mstl-ets: yearly season + trend (two years of history or more); ets: level and trend" }),
  history: Type.Array(Type.Object({ weekStart: Type.String({ description: "the Monday (Beijing)" }), count: Type.Integer() })),
  forecast: Type.Array(
    Type.Object({ weekStart: Type.String(), point: Type.Number(), lower80: Type.Number(), upper80: Type.Number(), lower95: Type.Number(), upper95: Type.Number() }),
  ),
  backtest: Type.Union([
    Type.Object({
      holdoutWeeks: Type.Integer(),
      model: Type.String(),
      mape: Nullable01,
      baselineMape: Type.Union([Type.Number({ description: "seasonal naive: the same week a year earlier" }), Type.Null()]),
      coverage80: Nullable01,
    }),
    Type.Null(),
  ]),
  festival: Type.Array(Type.Object({ week: Type.Integer({ description: "weeks from the Spring Festival's week" }), factor: Type.Number() })),
});
