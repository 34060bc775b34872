import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { ROLES } from "../../policies/actor.ts";
import { RegionCodeSchema, RegionRefSchema } from "../regions/regions.types.ts";
import { DISPUTE_CATEGORIES, LANGUAGES } from "../services/service-catalogue.ts";

export const RoleSchema = literalUnion(ROLES, "staff role");
const RolesSchema = Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length, uniqueItems: true });
export const UsernameSchema = Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_.-]{2,31}$", description: "3–32 letters, digits, _ . -; starts with a letter" });
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 128 });
/** Dispute categories the person handles well (the dispatch suggestion prefers them). */
const SkillsSchema = Type.Array(literalUnion(DISPUTE_CATEGORIES, "dispute category (纠纷类别)"), { uniqueItems: true, maxItems: DISPUTE_CATEGORIES.length });
/** Languages the person serves in; at least one. */
const LanguagesSchema = Type.Array(literalUnion(LANGUAGES, "zh, bo (Tibetan) or en"), { minItems: 1, uniqueItems: true, maxItems: LANGUAGES.length });

export const AccountSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  region: RegionRefSchema,
  isDisabled: Type.Boolean(),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  lockedUntil: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean(), disable: Type.Boolean(), resetPassword: Type.Boolean() }),
});
export type AccountView = Static<typeof AccountSchema>;

export const CreateAccountSchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: RequiredText({ maxLength: 50 }),
    password: PasswordSchema,
    roles: RolesSchema,
    regionCode: RegionCodeSchema,
    skills: Type.Optional(SkillsSchema),
    languages: Type.Optional(LanguagesSchema),
  },
  { additionalProperties: false },
);
export type CreateAccountInput = Static<typeof CreateAccountSchema>;

export const UpdateAccountSchema = Type.Object(
  {
    displayName: Type.Optional(RequiredText({ maxLength: 50 })),
    roles: Type.Optional(RolesSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    isDisabled: Type.Optional(Type.Boolean()),
    skills: Type.Optional(SkillsSchema),
    languages: Type.Optional(LanguagesSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAccountInput = Static<typeof UpdateAccountSchema>;

export const ResetPasswordSchema = Type.Object({ password: PasswordSchema }, { additionalProperties: false });

export const AccountListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    role: Type.Optional(RoleSchema),
    regionCode: Type.Optional(RegionCodeSchema),
  },
  { additionalProperties: false },
);
