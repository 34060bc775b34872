import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { DISPUTE_CATEGORIES, LANGUAGES, SERVICE_TYPES } from "./service-catalogue.ts";

export const ServiceTypeSchema = literalUnion(SERVICE_TYPES, "service type");
export const CategorySchema = literalUnion(DISPUTE_CATEGORIES, "dispute category (纠纷类别)");
export const LanguageSchema = literalUnion(LANGUAGES, "zh, bo (Tibetan) or en");

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
