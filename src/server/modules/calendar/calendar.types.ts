import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";

const DateSchema = Type.String({ format: "date", description: "YYYY-MM-DD (Beijing)" });

export const HolidayYearInputSchema = Type.Object(
  {
    off: Type.Array(Type.Object({ name: RequiredText({ maxLength: 30 }), from: DateSchema, to: DateSchema }, { additionalProperties: false }), { maxItems: 30 }),
    work: Type.Array(DateSchema, { uniqueItems: true, maxItems: 30 }),
    source: Type.Optional(Type.String({ maxLength: 200, description: "the State Council notice (or the region's own decision) it comes from" })),
  },
  { additionalProperties: false },
);
export type HolidayYearInput = Static<typeof HolidayYearInputSchema>;

export const YearParamsSchema = Type.Object({ year: Type.String({ pattern: "^20\\d{2}$", description: "2000–2099" }) });

/** Which node's additions to read or change: the actor's own node when left out. */
export const CalendarRegionQuerySchema = Type.Object(
  { regionCode: Type.Optional(Type.String({ pattern: "^\\d{6}(\\d{3}){0,2}$", description: "a region node within the actor's scope; default: the actor's own" })) },
  { additionalProperties: false },
);

export const HolidayYearSchema = Type.Object({
  year: Type.String(),
  off: Type.Array(Type.Object({ name: Type.String(), from: Type.String(), to: Type.String() })),
  work: Type.Array(Type.String()),
  source: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: "date-time" }),
});
export type HolidayYearView = Static<typeof HolidayYearSchema>;

/** The additions of one node on the path: the viewed node's own (本级) or an ancestor's (inherited). */
export const RegionalHolidaysSchema = Type.Object({
  region: Type.Object({ regionCode: Type.String(), regionName: Type.String() }),
  isOwn: Type.Boolean(),
  years: Type.Array(HolidayYearSchema),
});
export type RegionalHolidaysView = Static<typeof RegionalHolidaysSchema>;

export const CalendarNoticeSchema = Type.Object({
  kind: literalUnion(["holiday_year_missing"] as const),
  year: Type.String(),
  startsOn: Type.String({ format: "date" }),
  isStarted: Type.Boolean({ description: "the year has begun and is being counted on weekends only" }),
});

export const CalendarNoticesSchema = Type.Object({
  notices: Type.Array(CalendarNoticeSchema),
  abilities: Type.Object({ updateNational: Type.Boolean() }),
});

export const CalendarSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  /** The national arrangements (the State Council's), the same everywhere. */
  years: Type.Array(HolidayYearSchema),
  /** Additions of the nodes on the viewed node's path, root first. */
  regional: Type.Array(RegionalHolidaysSchema),
  notices: Type.Array(CalendarNoticeSchema),
  abilities: Type.Object({ updateNational: Type.Boolean(), updateRegional: Type.Boolean() }),
});
