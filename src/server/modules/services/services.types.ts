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

/** Which node's settings to read or change: the actor's own node when left out. */
export const SettingsRegionQuerySchema = Type.Object(
  { regionCode: Type.Optional(Type.String({ pattern: "^\\d{6}(\\d{3}){0,2}$", description: "a region node within the actor's scope; default: the actor's own" })) },
  { additionalProperties: false },
);

const RegionRefSchema = Type.Object({ regionCode: Type.String(), regionName: Type.String() });

/** Where a value in force comes from: a node (this one or an ancestor), or the shipped defaults. */
export const SettingsSourceSchema = Type.Union([RegionRefSchema, Type.Literal("default")]);

const ChecklistViewSchema = Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean() }));
const DeadlinesViewSchema = Type.Array(Type.Object({ step: Type.String(), amount: Type.Integer(), unit: literalUnion(["hours", "working_days"] as const) }));

export const ServiceSettingsSchema = Type.Object({
  serviceType: ServiceTypeSchema,
  checklist: ChecklistViewSchema,
  deadlines: DeadlinesViewSchema,
  isAutoDispatch: Type.Boolean(),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  source: SettingsSourceSchema,
  /** The node has its own settings (本级设置) rather than inheriting them. */
  isOwn: Type.Boolean(),
  /** With own settings: what the node would inherit after a reset, and from where. */
  inherited: Type.Union([
    Type.Object({ checklist: ChecklistViewSchema, deadlines: DeadlinesViewSchema, isAutoDispatch: Type.Boolean(), source: SettingsSourceSchema }),
    Type.Null(),
  ]),
  /** Nodes below with their own settings: a change here does not reach them. */
  overriddenBelow: Type.Array(RegionRefSchema),
  abilities: Type.Object({ update: Type.Boolean(), reset: Type.Boolean() }),
});
export type ServiceSettingsView = Static<typeof ServiceSettingsSchema>;

export const ServiceSettingsListSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  items: Type.Array(ServiceSettingsSchema),
  abilities: Type.Object({ update: Type.Boolean() }),
});
