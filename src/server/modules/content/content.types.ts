import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema, RegionRefSchema } from "../regions/regions.types.ts";
import { ServiceTypeSchema } from "../services/services.types.ts";
import { ARTICLE_ACTIONS, ARTICLE_CATEGORIES, ARTICLE_KINDS, ARTICLE_STATUSES, MAX_BODY_LENGTH } from "./content-rules.ts";

export const ArticleKindSchema = literalUnion(ARTICLE_KINDS, "legal_education (普法) or notice (公告)");
export const ArticleCategorySchema = literalUnion(ARTICLE_CATEGORIES, "category (labels in the locales' content.categories)");
export const ArticleStatusSchema = literalUnion(ARTICLE_STATUSES, "draft, published or withdrawn");
export const ArticleActionSchema = literalUnion(ARTICLE_ACTIONS, "publish or withdraw");

const articleFields = {
  kind: ArticleKindSchema,
  category: ArticleCategorySchema,
  title: RequiredText({ maxLength: 100 }),
  summary: Type.String({ maxLength: 300, description: "one or two sentences for the list; may be empty" }),
  body: RequiredText({ maxLength: MAX_BODY_LENGTH, description: "plain text: blank lines between paragraphs, '## ' headings, '- ' list items; never HTML" }),
};

export const CreateArticleSchema = Type.Object({ ...articleFields, summary: Type.Optional(articleFields.summary) }, { additionalProperties: false });
export type CreateArticleInput = Static<typeof CreateArticleSchema>;

export const UpdateArticleSchema = Type.Partial(Type.Object(articleFields), { additionalProperties: false, minProperties: 1 });
export type UpdateArticleInput = Static<typeof UpdateArticleSchema>;

export const ArticleActionBodySchema = Type.Object({ action: ArticleActionSchema }, { additionalProperties: false });

export const BodyBlockSchema = Type.Union([
  Type.Object({ type: Type.Literal("heading"), text: Type.String() }),
  Type.Object({ type: Type.Literal("paragraph"), text: Type.String() }),
  Type.Object({ type: Type.Literal("list"), items: Type.Array(Type.String()) }),
]);

const CoverSchema = Type.Object({
  url: Type.String({ description: "where the image is served" }),
  mediaType: literalUnion(["image/jpeg", "image/png"] as const),
  size: Type.Integer(),
});

export const ArticleSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: ArticleKindSchema,
  category: ArticleCategorySchema,
  title: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  blocks: Type.Array(BodyBlockSchema, { description: "the body parsed; render as text, never as HTML" }),
  status: ArticleStatusSchema,
  region: RegionRefSchema,
  author: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  cover: Type.Union([CoverSchema, Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean(), publish: Type.Boolean(), withdraw: Type.Boolean() }),
  allowedActions: Type.Array(ArticleActionSchema),
});
export type ArticleView = Static<typeof ArticleSchema>;

export const ArticleListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
    offset: Type.Optional(OffsetSchema),
    status: Type.Optional(ArticleStatusSchema),
    kind: Type.Optional(ArticleKindSchema),
    category: Type.Optional(ArticleCategorySchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "in the title" })),
  },
  { additionalProperties: false },
);

/** What the portal shows of an article: no author, no status, nothing internal. */
export const PublicArticleSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: ArticleKindSchema,
  category: ArticleCategorySchema,
  title: Type.String(),
  summary: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type PublicArticleView = Static<typeof PublicArticleSchema>;

export const PublicArticleDetailSchema = Type.Composite([PublicArticleSchema, Type.Object({ blocks: Type.Array(BodyBlockSchema) })]);
export type PublicArticleDetailView = Static<typeof PublicArticleDetailSchema>;

export const PublicArticleQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
    offset: Type.Optional(OffsetSchema),
    kind: Type.Optional(ArticleKindSchema),
    category: Type.Optional(ArticleCategorySchema),
    regionCode: Type.Optional(RegionCodeSchema),
  },
  { additionalProperties: false },
);

/** A public path id: anything up to 100 characters, so a bad id is a 404 like an unknown one. */
export const PublicIdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

const GuideFeeSchema = literalUnion(["free", "charged", "partly"] as const, "free; charged by the price rules; partly (the platform free, the service may cost)");

export const ServiceGuideSummarySchema = Type.Object({
  serviceType: ServiceTypeSchema,
  fee: GuideFeeSchema,
  isOnline: Type.Boolean({ description: "the portal can take the request online" }),
  materialCount: Type.Integer(),
});
export type ServiceGuideSummaryView = Static<typeof ServiceGuideSummarySchema>;

const VisitorRegionSchema = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);

export const ServiceGuideListSchema = Type.Object({ region: VisitorRegionSchema, items: Type.Array(ServiceGuideSummarySchema) });

export const ServiceGuideSchema = Type.Object({
  serviceType: ServiceTypeSchema,
  region: VisitorRegionSchema,
  fee: GuideFeeSchema,
  basis: Type.Array(Type.String()),
  isOnline: Type.Boolean(),
  materials: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean() }), { description: "the material checklist (一次性告知) in force at the region: the window's" }),
  deadlines: Type.Array(Type.Object({ step: Type.String(), amount: Type.Integer(), unit: literalUnion(["hours", "working_days"] as const) })),
  settingsSource: Type.Union([Type.Object({ regionCode: Type.String(), regionName: Type.String() }), Type.Literal("default")]),
  venues: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      level: Type.String(),
      region: Type.Object({ code: Type.String(), name: Type.String() }),
      address: Type.String(),
      openingHours: Type.String(),
      phone: Type.String(),
      windows: Type.Array(Type.String()),
      mapUrl: Type.String(),
    }),
  ),
  hotline: Type.String(),
});
export type ServiceGuideView = Static<typeof ServiceGuideSchema>;

export const GuideParams = Type.Object({ serviceType: ServiceTypeSchema });
export const GuideQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCodeSchema) }, { additionalProperties: false });
