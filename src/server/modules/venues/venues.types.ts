import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema, RegionRefSchema } from "../regions/regions.types.ts";
import { PHONE_PATTERN, POST_KINDS, SERVICE_TYPES, VENUE_LEVELS } from "./venue-rules.ts";


export const VenueLevelSchema = literalUnion(VENUE_LEVELS, "hall (city) / center (county) / station (township) / room (village)");
export const ServiceTypeSchema = literalUnion(SERVICE_TYPES, "service type");
export const PostKindSchema = literalUnion(POST_KINDS, "standard post");

const WindowSchema = Type.Object(
  {
    name: RequiredText({ maxLength: 50, description: "e.g. 法律援助窗口" }),
    services: Type.Array(ServiceTypeSchema, { maxItems: SERVICE_TYPES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

const EquipmentSchema = Type.Object(
  {
    hasTouchKiosk: Type.Boolean({ description: "touch self-service kiosk (触摸查询一体机)" }),
    hasDisplayScreen: Type.Boolean({ description: "electronic display screen" }),
    hasRemoteVideo: Type.Boolean({ description: "remote video link to the level above" }),
  },
  { additionalProperties: false },
);

const PostInputSchema = Type.Object(
  { post: PostKindSchema, accountIds: Type.Array(Type.String({ format: "uuid" }), { maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);

const venueFields = {
  name: RequiredText({ maxLength: 100 }),
  level: VenueLevelSchema,
  regionCode: RegionCodeSchema,
  address: Type.String({ maxLength: 200 }),
  openingHours: Type.String({ maxLength: 100, description: "e.g. 周一至周五 9:00-17:00" }),
  phone: Type.Union([Type.String({ pattern: PHONE_PATTERN }), Type.Literal("")], { description: "landline, mobile or service number" }),
  floorArea: Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 100000 }), Type.Null()], { description: "m²" }),
  isStreetFacingGroundFloor: Type.Boolean({ description: "临街一层" }),
  windows: Type.Array(WindowSchema, { maxItems: 50 }),
  equipment: EquipmentSchema,
  posts: Type.Array(PostInputSchema, { maxItems: POST_KINDS.length }),
};

export const CreateVenueSchema = Type.Object(
  {
    ...venueFields,
    address: Type.Optional(venueFields.address),
    openingHours: Type.Optional(venueFields.openingHours),
    phone: Type.Optional(venueFields.phone),
    floorArea: Type.Optional(venueFields.floorArea),
    isStreetFacingGroundFloor: Type.Optional(venueFields.isStreetFacingGroundFloor),
    windows: Type.Optional(venueFields.windows),
    equipment: Type.Optional(EquipmentSchema),
    posts: Type.Optional(venueFields.posts),
  },
  { additionalProperties: false },
);
export type CreateVenueInput = Static<typeof CreateVenueSchema>;

export const UpdateVenueSchema = Type.Partial(Type.Object(venueFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type UpdateVenueInput = Static<typeof UpdateVenueSchema>;

const AccountRefSchema = Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() });

export const VenueSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  level: VenueLevelSchema,
  regionCode: Type.String(),
  region: RegionRefSchema,
  address: Type.String(),
  openingHours: Type.String(),
  phone: Type.String(),
  floorArea: Type.Union([Type.Number(), Type.Null()]),
  isStreetFacingGroundFloor: Type.Boolean(),
  windows: Type.Array(Type.Object({ name: Type.String(), services: Type.Array(ServiceTypeSchema) })),
  equipment: EquipmentSchema,
  posts: Type.Array(Type.Object({ post: PostKindSchema, accounts: Type.Array(AccountRefSchema) })),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean() }),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type VenueView = Static<typeof VenueSchema>;

export const VenueListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
    level: Type.Optional(VenueLevelSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);
