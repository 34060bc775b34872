import { pgTable, text, uuid, boolean, integer, numeric, timestamp, primaryKey } from "drizzle-orm/pg-core";
import type { VenueLevel, PostKind } from "./venue-rules.ts";

export const venues = pgTable("venues", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  level: text("level").$type<VenueLevel>().notNull(),
  regionCode: text("region_code").notNull(),
  /** The region's materialized path (migration 0006): the venue's scope, without a join. */
  regionPath: text("region_path").notNull(),
  address: text("address").notNull().default(""),
  openingHours: text("opening_hours").notNull().default(""),
  phone: text("phone").notNull().default(""),
  floorArea: numeric("floor_area", { precision: 10, scale: 2, mode: "number" }),
  isStreetFacingGroundFloor: boolean("is_street_facing_ground_floor").notNull().default(false),
  hasTouchKiosk: boolean("has_touch_kiosk").notNull().default(false),
  hasDisplayScreen: boolean("has_display_screen").notNull().default(false),
  hasRemoteVideo: boolean("has_remote_video").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const venueWindows = pgTable(
  "venue_windows",
  {
    venueId: uuid("venue_id").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    services: text("services").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.position] })],
);

export const venuePostHolders = pgTable(
  "venue_post_holders",
  {
    venueId: uuid("venue_id").notNull(),
    post: text("post").$type<PostKind>().notNull(),
    accountId: uuid("account_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.post, t.accountId] })],
);
