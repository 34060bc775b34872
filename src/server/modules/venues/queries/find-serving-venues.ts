import { and, asc, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import { venues, venueWindows } from "../venues.tables.ts";
import type { ServiceType, VenueLevel } from "../venue-rules.ts";

/** What anyone may know of a venue: where it is, when it opens, how to call it, which windows serve the service. */
export type PublicVenue = {
  id: string;
  name: string;
  level: VenueLevel;
  region: { code: string; name: string };
  address: string;
  openingHours: string;
  phone: string;
  windows: string[];
};

/** "/990000/990100/990102/" → the region paths of the node and every ancestor. */
const pathsAbove = (path: string) => {
  const codes = path.split("/").filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join("/")}/`);
};

/**
 * The venues where a person of a region can get a service: those of the region
 * and of its ancestors (a village room, its township's station, the county
 * center, the city hall) with a window offering the service type, nearest first.
 * Without a region, every venue offering it (at most `limit`), the biggest first.
 * No staff names, no floor area: what a portal visitor needs to go there.
 */
export async function findVenuesServing(tx: Tx, filter: { serviceType: ServiceType; regionPath?: string | null; limit?: number }): Promise<PublicVenue[]> {
  const offering = await tx
    .selectDistinct({ venueId: venueWindows.venueId })
    .from(venueWindows)
    .where(sql`${filter.serviceType} = any(${venueWindows.services})`);
  if (offering.length === 0) return [];
  const conditions: SQL[] = [inArray(venues.id, offering.map((o) => o.venueId))];
  if (filter.regionPath) conditions.push(inArray(venues.regionPath, pathsAbove(filter.regionPath)));
  const depth = sql`length(${venues.regionPath})`;
  const rows = await tx
    .select()
    .from(venues)
    .where(and(...conditions))
    // Nearest (deepest path) first for a visitor's region; the hall first for everyone.
    .orderBy(filter.regionPath ? sql`${depth} desc` : asc(depth), asc(venues.regionPath), asc(venues.name))
    .limit(filter.limit ?? 50);
  if (rows.length === 0) return [];
  const windows = await tx
    .select()
    .from(venueWindows)
    .where(and(inArray(venueWindows.venueId, rows.map((r) => r.id)), sql`${filter.serviceType} = any(${venueWindows.services})`))
    .orderBy(asc(venueWindows.position));
  const regions = await findRegionRefsCached(tx, rows.map((r) => r.regionCode));
  return rows.map((venue) => ({
    id: venue.id,
    name: venue.name,
    level: venue.level,
    region: { code: venue.regionCode, name: regions.get(venue.regionCode)?.name ?? venue.regionCode },
    address: venue.address,
    openingHours: venue.openingHours,
    phone: venue.phone,
    windows: windows.filter((w) => w.venueId === venue.id).map((w) => w.name),
  }));
}
