import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { Type } from "@sinclair/typebox";
import QRCode from "qrcode";
import { AppError, notFound } from "../../platform/errors.ts";
import { zhLabel } from "../../platform/labels.ts";
import { isStaff, type Actor } from "../../policies/actor.ts";
import type { Tx } from "../../platform/db/index.ts";
import { providerPolicy, staffProfilePolicy } from "./directory.policy.ts";
import {
  CardQuerySchema,
  CreateProviderSchema,
  HideProfileSchema,
  MyProfileSchema,
  ProviderListQuerySchema,
  ProviderListSchema,
  ProviderSchema,
  PublicPeopleQuerySchema,
  PublicPersonSchema,
  PublicProviderQuerySchema,
  PublicProviderSchema,
  PublicVenueQuerySchema,
  PublicVenueSchema,
  SaveMyProfileSchema,
  StaffProfileQuerySchema,
  StaffProfileSchema,
  UpdateProviderSchema,
} from "./directory.types.ts";
import { findPublicVenues, getPublicVenue } from "./queries/public-venues.ts";
import { findPublicPeople, getPublicPerson } from "./queries/public-people.ts";
import { findProviders, findPublicProviders, getProviderRow, getPublicProvider, presentProviderRow } from "./queries/find-providers.ts";
import { getMyProfile } from "./queries/my-profile.ts";
import { findStaffProfiles, getStaffProfileRow, ownerOf, presentStaffProfiles } from "./queries/find-staff-profiles.ts";
import { saveMyProfile } from "./commands/save-my-profile.ts";
import { setProfileHidden } from "./commands/hide-profile.ts";
import { createProvider, updateProvider } from "./commands/save-provider.ts";
import { buildVCard, type ContactCard } from "./contact-card.ts";
import { canCreateProviderIn } from "./directory.policy.ts";

const anyone = { access: "public" } as const;
const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** The card as vCard text or as a QR code of that text (SVG); either may be saved or scanned. */
async function sendCard(reply: FastifyReply, card: ContactCard, format: "vcf" | "svg" | undefined, fileName: string) {
  const vcard = buildVCard(card);
  // Public data: a short cache spares a phone on a weak network the second fetch.
  reply.header("cache-control", "public, max-age=300");
  if (format === "svg") {
    const svg = await QRCode.toString(vcard, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    return reply.type("image/svg+xml; charset=utf-8").send(svg);
  }
  reply.header("content-disposition", `inline; filename="${fileName}.vcf"`);
  return reply.type("text/vcard; charset=utf-8").send(vcard);
}

const specialityText = (codes: readonly string[]) => codes.map((c) => zhLabel(`directory.specialities.${c}`)).join("、");
const serviceText = (codes: readonly string[]) => codes.map((c) => zhLabel(`services.${c}`)).join("、");

async function loadProfileForStaff(tx: Tx, actor: Actor, id: string) {
  const row = await getStaffProfileRow(tx, id);
  if (!row) throw notFound("Staff profile");
  staffProfilePolicy.authorize(actor, "read", await ownerOf(tx, row));
  return (await presentStaffProfiles(tx, actor, [row]))[0];
}

async function loadProviderView(tx: Tx, actor: Actor, id: string) {
  const row = await getProviderRow(tx, id);
  if (!row) throw notFound("Provider");
  providerPolicy.authorize(actor, "read", row);
  return presentProviderRow(tx, actor, row);
}

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;

  // ——— Public: no sign-in ———

  app.get("/api/directory/venues", {
    config: anyone,
    schema: { tags: ["directory"], summary: "Venues in a region and under it, with windows, services, hours, phone, address and a map link", querystring: PublicVenueQuerySchema, response: { 200: pageOf(PublicVenueSchema) } },
    handler: async (request) => findPublicVenues(db, request.query),
  });

  app.get("/api/directory/venues/:id", {
    config: anyone,
    schema: { tags: ["directory"], summary: "One venue", params: IdParams, response: { 200: PublicVenueSchema } },
    handler: async (request) => (await getPublicVenue(db, request.params.id)) ?? Promise.reject(notFound("Venue")),
  });

  app.get("/api/directory/venues/:id/card", {
    config: anyone,
    schema: { tags: ["directory"], summary: "A venue's contact card: vCard text, or a QR code of it (format=svg)", params: IdParams, querystring: CardQuerySchema },
    handler: async (request, reply) => {
      const venue = await getPublicVenue(db, request.params.id);
      if (!venue) throw notFound("Venue");
      return sendCard(reply, { name: venue.name, organization: venue.region.name, phone: venue.phone, address: venue.address, note: venue.openingHours }, request.query.format, "venue");
    },
  });

  app.get("/api/directory/people", {
    config: anyone,
    schema: { tags: ["directory"], summary: "Listed lawyers, mediators and village legal advisors, with only the details each made public", querystring: PublicPeopleQuerySchema, response: { 200: pageOf(PublicPersonSchema) } },
    handler: async (request) => findPublicPeople(db, request.query),
  });

  app.get("/api/directory/people/:id", {
    config: anyone,
    schema: { tags: ["directory"], summary: "One listed person", params: IdParams, response: { 200: PublicPersonSchema } },
    handler: async (request) => (await getPublicPerson(db, request.params.id)) ?? Promise.reject(notFound("Person")),
  });

  app.get("/api/directory/people/:id/card", {
    config: anyone,
    schema: { tags: ["directory"], summary: "A person's contact card (only their public details): vCard text, or a QR code of it (format=svg)", params: IdParams, querystring: CardQuerySchema },
    handler: async (request, reply) => {
      const person = await getPublicPerson(db, request.params.id);
      if (!person) throw notFound("Person");
      return sendCard(
        reply,
        {
          name: person.displayName,
          title: zhLabel(`roles.${person.role}`),
          organization: person.venue?.name ?? person.region.name,
          phone: person.officePhone,
          email: person.email,
          address: person.venue?.address,
          note: specialityText(person.specialities),
        },
        request.query.format,
        "contact",
      );
    },
  });

  app.get("/api/directory/providers", {
    config: anyone,
    schema: { tags: ["directory"], summary: "Listed legal service providers by kind and region", querystring: PublicProviderQuerySchema, response: { 200: pageOf(PublicProviderSchema) } },
    handler: async (request) => findPublicProviders(db, request.query),
  });

  app.get("/api/directory/providers/:id", {
    config: anyone,
    schema: { tags: ["directory"], summary: "One listed provider", params: IdParams, response: { 200: PublicProviderSchema } },
    handler: async (request) => (await getPublicProvider(db, request.params.id)) ?? Promise.reject(notFound("Provider")),
  });

  app.get("/api/directory/providers/:id/card", {
    config: anyone,
    schema: { tags: ["directory"], summary: "A provider's contact card: vCard text, or a QR code of it (format=svg)", params: IdParams, querystring: CardQuerySchema },
    handler: async (request, reply) => {
      const provider = await getPublicProvider(db, request.params.id);
      if (!provider) throw notFound("Provider");
      return sendCard(
        reply,
        { name: provider.name, title: zhLabel(`directory.providerKinds.${provider.kind}`), organization: provider.region.name, phone: provider.phone, address: provider.address, note: serviceText(provider.services) },
        request.query.format,
        "provider",
      );
    },
  });

  // ——— Staff: my public profile ———

  app.get("/api/directory/my-profile", {
    config: staff,
    schema: { tags: ["directory"], summary: "My public profile, exactly what the public sees of it, and the form's choices", response: { 200: MyProfileSchema } },
    handler: async (request) => {
      if (!isStaff(request.actor)) throw new AppError("UNAUTHENTICATED", "Sign in first");
      return getMyProfile(db, request.actor);
    },
  });

  app.put("/api/directory/my-profile", {
    config: staff,
    schema: { tags: ["directory"], summary: "Save my public profile: what it says and which details are public", body: SaveMyProfileSchema, response: { 200: MyProfileSchema } },
    handler: async (request) =>
      db.transaction(async (tx) => {
        const actor = request.actor!;
        await saveMyProfile(tx, actor, request.body, clock.now());
        if (!isStaff(actor)) throw new AppError("UNAUTHENTICATED", "Sign in first");
        return getMyProfile(tx, actor);
      }),
  });

  // ——— Staff: admins look after the profiles of their scope ———

  app.get("/api/directory/staff-profiles", {
    config: staff,
    schema: { tags: ["directory"], summary: "Public profiles of your scope (admins; others see their own)", querystring: StaffProfileQuerySchema, response: { 200: pageOf(StaffProfileSchema) } },
    handler: async (request) => findStaffProfiles(db, request.actor!, request.query),
  });

  app.patch("/api/directory/staff-profiles/:id", {
    config: staff,
    schema: { tags: ["directory"], summary: "Hide a profile from the public, with a reason, or show it again (admin of the owner's region)", params: IdParams, body: HideProfileSchema, response: { 200: StaffProfileSchema } },
    handler: async (request) =>
      db.transaction(async (tx) => {
        await setProfileHidden(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadProfileForStaff(tx, request.actor!, request.params.id);
      }),
  });

  // ——— Staff: legal service providers ———

  app.get("/api/directory/managed-providers", {
    config: staff,
    schema: { tags: ["directory"], summary: "Providers of your scope, listed or not", querystring: ProviderListQuerySchema, response: { 200: ProviderListSchema } },
    handler: async (request) => {
      const actor = request.actor!;
      const page = await findProviders(db, actor, request.query);
      return { ...page, canCreate: isStaff(actor) && canCreateProviderIn(actor, actor.regionPath) };
    },
  });

  app.get("/api/directory/managed-providers/:id", {
    config: staff,
    schema: { tags: ["directory"], summary: "One provider of your scope", params: IdParams, response: { 200: ProviderSchema } },
    handler: async (request) => loadProviderView(db, request.actor!, request.params.id),
  });

  app.post("/api/directory/managed-providers", {
    config: staff,
    schema: { tags: ["directory"], summary: "Add a provider (admin, in your region or below)", body: CreateProviderSchema, response: { 201: ProviderSchema } },
    handler: async (request, reply) => {
      const view = await db.transaction(async (tx) => {
        const id = await createProvider(tx, request.actor!, request.body, clock.now());
        return loadProviderView(tx, request.actor!, id);
      });
      return reply.status(201).send(view);
    },
  });

  app.patch("/api/directory/managed-providers/:id", {
    config: staff,
    schema: { tags: ["directory"], summary: "Edit a provider, or take it off the public directory (admin)", params: IdParams, body: UpdateProviderSchema, response: { 200: ProviderSchema } },
    handler: async (request) =>
      db.transaction(async (tx) => {
        await updateProvider(tx, request.actor!, request.params.id, request.body, clock.now());
        return loadProviderView(tx, request.actor!, request.params.id);
      }),
  });
};
