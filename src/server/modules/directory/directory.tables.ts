import { pgTable, text, uuid, boolean, timestamp } from "drizzle-orm/pg-core";
import type { DirectoryLanguage, ProviderKind, PublicRole, Speciality } from "./directory-rules.ts";
import type { ServiceType } from "../services/service-catalogue.ts";

/**
 * A staff member's public profile (公开名片), one per account (migration 0020). Each
 * detail has its own switch: only a detail switched on is ever presented publicly.
 */
export const staffProfiles = pgTable("staff_profiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  isListed: boolean("is_listed").notNull().default(false),
  isHidden: boolean("is_hidden").notNull().default(false),
  hiddenReason: text("hidden_reason").notNull().default(""),
  displayName: text("display_name").notNull(),
  publicRole: text("public_role").$type<PublicRole>().notNull(),
  officePhone: text("office_phone").notNull().default(""),
  isOfficePhonePublic: boolean("is_office_phone_public").notNull().default(false),
  email: text("email").notNull().default(""),
  isEmailPublic: boolean("is_email_public").notNull().default(false),
  venueId: uuid("venue_id"),
  isVenuePublic: boolean("is_venue_public").notNull().default(false),
  specialities: text("specialities").array().$type<Speciality[]>().notNull().default([]),
  languages: text("languages").array().$type<DirectoryLanguage[]>().notNull().default([]),
  introduction: text("introduction").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type StaffProfileRow = typeof staffProfiles.$inferSelect;

/** 法律服务机构: law firms, notary offices, appraisal institutions … managed by the admins of their region. */
export const legalProviders = pgTable("legal_providers", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<ProviderKind>().notNull(),
  name: text("name").notNull(),
  regionCode: text("region_code").notNull(),
  regionPath: text("region_path").notNull(),
  address: text("address").notNull().default(""),
  phone: text("phone").notNull().default(""),
  openingHours: text("opening_hours").notNull().default(""),
  services: text("services").array().$type<ServiceType[]>().notNull().default([]),
  licenceNumber: text("licence_number").notNull().default(""),
  description: text("description").notNull().default(""),
  isListed: boolean("is_listed").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type LegalProviderRow = typeof legalProviders.$inferSelect;
