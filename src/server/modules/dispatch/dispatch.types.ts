import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { RoleSchema } from "../accounts/accounts.types.ts";
import { RegionLevelSchema } from "../regions/regions.types.ts";
import { ServiceTypeSchema } from "../tickets/tickets.types.ts";

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

/** Keys are stored on tickets (materials_provided), so they stay short and stable. */
const ChecklistItemSchema = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]{0,39}$", description: "stable key, e.g. id_card" }),
    name: RequiredText({ maxLength: 100 }),
    isRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);

const DeadlineRuleSchema = Type.Object(
  {
    step: literalUnion(["accept", "resolve"] as const),
    amount: Type.Integer({ minimum: 1, maximum: 8760 }),
    unit: literalUnion(["hours", "working_days"] as const),
  },
  { additionalProperties: false },
);

export const ServiceSettingsInputSchema = Type.Object(
  {
    checklist: Type.Array(ChecklistItemSchema, { maxItems: 30 }),
    deadlines: Type.Array(DeadlineRuleSchema, { maxItems: 2 }),
    isAutoDispatch: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ServiceSettingsInput = Static<typeof ServiceSettingsInputSchema>;

export const ServiceSettingsSchema = Type.Object({
  serviceType: ServiceTypeSchema,
  checklist: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean() })),
  deadlines: Type.Array(Type.Object({ step: Type.String(), amount: Type.Integer(), unit: Type.String() })),
  isAutoDispatch: Type.Boolean(),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type ServiceSettingsView = Static<typeof ServiceSettingsSchema>;

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

export const MaterialsInputSchema = Type.Object(
  { materialsProvided: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, maxItems: 30 }) },
  { additionalProperties: false },
);
