import { Type, type Static } from "@sinclair/typebox";
import { RequiredText } from "../../platform/schema.ts";

const DateSchema = Type.String({ format: "date", description: "YYYY-MM-DD (Beijing)" });

export const HolidayYearInputSchema = Type.Object(
  {
    off: Type.Array(Type.Object({ name: RequiredText({ maxLength: 30 }), from: DateSchema, to: DateSchema }, { additionalProperties: false }), { maxItems: 30 }),
    work: Type.Array(DateSchema, { uniqueItems: true, maxItems: 30 }),
    source: Type.Optional(Type.String({ maxLength: 200, description: "the State Council notice it comes from" })),
  },
  { additionalProperties: false },
);
export type HolidayYearInput = Static<typeof HolidayYearInputSchema>;

export const HolidayYearSchema = Type.Object({
  year: Type.String(),
  off: Type.Array(Type.Object({ name: Type.String(), from: Type.String(), to: Type.String() })),
  work: Type.Array(Type.String()),
  source: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: "date-time" }),
});
export type HolidayYearView = Static<typeof HolidayYearSchema>;
