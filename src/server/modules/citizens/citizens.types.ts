import { Type, type Static } from "@sinclair/typebox";
import { literalUnion, RequiredText } from "../../platform/schema.ts";
import { RegionRefSchema } from "../regions/regions.types.ts";
import { CODE_PATTERN } from "./one-time-code-rules.ts";

export const PORTAL_LANGUAGES = ["zh-CN", "en", "bo"] as const;
export const PortalLanguageSchema = literalUnion(PORTAL_LANGUAGES, "the portal's language: Chinese, English or Tibetan");

/** A mainland mobile number: one-time codes go by SMS, so landlines cannot sign in. */
export const CitizenPhoneSchema = Type.String({ pattern: "^1[3-9][0-9]{9}$", description: "mainland mobile number, 11 digits" });

export const RequestCodeBodySchema = Type.Object(
  {
    phone: CitizenPhoneSchema,
    purpose: Type.Optional(literalUnion(["sign_in", "tracking"] as const, "what the code is for: signing in (default) or tracking a request without an account")),
  },
  { additionalProperties: false },
);

export const CodeSentSchema = Type.Object({
  sentTo: Type.String({ description: "the phone, masked" }),
  expiresAt: Type.String({ format: "date-time" }),
  resendAfterSeconds: Type.Integer({ description: "when the next code may be requested for this phone" }),
});

export const SignInBodySchema = Type.Object(
  { phone: CitizenPhoneSchema, code: Type.String({ pattern: CODE_PATTERN, description: "the six digits received by SMS" }) },
  { additionalProperties: false },
);

/** The citizen's own profile as the portal shows it. Phone and ID number masked: see docs/api.md (Portal). */
export const CitizenProfileSchema = Type.Object({
  kind: Type.Literal("citizen"),
  id: Type.String({ format: "uuid" }),
  phone: Type.String({ description: "masked (138****5678)" }),
  name: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String({ description: "masked (110105********1234)" }), Type.Null()]),
  region: Type.Union([RegionRefSchema, Type.Null()]),
  preferredLanguage: Type.Union([PortalLanguageSchema, Type.Null()]),
  lastSignInAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type CitizenProfile = Static<typeof CitizenProfileSchema>;

export const ProfileChangesSchema = Type.Object(
  {
    name: Type.Optional(Type.Union([RequiredText({ maxLength: 50 }), Type.Null()])),
    idNumber: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 18, description: "resident ID number (GB 11643-1999), checked" }), Type.Null()])),
    regionCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 12 }), Type.Null()])),
    preferredLanguage: Type.Optional(Type.Union([PortalLanguageSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
