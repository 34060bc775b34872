import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import {
  CitedArticleSchema,
  CiteQuerySchema,
  LawDetailSchema,
  LawListQuerySchema,
  LawListSchema,
  LawSearchQuerySchema,
  LawSearchResponseSchema,
} from "./knowledge.types.ts";
import { RESULT_TYPES, searchKnowledge, type ResultType } from "./queries/search-knowledge.ts";
import { citeArticle, findLaws, getLaw } from "./queries/find-laws.ts";

const tags = ["laws"];
/** Public reads of the statutes, counted per address: generous for a person, a wall for a scraper. */
export const LAW_LIMITS = {
  searchesPerMinute: { max: 60, windowMs: 60_000 },
  readsPerMinute: { max: 120, windowMs: 60_000 },
};
const searchLimit = rateLimit({ name: "law-search", ...LAW_LIMITS.searchesPerMinute });
const readLimit = rateLimit({ name: "law-read", ...LAW_LIMITS.readsPerMinute });
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/**
 * 法律法规与案例查询: public search over the imported statutes, cases and the
 * published FAQ entries and case explainers; the law reader; citation lookup.
 */
export const knowledgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database } = app.ctx;

  app.get("/api/laws/search", {
    config: { access: "public", rateLimit: searchLimit },
    schema: { tags, summary: "Search articles, cases and FAQ in everyday words", querystring: LawSearchQuerySchema, response: { 200: LawSearchResponseSchema } },
    handler: async (request) => {
      const query = request.query;
      const types = query.types ? (query.types.split(",") as ResultType[]) : RESULT_TYPES;
      return searchKnowledge(database.db, {
        q: query.q,
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
        types: [...new Set(types)],
        level: query.level,
        category: query.category,
        currentOnly: query.currentOnly,
        regionCode: query.regionCode ?? null,
      });
    },
  });

  app.get("/api/laws", {
    config: { access: "public", rateLimit: readLimit },
    schema: { tags, summary: "Laws by title, level and category", querystring: LawListQuerySchema, response: { 200: LawListSchema } },
    handler: async (request) => findLaws(database.db, request.query),
  });

  app.get("/api/laws/cite", {
    config: { access: "public", rateLimit: readLimit },
    schema: { tags, summary: "The article a citation names, in the law's current version", querystring: CiteQuerySchema, response: { 200: CitedArticleSchema } },
    handler: async (request) => {
      const found = await citeArticle(database.db, request.query.title, request.query.articleNo);
      if (!found) throw notFound("Article");
      return found;
    },
  });

  app.get("/api/laws/:id", {
    config: { access: "public", rateLimit: readLimit },
    schema: { tags, summary: "A law with its articles, contents and versions (the reader)", params: IdParams, response: { 200: LawDetailSchema } },
    handler: async (request) => {
      const law = await getLaw(database.db, request.params.id);
      if (!law) throw notFound("Law");
      return law;
    },
  });
};
