import { Type } from "@sinclair/typebox";
import { literalUnion } from "../../platform/schema.ts";
import { RoleSchema } from "../accounts/accounts.types.ts";
import { RegionLevelSchema } from "../regions/regions.types.ts";

const Person = Type.Object({ id: Type.String({ format: "uuid" }), displayName: Type.String() });

export const DispatchSuggestionSchema = Type.Object({
  unit: Type.Object({
    code: Type.String(),
    name: Type.String({ description: "the body at that node: 青川区法律援助中心, 东关街道人民调解委员会…" }),
    level: RegionLevelSchema,
    regionName: Type.String(),
  }),
  unitKind: literalUnion(["legal_aid_center", "mediation_committee", "duty_lawyers", "service_center"] as const),
  assignee: Type.Union([Person, Type.Null()], { description: "null: assign to the unit, nobody there is on duty (or nobody at all)" }),
  isClimbed: Type.Boolean({ description: "the matter's own level had nobody; the search went up the tree" }),
  canAssign: Type.Boolean({ description: "whether you may assign to that unit (it may lie above your region)" }),
  reason: Type.String(),
  candidates: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      displayName: Type.String(),
      roles: Type.Array(RoleSchema),
      regionName: Type.String(),
      load: Type.Integer({ description: "open tickets: assigned, in progress, suspended" }),
      isOnDuty: Type.Boolean(),
      skillMatch: Type.Boolean(),
      languageMatch: Type.Boolean(),
      score: Type.Integer(),
      reason: Type.String(),
    }),
  ),
});
