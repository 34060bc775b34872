import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema, RegionRefSchema } from "../regions/regions.types.ts";
import { SERVICE_TYPES } from "../services/service-catalogue.ts";
import { VENUE_LEVELS } from "../venues/venue-rules.ts";
import { DIRECTORY_LANGUAGES, OFFICE_PHONE_PATTERN, PROVIDER_KINDS, PUBLIC_ROLES, SPECIALITIES } from "./directory-rules.ts";

export const PublicRoleSchema = literalUnion(PUBLIC_ROLES, "the role the person appears under: lawyer, mediator, village legal advisor");
export const SpecialitySchema = literalUnion(SPECIALITIES, "speciality (专长), from the fixed list");
export const DirectoryLanguageSchema = literalUnion(DIRECTORY_LANGUAGES, "language served in");
export const ProviderKindSchema = literalUnion(PROVIDER_KINDS, "kind of legal service provider");
const ServiceTypeSchema = literalUnion(SERVICE_TYPES, "service type");
const PhoneSchema = Type.Union([Type.String({ pattern: OFFICE_PHONE_PATTERN }), Type.Literal("")], { description: "office landline, mobile or service number" });
const IdSchema = Type.String({ format: "uuid" });

const Page = { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })), offset: Type.Optional(OffsetSchema) };
const SearchText = Type.String({ minLength: 1, maxLength: 50, description: "name contains" });

// ——— Public: what anyone may read ———

export const PublicVenueSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  level: literalUnion(VENUE_LEVELS, "venue level"),
  region: RegionRefSchema,
  address: Type.String(),
  openingHours: Type.String(),
  phone: Type.String(),
  windows: Type.Array(Type.Object({ name: Type.String(), services: Type.Array(ServiceTypeSchema) })),
  services: Type.Array(ServiceTypeSchema, { description: "every service its windows offer" }),
  mapUrl: Type.Union([Type.String(), Type.Null()], { description: "a map search for the address (null without one)" }),
});
export type PublicVenue = Static<typeof PublicVenueSchema>;

export const PublicVenueQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCodeSchema), q: Type.Optional(SearchText), ...Page },
  { additionalProperties: false },
);

/** A person as the public sees them: only what they switched on. The optional fields are absent, not empty, when private. */
export const PublicPersonSchema = Type.Object({
  id: IdSchema,
  displayName: Type.String(),
  role: PublicRoleSchema,
  region: RegionRefSchema,
  specialities: Type.Array(SpecialitySchema),
  languages: Type.Array(DirectoryLanguageSchema),
  introduction: Type.String(),
  officePhone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  venue: Type.Optional(Type.Object({ id: IdSchema, name: Type.String(), address: Type.String(), phone: Type.String() })),
});
export type PublicPerson = Static<typeof PublicPersonSchema>;

export const PublicPeopleQuerySchema = Type.Object(
  {
    role: Type.Optional(PublicRoleSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    speciality: Type.Optional(SpecialitySchema),
    language: Type.Optional(DirectoryLanguageSchema),
    q: Type.Optional(SearchText),
    ...Page,
  },
  { additionalProperties: false },
);

const providerPublicFields = {
  id: IdSchema,
  kind: ProviderKindSchema,
  name: Type.String(),
  region: RegionRefSchema,
  address: Type.String(),
  phone: Type.String(),
  openingHours: Type.String(),
  services: Type.Array(ServiceTypeSchema),
  licenceNumber: Type.String(),
  description: Type.String(),
  mapUrl: Type.Union([Type.String(), Type.Null()]),
};
export const PublicProviderSchema = Type.Object(providerPublicFields);
export type PublicProvider = Static<typeof PublicProviderSchema>;

export const PublicProviderQuerySchema = Type.Object(
  { kind: Type.Optional(ProviderKindSchema), regionCode: Type.Optional(RegionCodeSchema), q: Type.Optional(SearchText), ...Page },
  { additionalProperties: false },
);

export const CardQuerySchema = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal("vcf"), Type.Literal("svg")], { default: "vcf", description: "vcf: the vCard text; svg: a QR code that encodes it" })) },
  { additionalProperties: false },
);

// ——— Staff: my public profile ———

export const SaveMyProfileSchema = Type.Object(
  {
    isListed: Type.Boolean({ description: "appear in the public directory" }),
    displayName: RequiredText({ maxLength: 50, description: "the name shown to the public" }),
    role: PublicRoleSchema,
    officePhone: PhoneSchema,
    isOfficePhonePublic: Type.Boolean(),
    email: Type.Union([Type.String({ format: "email", maxLength: 100 }), Type.Literal("")]),
    isEmailPublic: Type.Boolean(),
    venueId: Type.Union([IdSchema, Type.Null()], { description: "a venue of your scope where the public finds you" }),
    isVenuePublic: Type.Boolean(),
    specialities: Type.Array(SpecialitySchema, { maxItems: SPECIALITIES.length, uniqueItems: true }),
    languages: Type.Array(DirectoryLanguageSchema, { maxItems: DIRECTORY_LANGUAGES.length, uniqueItems: true }),
    introduction: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type SaveMyProfileInput = Static<typeof SaveMyProfileSchema>;

const ProfileFieldsSchema = Type.Object({
  isListed: Type.Boolean(),
  isHidden: Type.Boolean({ description: "hidden by an admin: not shown whatever isListed says" }),
  hiddenReason: Type.String(),
  displayName: Type.String(),
  role: PublicRoleSchema,
  officePhone: Type.String(),
  isOfficePhonePublic: Type.Boolean(),
  email: Type.String(),
  isEmailPublic: Type.Boolean(),
  venueId: Type.Union([IdSchema, Type.Null()]),
  isVenuePublic: Type.Boolean(),
  specialities: Type.Array(SpecialitySchema),
  languages: Type.Array(DirectoryLanguageSchema),
  introduction: Type.String(),
});

export const MyProfileSchema = Type.Object({
  /** Null until the person first saves one. */
  profile: Type.Union([Type.Intersect([Type.Object({ id: IdSchema, updatedAt: Type.String({ format: "date-time" }) }), ProfileFieldsSchema]), Type.Null()]),
  /** Exactly what the public sees now (null: not in the directory). */
  publicView: Type.Union([PublicPersonSchema, Type.Null()]),
  /** What the form may offer: the account's public roles and the venues of its scope. */
  options: Type.Object({
    roles: Type.Array(PublicRoleSchema),
    venues: Type.Array(Type.Object({ id: IdSchema, name: Type.String() })),
    defaultDisplayName: Type.String(),
  }),
});

// ——— Staff: admins' view of the profiles of their scope ———

export const StaffProfileSchema = Type.Object({
  id: IdSchema,
  accountId: IdSchema,
  displayName: Type.String(),
  role: PublicRoleSchema,
  region: RegionRefSchema,
  isListed: Type.Boolean(),
  isHidden: Type.Boolean(),
  hiddenReason: Type.String(),
  updatedAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean(), hide: Type.Boolean() }),
});
export type StaffProfileView = Static<typeof StaffProfileSchema>;

export const StaffProfileQuerySchema = Type.Object({ q: Type.Optional(SearchText), isHidden: Type.Optional(Type.Boolean()), ...Page }, { additionalProperties: false });

export const HideProfileSchema = Type.Object(
  { isHidden: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 200, description: "why it is hidden (required to hide)" })) },
  { additionalProperties: false },
);
export type HideProfileInput = Static<typeof HideProfileSchema>;

// ——— Staff: providers ———

const providerInputFields = {
  kind: ProviderKindSchema,
  name: RequiredText({ maxLength: 100 }),
  regionCode: RegionCodeSchema,
  address: Type.String({ maxLength: 200 }),
  phone: PhoneSchema,
  openingHours: Type.String({ maxLength: 100 }),
  services: Type.Array(ServiceTypeSchema, { maxItems: SERVICE_TYPES.length, uniqueItems: true }),
  licenceNumber: Type.String({ maxLength: 50, description: "执业许可证号 / 统一社会信用代码" }),
  description: Type.String({ maxLength: 1000 }),
  isListed: Type.Boolean({ description: "shown in the public directory" }),
};

export const CreateProviderSchema = Type.Object(
  {
    ...providerInputFields,
    address: Type.Optional(providerInputFields.address),
    phone: Type.Optional(providerInputFields.phone),
    openingHours: Type.Optional(providerInputFields.openingHours),
    services: Type.Optional(providerInputFields.services),
    licenceNumber: Type.Optional(providerInputFields.licenceNumber),
    description: Type.Optional(providerInputFields.description),
    isListed: Type.Optional(providerInputFields.isListed),
  },
  { additionalProperties: false },
);
export type CreateProviderInput = Static<typeof CreateProviderSchema>;

export const UpdateProviderSchema = Type.Partial(Type.Object(providerInputFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type UpdateProviderInput = Static<typeof UpdateProviderSchema>;

export const ProviderSchema = Type.Object({
  ...providerPublicFields,
  regionCode: Type.String(),
  isListed: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean() }),
});
export type ProviderView = Static<typeof ProviderSchema>;

export const ProviderListQuerySchema = Type.Object(
  { kind: Type.Optional(ProviderKindSchema), regionCode: Type.Optional(RegionCodeSchema), q: Type.Optional(SearchText), ...Page },
  { additionalProperties: false },
);
export const ProviderListSchema = Type.Object({
  items: Type.Array(ProviderSchema),
  total: Type.Integer(),
  /** May the actor add a provider (in their own region or below)? */
  canCreate: Type.Boolean(),
});
