import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { venuePolicy } from "./venues.policy.ts";
import { CreateVenueSchema, UpdateVenueSchema, VenueListQuerySchema, VenueSchema } from "./venues.types.ts";
import { findVenues, getVenue, presentVenues } from "./queries/find-venues.ts";
import { createVenue, updateVenue } from "./commands/save-venue.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

async function loadVenueView(tx: Tx, actor: Actor, id: string) {
  const row = await getVenue(tx, id);
  if (!row) throw notFound("Venue");
  venuePolicy.authorize(actor, "read", row);
  const [view] = await presentVenues(tx, actor, [row]);
  return view;
}

export const venueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/venues", {
    config: staff,
    schema: { tags: ["venues"], summary: "Venues of your scope", querystring: VenueListQuerySchema, response: { 200: Type.Object({ items: Type.Array(VenueSchema), total: Type.Integer() }) } },
    handler: async (request) => findVenues(database.db, request.actor!, request.query),
  });

  app.get("/api/venues/:id", {
    config: staff,
    schema: { tags: ["venues"], summary: "One venue", params: IdParams, response: { 200: VenueSchema } },
    handler: async (request) => loadVenueView(database.db, request.actor!, request.params.id),
  });

  app.post("/api/venues", {
    config: staff,
    schema: { tags: ["venues"], summary: "Create a venue (admin)", body: CreateVenueSchema, response: { 201: VenueSchema } },
    handler: async (request, reply) => {
      const view = await database.db.transaction(async (tx) => {
        const id = await createVenue(tx, request.actor!, request.body, clock.now());
        return loadVenueView(tx, request.actor!, id);
      });
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/venues/:id", {
    config: staff,
    schema: { tags: ["venues"], summary: "Edit a venue (admin)", params: IdParams, body: UpdateVenueSchema, response: { 200: VenueSchema } },
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        await updateVenue(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadVenueView(tx, request.actor!, request.params.id);
      }),
  });
};
