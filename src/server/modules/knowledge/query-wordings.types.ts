import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, TRIM_KEYWORD } from "../../platform/schema.ts";
import { MAX_EVERYDAY_WORD_LENGTH, MAX_EVERYDAY_WORDS, MAX_LEGAL_LENGTH } from "./knowledge-rules.ts";

/** One everyday word: at least one character, no space inside (surrounding spaces are trimmed). */
const EverydayWordSchema = Type.String({
  minLength: 1,
  maxLength: MAX_EVERYDAY_WORD_LENGTH,
  pattern: "^\\s*\\S+\\s*$",
  [TRIM_KEYWORD]: true,
  description: "one word as people say it (不发工资); no spaces inside",
});

const wordingFields = {
  everyday: Type.Array(EverydayWordSchema, {
    minItems: 1,
    maxItems: MAX_EVERYDAY_WORDS,
    description: "1–5 words that must all be in a question (['离婚', '孩子'])",
  }),
  legal: RequiredText({ maxLength: MAX_LEGAL_LENGTH, description: "the legal term(s) a search adds (拖欠劳动报酬; 解除劳动合同 经济补偿)" }),
  isActive: Type.Boolean({ description: "applied to searches; an inactive wording is kept but not applied" }),
};

export const CreateWordingSchema = Type.Object(
  { ...wordingFields, isActive: Type.Optional(wordingFields.isActive) },
  { additionalProperties: false },
);
export type CreateWordingInput = Static<typeof CreateWordingSchema>;

export const UpdateWordingSchema = Type.Partial(Type.Object(wordingFields), { additionalProperties: false, minProperties: 1 });
export type UpdateWordingInput = Static<typeof UpdateWordingSchema>;

export const WordingSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  everyday: Type.Array(Type.String()),
  legal: Type.String(),
  isActive: Type.Boolean(),
  createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()], { description: "null: shipped with the release's starter set" }),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type WordingView = Static<typeof WordingSchema>;

export const WordingListSchema = Type.Object({
  items: Type.Array(WordingSchema),
  total: Type.Integer(),
  abilities: Type.Object({ manage: Type.Boolean({ description: "may add, change and remove wordings (an admin at a root node)" }) }),
});

export const WordingListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(OffsetSchema),
    isActive: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "in the everyday words or the legal term" })),
  },
  { additionalProperties: false },
);
