import { pgTable, text, uuid, boolean, jsonb, timestamp, bigserial } from "drizzle-orm/pg-core";
import type { Answers, Finding } from "./preregistration-matters.ts";
import type { PreregistrationStatus } from "./preregistration.state.ts";

/** A material of the checklist, ticked when handed in. */
export type MaterialState = { key: string; name: string; isRequired: boolean; isChecked: boolean };

/** One pre-registration, 1:1 with its ticket (migration 0030). */
export const preregistrations = pgTable("preregistrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull(),
  serviceType: text("service_type").notNull(),
  matterCode: text("matter_code").notNull(),
  answers: jsonb("answers").$type<Answers>().notNull(),
  findings: jsonb("findings").$type<Finding[]>().notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  providerId: uuid("provider_id"),
  providerName: text("provider_name").notNull(),
  routeRegionCode: text("route_region_code").notNull(),
  routeRegionPath: text("route_region_path").notNull(),
  routeNote: text("route_note").notNull(),
  materials: jsonb("materials").$type<MaterialState[]>().notNull(),
  status: text("status").$type<PreregistrationStatus>().notNull(),
  materialsNeeded: text("materials_needed").array().notNull(),
  declineReason: text("decline_reason").notNull(),
  createdByKind: text("created_by_kind").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type PreregistrationRow = typeof preregistrations.$inferSelect;

export const preregistrationUpdates = pgTable("preregistration_updates", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  preregistrationId: uuid("preregistration_id").notNull(),
  status: text("status").$type<PreregistrationStatus>().notNull(),
  note: text("note").notNull(),
  materialsNeeded: text("materials_needed").array().notNull(),
  reason: text("reason").notNull(),
  source: text("source").$type<"applicant" | "staff" | "provider">().notNull(),
  actorId: uuid("actor_id"),
  actorName: text("actor_name").notNull(),
  updateRef: text("update_ref").notNull(),
  fingerprint: text("fingerprint").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull(),
});
export type PreregistrationUpdateRow = typeof preregistrationUpdates.$inferSelect;

export const providerApiClients = pgTable("provider_api_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  providerId: uuid("provider_id").notNull(),
  apiKey: text("api_key").notNull(),
  secret: text("secret").notNull(),
  regionPath: text("region_path").notNull(),
  isDisabled: boolean("is_disabled").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
export type ProviderApiClientRow = typeof providerApiClients.$inferSelect;

export const providerApiNonces = pgTable("provider_api_nonces", {
  signature: text("signature").primaryKey(),
  clientId: uuid("client_id").notNull(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
});
