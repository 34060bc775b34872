import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { regions } from "../../regions/regions.tables.ts";
import { accounts } from "../../accounts/accounts.tables.ts";
import { venues, venueWindows, venuePostHolders } from "../venues.tables.ts";
import { venuePolicy, venueScope } from "../venues.policy.ts";
import { POST_KINDS, type VenueLevel, type ServiceType } from "../venue-rules.ts";
import type { VenueView } from "../venues.types.ts";

const venueColumns = { venue: venues, regionName: regions.name, regionLevel: regions.level, regionPath: regions.path };

/** A page of the venues in the actor's scope, filtered; the same scope rule as the detail route. */
export async function findVenues(
  tx: Tx,
  actor: Actor,
  filter: { limit?: number; offset?: number; level?: VenueLevel; regionCode?: string; q?: string },
): Promise<{ items: VenueView[]; total: number }> {
  const conditions: SQL[] = [venueScope(actor)];
  if (filter.level) conditions.push(eq(venues.level, filter.level));
  if (filter.regionCode) {
    // Venues in this region or anywhere under it.
    conditions.push(sql`${regions.path} like (select path from regions r where r.code = ${filter.regionCode}) || '%'`);
  }
  if (filter.q) conditions.push(sql`(${venues.name} like ${`%${escapeLike(filter.q)}%`} or ${venues.address} like ${`%${escapeLike(filter.q)}%`})`);
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    tx
      .select(venueColumns)
      .from(venues)
      .innerJoin(regions, eq(regions.code, venues.regionCode))
      .where(where)
      .orderBy(asc(regions.depth), asc(regions.path), asc(venues.name))
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0),
    tx.select({ total: count() }).from(venues).innerJoin(regions, eq(regions.code, venues.regionCode)).where(where),
  ]);
  return { items: await presentVenues(tx, actor, rows), total };
}

/** The venue and its region path (for the policy), or null. */
export async function getVenue(tx: Tx, id: string) {
  const [row] = await tx.select(venueColumns).from(venues).innerJoin(regions, eq(regions.code, venues.regionCode)).where(eq(venues.id, id)).limit(1);
  return row ?? null;
}

type VenueRow = Awaited<ReturnType<typeof getVenue>> & {};

export async function presentVenues(tx: Tx, actor: Actor, rows: VenueRow[]): Promise<VenueView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.venue.id);
  // One after another: inside a transaction these share one connection.
  const windows = await tx.select().from(venueWindows).where(inArray(venueWindows.venueId, ids)).orderBy(asc(venueWindows.position));
  const holders = await tx
    .select({ venueId: venuePostHolders.venueId, post: venuePostHolders.post, id: accounts.id, username: accounts.username, displayName: accounts.displayName })
    .from(venuePostHolders)
    .innerJoin(accounts, eq(accounts.id, venuePostHolders.accountId))
    .where(inArray(venuePostHolders.venueId, ids))
    .orderBy(asc(accounts.username));
  return rows.map(({ venue, regionName, regionLevel, regionPath }) => ({
    id: venue.id,
    name: venue.name,
    level: venue.level,
    regionCode: venue.regionCode,
    region: { code: venue.regionCode, name: regionName, level: regionLevel },
    address: venue.address,
    openingHours: venue.openingHours,
    phone: venue.phone,
    floorArea: venue.floorArea,
    isStreetFacingGroundFloor: venue.isStreetFacingGroundFloor,
    windows: windows.filter((w) => w.venueId === venue.id).map((w) => ({ name: w.name, services: w.services as ServiceType[] })),
    equipment: { hasTouchKiosk: venue.hasTouchKiosk, hasDisplayScreen: venue.hasDisplayScreen, hasRemoteVideo: venue.hasRemoteVideo },
    posts: POST_KINDS.map((post) => ({
      post,
      accounts: holders.filter((h) => h.venueId === venue.id && h.post === post).map(({ id, username, displayName }) => ({ id, username, displayName })),
    })).filter((p) => p.accounts.length > 0),
    abilities: venuePolicy.abilities(actor, { regionPath }),
    createdAt: venue.createdAt.toISOString(),
    updatedAt: venue.updatedAt.toISOString(),
  }));
}
