import { pgTable, text, uuid, integer, timestamp } from "drizzle-orm/pg-core";

export type PortalLanguage = "zh-CN" | "en" | "bo";
export type OneTimeCodePurpose = "sign_in" | "tracking";

/**
 * Citizens of the portal (migration 0018). Phone and ID number sealed by the
 * protector beside their keyed lookup hash, the name sealed; the region is the
 * citizen's own choice (it fills their requests' region), not a data scope.
 */
export const citizens = pgTable("citizens", {
  id: uuid("id").primaryKey().defaultRandom(),
  phoneEnc: text("phone_enc").notNull(),
  phoneHash: text("phone_hash").notNull(),
  nameEnc: text("name_enc"),
  idNumberEnc: text("id_number_enc"),
  idNumberHash: text("id_number_hash"),
  regionCode: text("region_code"),
  regionPath: text("region_path"),
  preferredLanguage: text("preferred_language").$type<PortalLanguage>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
});

export type CitizenRow = typeof citizens.$inferSelect;

/** One-time codes (短信验证码): only a keyed hash of the code is stored. */
export const oneTimeCodes = pgTable("one_time_codes", {
  id: uuid("id").primaryKey().defaultRandom(),
  phoneHash: text("phone_hash").notNull(),
  purpose: text("purpose").$type<OneTimeCodePurpose>().notNull(),
  codeHash: text("code_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  attempts: integer("attempts").notNull(),
  consumedAt: timestamp("consumed_at", { withTimezone: true }),
  ip: text("ip"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
