import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { knowledgeEntryPolicy } from "./knowledge.policy.ts";
import {
  CreateKnowledgeEntrySchema,
  KnowledgeActionBodySchema,
  KnowledgeEntryListQuerySchema,
  KnowledgeEntrySchema,
  PublicEntryParams,
  PublicEntryQuerySchema,
  PublicKnowledgeEntrySchema,
  UpdateKnowledgeEntrySchema,
} from "./knowledge-entries.types.ts";
import { findKnowledgeEntries, getKnowledgeEntry, getPublishedKnowledgeEntry, presentKnowledgeEntries } from "./queries/find-knowledge-entries.ts";
import { createKnowledgeEntry } from "./commands/create-knowledge-entry.ts";
import { updateKnowledgeEntry } from "./commands/update-knowledge-entry.ts";
import { actOnKnowledgeEntry } from "./commands/act-on-knowledge-entry.ts";

const staff = { access: "staff" } as const;
const open = { access: "public" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

async function loadEntryView(tx: Tx, actor: Actor, id: string) {
  const row = await getKnowledgeEntry(tx, id);
  if (!row) throw notFound("Knowledge entry");
  knowledgeEntryPolicy.authorize(actor, "read", row);
  const [view] = await presentKnowledgeEntries(tx, actor, [row]);
  return view;
}

/**
 * 常见问题与以案释法: staff write, publish and withdraw FAQ entries and case
 * explainers (the search finds what is published); the portal reads one published entry.
 */
export const knowledgeEntryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/knowledge/entries", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "FAQ entries and case explainers of your scope", querystring: KnowledgeEntryListQuerySchema, response: { 200: Type.Object({ items: Type.Array(KnowledgeEntrySchema), total: Type.Integer() }) } },
    handler: async (request) => findKnowledgeEntries(database.db, request.actor!, request.query),
  });

  app.get("/api/knowledge/entries/:id", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "One FAQ entry or case explainer (any status)", params: IdParams, response: { 200: KnowledgeEntrySchema } },
    handler: async (request) => loadEntryView(database.db, request.actor!, request.params.id),
  });

  app.post("/api/knowledge/entries", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Write a FAQ entry or case explainer as a draft, in your own region (admin, leader, lawyer, advisor)", body: CreateKnowledgeEntrySchema, response: { 201: KnowledgeEntrySchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => {
        const id = await createKnowledgeEntry(tx, request.actor!, request.body, clock.now());
        return loadEntryView(tx, request.actor!, id);
      });
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/knowledge/entries/:id", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Edit an entry (in scope: admin and leader any, lawyer and advisor one not published)", params: IdParams, body: UpdateKnowledgeEntrySchema, response: { 200: KnowledgeEntrySchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await updateKnowledgeEntry(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadEntryView(tx, request.actor!, request.params.id);
      }),
  });

  app.post("/api/knowledge/entries/:id/actions", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Publish or withdraw an entry (admin, leader)", params: IdParams, body: KnowledgeActionBodySchema, response: { 200: KnowledgeEntrySchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await actOnKnowledgeEntry(tx, request.actor!, request.params.id, request.body.action, clock.now());
        return loadEntryView(tx, request.actor!, request.params.id);
      }),
  });

  // The portal: no sign-in. Drafts, withdrawn entries, those of another region and unknown or malformed ids are all 404.
  app.get("/api/public/knowledge/:id", {
    config: open,
    schema: { tags: ["portal"], summary: "One published FAQ entry or case explainer (with regionCode: only one of that region or above it)", params: PublicEntryParams, querystring: PublicEntryQuerySchema, response: { 200: PublicKnowledgeEntrySchema } },
    handler: async (request) => {
      const view = await getPublishedKnowledgeEntry(database.db, request.params.id, request.query.regionCode);
      if (!view) throw notFound("Knowledge entry");
      return view;
    },
  });
};
