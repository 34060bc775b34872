import { Type, type Static } from "@sinclair/typebox";
import { RequiredText, literalUnion } from "../../platform/schema.ts";
import { APPLICANT_GROUPS, BUILT_IN_MATTERS, INJURY_KINDS } from "./eligibility-rules.ts";

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const DATE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";
/** A matter key: one of the law's, or one a province added (a stable snake_case key). */
const MATTER_KEY = "^[a-z][a-z0-9_]{0,39}$";
const RegionCode = Type.String({ pattern: "^\\d{6}(\\d{3}){0,2}$", description: "a region code (6, 9 or 12 digits): where the applicant applies" });

/** POST /api/legal-aid/eligibility */
export const EligibilityRequestSchema = Type.Object(
  {
    matter: Type.String({
      pattern: MATTER_KEY,
      description: `what the legal aid is for: ${BUILT_IN_MATTERS.join(", ")}, or a matter the province added (GET /api/legal-aid/standard)`,
    }),
    regionCode: RegionCode,
    injuryKind: Type.Optional(literalUnion(INJURY_KINDS, "for personal_injury: what kind (a migrant worker's work injury needs no hardship check)")),
    applicant: Type.Optional(
      Type.Object(
        {
          groups: Type.Optional(Type.Array(literalUnion(APPLICANT_GROUPS, "a group of Legal Aid Law art. 42"), { maxItems: APPLICANT_GROUPS.length, uniqueItems: true })),
          householdSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: "people in the household" })),
          householdMonthlyIncome: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000_000, description: "the household's income a month, yuan" })),
        },
        { additionalProperties: false },
      ),
    ),
    asOf: Type.Optional(Type.String({ pattern: DATE, description: "check as on this Beijing date (what-if); default today" })),
  },
  { additionalProperties: false },
);
export type EligibilityRequest = Static<typeof EligibilityRequestSchema>;

export const RuleSchema = Type.Object({
  lawTitle: Type.String(),
  articleNo: Type.String({ description: "as the law writes it: 第三十一条" }),
  explanation: Type.String(),
  /** The law reader's address of the article (/laws/:id#第三十一条), when the law is imported. */
  lawId: Nullable(Type.String()),
  anchor: Type.String(),
});

const StandardSummarySchema = Type.Object({
  provinceCode: Type.String(),
  provinceName: Type.String(),
  effectiveFrom: Type.String(),
  incomeLinePerMember: Type.Number(),
  basis: Type.String(),
});

export const EligibilityResponseSchema = Type.Object({
  outcome: literalUnion(["eligible", "not_eligible", "needs_review"] as const),
  hardshipCheck: literalUnion(["required", "waived", "not_applicable"] as const),
  hardshipEvidence: literalUnion(["none", "group_proof", "self_declaration"] as const),
  evidenceNote: Type.String(),
  rules: Type.Array(RuleSchema),
  related: Type.Array(RuleSchema),
  incomePerMember: Type.Union([Type.Number(), Type.Null()]),
  /** The standard applied: the province's in force on `asOf`; null when none is registered. */
  standard: Type.Union([StandardSummarySchema, Type.Null()]),
  asOf: Type.String(),
});
export type EligibilityResponse = Static<typeof EligibilityResponseSchema>;

const ExtraMatterSchema = Type.Object(
  {
    key: Type.String({ pattern: MATTER_KEY, description: "stable snake_case key, not one of the law's" }),
    label: RequiredText({ maxLength: 100, description: "as the provincial rule names it" }),
    isHardshipRequired: Type.Boolean({ description: "true: Art. 31 (9), hardship checked; false: Art. 32 (5), no hardship condition" }),
  },
  { additionalProperties: false },
);

/** POST /api/legal-aid/standards */
export const StandardInputSchema = Type.Object(
  {
    provinceCode: Type.String({ pattern: "^\\d{2}0000$", description: "the province (its 6-digit code ending in 0000)" }),
    effectiveFrom: Type.String({ pattern: DATE, description: "Beijing date from which it applies" }),
    incomeLinePerMember: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: "yuan per member per month (kept to the fen)" }),
    extraMatters: Type.Array(ExtraMatterSchema, { maxItems: 50 }),
    basis: RequiredText({ maxLength: 500, description: "the provincial document that sets it (name and number), or that it is a demo value" }),
  },
  { additionalProperties: false },
);
export type StandardInput = Static<typeof StandardInputSchema>;

export const StandardSchema = Type.Object({
  id: Type.String(),
  provinceCode: Type.String(),
  provinceName: Type.String(),
  effectiveFrom: Type.String(),
  incomeLinePerMember: Type.Number(),
  extraMatters: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), isHardshipRequired: Type.Boolean() })),
  basis: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  /** In force today (Beijing time). */
  isInForce: Type.Boolean(),
});
export type StandardView = Static<typeof StandardSchema>;

export const StandardListQuerySchema = Type.Object(
  { provinceCode: Type.Optional(Type.String({ pattern: "^\\d{2}0000$", description: "default: the actor's province" })) },
  { additionalProperties: false },
);
export const StandardListSchema = Type.Object({
  province: Type.Object({ code: Type.String(), name: Type.String() }),
  items: Type.Array(StandardSchema),
  abilities: Type.Object({ add: Type.Boolean() }),
});

/** GET /api/legal-aid/standard?regionCode= (public): what the self-check form needs. */
export const PublicStandardQuerySchema = Type.Object({ regionCode: RegionCode, asOf: Type.Optional(Type.String({ pattern: DATE })) }, { additionalProperties: false });
export const PublicStandardSchema = Type.Object({
  standard: Type.Union([StandardSummarySchema, Type.Null()]),
  /** The province's own matters, for the form's matter picker. */
  extraMatters: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), isHardshipRequired: Type.Boolean() })),
  asOf: Type.String(),
});
