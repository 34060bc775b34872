import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import type { Tx } from "../../platform/db/index.ts";
import { CreateWordingSchema, UpdateWordingSchema, WordingListQuerySchema, WordingListSchema, WordingSchema } from "./query-wordings.types.ts";
import { wordingPolicy } from "./knowledge.policy.ts";
import { findWordings, getWording, presentWordings } from "./queries/find-query-wordings.ts";
import { createQueryWording } from "./commands/create-query-wording.ts";
import { updateQueryWording } from "./commands/update-query-wording.ts";
import { deleteQueryWording } from "./commands/delete-query-wording.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

async function loadWordingView(tx: Tx, id: string) {
  const row = await getWording(tx, id);
  if (!row) throw notFound("Wording");
  const [view] = await presentWordings(tx, [row]);
  return view;
}

/** 口语对照表: the everyday-to-legal wordings every law search applies. Staff read it; an admin at a root node changes it. */
export const queryWordingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/knowledge/wordings", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "The everyday-to-legal wording table", querystring: WordingListQuerySchema, response: { 200: WordingListSchema } },
    handler: async (request) => {
      wordingPolicy.authorize(request.actor!, "read", null);
      return findWordings(database.db, request.actor!, request.query);
    },
  });

  app.post("/api/knowledge/wordings", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Add a wording (an admin at a root node)", body: CreateWordingSchema, response: { 201: WordingSchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => loadWordingView(tx, await createQueryWording(tx, request.actor!, request.body, clock.now())));
      return reply.status(201).send(view);
    },
  });

  app.put("/api/knowledge/wordings/:id", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Change a wording's words, term or active flag (an admin at a root node)", params: IdParams, body: UpdateWordingSchema, response: { 200: WordingSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await updateQueryWording(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadWordingView(tx, request.params.id);
      }),
  });

  app.delete("/api/knowledge/wordings/:id", {
    config: staff,
    schema: { tags: ["knowledge"], summary: "Remove a wording (an admin at a root node)", params: IdParams, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await database.db.transaction((tx) => deleteQueryWording(tx, request.actor!, request.params.id, clock.now()));
      return reply.status(204).send(null);
    },
  });
};
