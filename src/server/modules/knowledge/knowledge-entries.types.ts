import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema, RegionRefSchema } from "../regions/regions.types.ts";
import { CategorySchema } from "../services/services.types.ts";
import { KNOWLEDGE_ACTIONS, KNOWLEDGE_KINDS, KNOWLEDGE_STATUSES, MAX_CITATIONS, MAX_ENTRY_BODY_LENGTH } from "./knowledge-rules.ts";

export const KnowledgeKindSchema = literalUnion(KNOWLEDGE_KINDS, "faq (常见问题) or case_explainer (以案释法)");
export const KnowledgeStatusSchema = literalUnion(KNOWLEDGE_STATUSES, "draft, published or withdrawn");
export const KnowledgeActionSchema = literalUnion(KNOWLEDGE_ACTIONS, "publish or withdraw");

/** A citation as sent: the law by its full or short title (民法典 or 中华人民共和国民法典), the article as 第五十四条 (or 第54条). */
export const CitationInputSchema = Type.Object(
  {
    lawTitle: RequiredText({ maxLength: 100, description: "the law's full or short title; stored as the full title of its current version" }),
    articleNo: RequiredText({ maxLength: 30, description: "第五十四条, 第54条 or 第十条之一; stored as the law writes it" }),
  },
  { additionalProperties: false },
);

const entryFields = {
  kind: KnowledgeKindSchema,
  title: RequiredText({ maxLength: 200, description: "the question (FAQ) or the case's title" }),
  body: RequiredText({ maxLength: MAX_ENTRY_BODY_LENGTH, description: "the answer or the explainer: plain text, one paragraph a line; never HTML" }),
  category: Type.Union([CategorySchema, Type.Null()], { description: "a dispute category (纠纷类别) or null" }),
  citations: Type.Array(CitationInputSchema, { maxItems: MAX_CITATIONS, description: "the articles it rests on; checked against the imported laws when there are any" }),
};

export const CreateKnowledgeEntrySchema = Type.Object(
  { ...entryFields, category: Type.Optional(entryFields.category), citations: Type.Optional(entryFields.citations) },
  { additionalProperties: false },
);
export type CreateKnowledgeEntryInput = Static<typeof CreateKnowledgeEntrySchema>;

export const UpdateKnowledgeEntrySchema = Type.Partial(Type.Object(entryFields), { additionalProperties: false, minProperties: 1 });
export type UpdateKnowledgeEntryInput = Static<typeof UpdateKnowledgeEntrySchema>;

export const KnowledgeActionBodySchema = Type.Object({ action: KnowledgeActionSchema }, { additionalProperties: false });

/** A stored citation, and where the law reader shows it now (null: no current law has that article). */
export const CitationSchema = Type.Object({
  lawTitle: Type.String(),
  articleNo: Type.String(),
  lawId: Type.Union([Type.String(), Type.Null()], { description: "the current version's id, for /laws/:id#anchor" }),
  anchor: Type.Union([Type.String(), Type.Null()]),
});
export type CitationView = Static<typeof CitationSchema>;

export const KnowledgeEntrySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: KnowledgeKindSchema,
  title: Type.String(),
  body: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  citations: Type.Array(CitationSchema),
  status: KnowledgeStatusSchema,
  region: RegionRefSchema,
  author: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean(), publish: Type.Boolean(), withdraw: Type.Boolean() }),
  allowedActions: Type.Array(KnowledgeActionSchema),
});
export type KnowledgeEntryView = Static<typeof KnowledgeEntrySchema>;

export const KnowledgeEntryListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
    offset: Type.Optional(OffsetSchema),
    kind: Type.Optional(KnowledgeKindSchema),
    status: Type.Optional(KnowledgeStatusSchema),
    category: Type.Optional(CategorySchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "in the title or the body" })),
  },
  { additionalProperties: false },
);

/** What the portal shows of an entry: no author, no status, nothing internal. */
export const PublicKnowledgeEntrySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: KnowledgeKindSchema,
  title: Type.String(),
  paragraphs: Type.Array(Type.String(), { description: "the body's paragraphs; render as text, never as HTML" }),
  category: Type.Union([Type.String(), Type.Null()]),
  citations: Type.Array(CitationSchema),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  publishedAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type PublicKnowledgeEntryView = Static<typeof PublicKnowledgeEntrySchema>;

/** A public path id: anything up to 100 characters, so a bad id is a 404 like an unknown one. */
export const PublicEntryParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const PublicEntryQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCodeSchema) },
  { additionalProperties: false },
);
