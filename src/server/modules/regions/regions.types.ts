import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { REGION_LEVELS } from "./region-rules.ts";

export const RegionLevelSchema = literalUnion(REGION_LEVELS, "province › city › county › township › village");

export const RegionRefSchema = Type.Object({ code: Type.String(), name: Type.String(), level: RegionLevelSchema });
export type RegionRef = Static<typeof RegionRefSchema>;

export const RegionSchema = Type.Object({
  code: Type.String({ description: "GB/T 2260 (6 digits) or statistical code (9/12 digits)" }),
  name: Type.String(),
  level: RegionLevelSchema,
  parentCode: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(Type.String(), { description: "codes from the root to this node" }),
  hasChildren: Type.Boolean(),
  abilities: Type.Object({ read: Type.Boolean(), createChild: Type.Boolean() }),
});
export type RegionView = Static<typeof RegionSchema>;

export const RegionDetailSchema = Type.Intersect([RegionSchema, Type.Object({ ancestors: Type.Array(RegionRefSchema) })]);

/** 6-, 9- or 12-digit region codes. */
export const RegionCodeSchema = Type.String({ pattern: "^(\\d{6}|\\d{9}|\\d{12})$", description: "region code" });

export const RegionListQuerySchema = Type.Object(
  {
    parentCode: Type.Optional(RegionCodeSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "name or code contains" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);

export const CreateRegionSchema = Type.Object(
  {
    code: RegionCodeSchema,
    name: RequiredText({ maxLength: 100 }),
    parentCode: RegionCodeSchema,
  },
  { additionalProperties: false },
);

export const ImportRegionsSchema = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 5_000_000, description: "lines of code,name,parentCode,level" }) },
  { additionalProperties: false },
);
