import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { attachmentRoot, diskAttachmentStore, type AttachmentStore } from "../attachments/attachment-store.ts";
import { articlePolicy } from "./content.policy.ts";
import {
  ArticleActionBodySchema,
  ArticleListQuerySchema,
  ArticleSchema,
  CreateArticleSchema,
  GuideParams,
  GuideQuerySchema,
  PublicArticleDetailSchema,
  PublicArticleQuerySchema,
  PublicArticleSchema,
  PublicIdParams,
  ServiceGuideListSchema,
  ServiceGuideSchema,
  UpdateArticleSchema,
} from "./content.types.ts";
import { findArticles, findPublishedArticles, getArticle, getPublishedArticle, getPublishedArticleRow, presentArticles } from "./queries/find-articles.ts";
import { findServiceGuides, getServiceGuide } from "./queries/find-service-guides.ts";
import { createArticle } from "./commands/create-article.ts";
import { updateArticle } from "./commands/update-article.ts";
import { actOnArticle } from "./commands/act-on-article.ts";
import { COVER_MEDIA_TYPES, MAX_COVER_BYTES, setArticleCover } from "./commands/set-article-cover.ts";
import type { ArticleRow } from "./content.tables.ts";

const staff = { access: "staff" } as const;
const open = { access: "public" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const CoverContentTypes = [...COVER_MEDIA_TYPES, "application/octet-stream"];

async function loadArticleView(tx: Tx, actor: Actor, id: string) {
  const row = await getArticle(tx, id);
  if (!row) throw notFound("Article");
  articlePolicy.authorize(actor, "read", row);
  const [view] = await presentArticles(tx, actor, [row]);
  return view;
}

async function sendCover(reply: FastifyReply, store: AttachmentStore, row: ArticleRow | null, cacheControl: string) {
  if (!row?.coverKey) throw notFound("Cover");
  const bytes = await store.get(row.coverKey);
  if (!bytes) throw new Error(`article ${row.id}: no cover bytes under its key`);
  return reply
    .type(row.coverMediaType!)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .header("cache-control", cacheControl)
    .send(bytes);
}

/**
 * 普法与公告 (staff write, preview, publish, withdraw; the portal reads what is
 * published) and 办事指南 (public guides built from the service settings).
 */
export const contentRoutes: FastifyPluginAsyncTypebox = async (app, options: { store?: AttachmentStore }) => {
  const { database, clock, config, protector } = app.ctx;
  const store = options.store ?? diskAttachmentStore(attachmentRoot(config), protector);

  app.get("/api/articles", {
    config: staff,
    schema: { tags: ["content"], summary: "Articles and notices of your scope", querystring: ArticleListQuerySchema, response: { 200: Type.Object({ items: Type.Array(ArticleSchema), total: Type.Integer() }) } },
    handler: async (request) => findArticles(database.db, request.actor!, request.query),
  });

  app.get("/api/articles/:id", {
    config: staff,
    schema: { tags: ["content"], summary: "One article (any status)", params: IdParams, response: { 200: ArticleSchema } },
    handler: async (request) => loadArticleView(database.db, request.actor!, request.params.id),
  });

  app.post("/api/articles", {
    config: staff,
    schema: { tags: ["content"], summary: "Write an article as a draft, in your own region (admin, leader)", body: CreateArticleSchema, response: { 201: ArticleSchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => {
        const id = await createArticle(tx, request.actor!, request.body, clock.now());
        return loadArticleView(tx, request.actor!, id);
      });
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/articles/:id", {
    config: staff,
    schema: { tags: ["content"], summary: "Edit an article (admin, leader, in scope)", params: IdParams, body: UpdateArticleSchema, response: { 200: ArticleSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await updateArticle(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadArticleView(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/articles/:id/actions", {
    config: staff,
    schema: { tags: ["content"], summary: "Publish or withdraw an article", params: IdParams, body: ArticleActionBodySchema, response: { 200: ArticleSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await actOnArticle(tx, request.actor!, request.params.id, request.body.action, clock.now());
        return loadArticleView(tx, request.actor!, request.params.id);
      }),
  });

  app.get("/api/articles/:id/cover", {
    config: staff,
    schema: { tags: ["content"], summary: "An article's cover image, for the preview (whoever may read the article)", params: IdParams },
    handler: async (request, reply) => {
      const row = await getArticle(database.db, request.params.id);
      if (!row || !articlePolicy.can(request.actor!, "read", row)) throw notFound("Article");
      return sendCover(reply, store, row, "private, no-store");
    },
  });

  app.delete("/api/articles/:id/cover", {
    config: staff,
    schema: { tags: ["content"], summary: "Remove an article's cover image", params: IdParams, response: { 200: ArticleSchema } },
    handler: async (request) => {
      const { view, removedKey } = await database.db.transaction(async (tx) => {
        const result = await setArticleCover(tx, request.actor!, request.params.id, null, clock.now(), { store });
        return { ...result, view: await loadArticleView(tx, request.actor!, request.params.id) };
      });
      if (removedKey) await store.delete(removedKey).catch(() => undefined);
      return view;
    },
  });

  // The upload reads the body as raw bytes: its own scope, so the JSON routes keep their parser.
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(CoverContentTypes, { parseAs: "buffer", bodyLimit: MAX_COVER_BYTES }, (_request, body, done) => done(null, body));
    uploads.addContentTypeParser("*", (request, _payload, done) => {
      const sent = request.headers["content-type"] ?? "(none)";
      done(new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type ${sent} is not accepted; send the picture as ${CoverContentTypes.join(", ")}`, { field: "content-type" }), undefined);
    });
    uploads.withTypeProvider<TypeBoxTypeProvider>().put("/api/articles/:id/cover", {
      config: staff,
      bodyLimit: MAX_COVER_BYTES,
      schema: { tags: ["content"], summary: "Set an article's cover image (JPEG or PNG, at most 5 MiB): the raw bytes as the body", params: IdParams, response: { 200: ArticleSchema } },
      handler: async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError("VALIDATION_FAILED", "Send the picture's bytes as the body", { field: "body" });
        const declaredType = (request.headers["content-type"] ?? "").split(";")[0].trim();
        const { view, removedKey } = await database.db.transaction(async (tx) => {
          const result = await setArticleCover(tx, request.actor!, request.params.id, { bytes: body, declaredType }, clock.now(), { store });
          return { ...result, view: await loadArticleView(tx, request.actor!, request.params.id) };
        });
        if (removedKey) await store.delete(removedKey).catch(() => undefined);
        return view;
      },
    });
  });

  // The portal: no sign-in. Drafts, withdrawn articles and unknown or malformed ids are all 404.
  app.get("/api/public/articles", {
    config: open,
    schema: { tags: ["portal"], summary: "Published articles and notices, newest first (a region's and its ancestors'; all without regionCode)", querystring: PublicArticleQuerySchema, response: { 200: Type.Object({ items: Type.Array(PublicArticleSchema), total: Type.Integer() }) } },
    handler: async (request) => findPublishedArticles(database.db, request.query),
  });

  app.get("/api/public/articles/:id", {
    config: open,
    schema: { tags: ["portal"], summary: "One published article", params: PublicIdParams, response: { 200: PublicArticleDetailSchema } },
    handler: async (request) => {
      const view = await getPublishedArticle(database.db, request.params.id);
      if (!view) throw notFound("Article");
      return view;
    },
  });

  app.get("/api/public/articles/:id/cover", {
    config: open,
    schema: { tags: ["portal"], summary: "A published article's cover image", params: PublicIdParams },
    // The address carries the picture's hash (?v=), so a changed cover is a new address.
    handler: async (request, reply) => sendCover(reply, store, await getPublishedArticleRow(database.db, request.params.id), "public, max-age=3600"),
  });

  app.get("/api/public/guides", {
    config: open,
    schema: { tags: ["portal"], summary: "Every service's guide in brief, at a region (optional)", querystring: GuideQuerySchema, response: { 200: ServiceGuideListSchema } },
    handler: async (request) => findServiceGuides(database.db, request.query.regionCode),
  });

  app.get("/api/public/guides/:serviceType", {
    config: open,
    schema: { tags: ["portal"], summary: "A service guide (办事指南): materials and time limits in force at the region, fees, venues", params: GuideParams, querystring: GuideQuerySchema, response: { 200: ServiceGuideSchema } },
    handler: async (request) => getServiceGuide(database.db, request.params.serviceType, request.query.regionCode),
  });
};
