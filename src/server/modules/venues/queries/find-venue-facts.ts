import { asc, count, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { venuePostHolders, venues } from "../venues.tables.ts";
import type { VenueLevel } from "../venue-rules.ts";

export type VenueFacts = {
  id: string;
  name: string;
  level: VenueLevel;
  regionCode: string;
  regionPath: string;
  hasOpeningHours: boolean;
  isStreetFacingGroundFloor: boolean;
  hasTouchKiosk: boolean;
  hasDisplayScreen: boolean;
  hasRemoteVideo: boolean;
  /** Distinct staff holding a post at the venue. */
  staffCount: number;
};

/** Every venue at or under `regionPath`, with its facilities and staff count: what assessment (考核评价) scores them on. */
export async function findVenueFacts(tx: Tx, regionPath: string): Promise<VenueFacts[]> {
  const rows = await tx
    .select()
    .from(venues)
    .where(sql`${venues.regionPath} like ${`${escapeLike(regionPath)}%`}`)
    .orderBy(asc(sql`length(${venues.regionPath})`), asc(venues.regionPath), asc(venues.name));
  if (rows.length === 0) return [];
  const staff = await tx
    .select({ venueId: venuePostHolders.venueId, n: count(sql`distinct ${venuePostHolders.accountId}`) })
    .from(venuePostHolders)
    .where(inArray(venuePostHolders.venueId, rows.map((r) => r.id)))
    .groupBy(venuePostHolders.venueId);
  const staffBy = new Map(staff.map((s) => [s.venueId, Number(s.n)]));
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    level: v.level,
    regionCode: v.regionCode,
    regionPath: v.regionPath,
    hasOpeningHours: v.openingHours.trim() !== "",
    isStreetFacingGroundFloor: v.isStreetFacingGroundFloor,
    hasTouchKiosk: v.hasTouchKiosk,
    hasDisplayScreen: v.hasDisplayScreen,
    hasRemoteVideo: v.hasRemoteVideo,
    staffCount: staffBy.get(v.id) ?? 0,
  }));
}
