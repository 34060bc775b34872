import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findRegionRefs, regionPathOf } from "../../regions/queries/find-regions.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { venues, venueWindows, venuePostHolders } from "../venues.tables.ts";
import { venuePolicy, venueScope } from "../venues.policy.ts";
import { POST_KINDS, type VenueLevel, type ServiceType } from "../venue-rules.ts";
import type { VenueView } from "../venues.types.ts";

type VenueTableRow = typeof venues.$inferSelect;

/** Venues with their region's name and level, looked up through the regions module. */
async function withRegions(tx: Tx, rows: VenueTableRow[]) {
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((venue) => {
    const ref = refs.get(venue.regionCode);
    return { venue, regionName: ref?.name ?? venue.regionCode, regionLevel: ref?.level ?? ("city" as const), regionPath: venue.regionPath };
  });
}

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
    const path = await regionPathOf(tx, filter.regionCode);
    conditions.push(path ? sql`${venues.regionPath} like ${`${escapeLike(path)}%`}` : sql`false`);
  }
  if (filter.q) conditions.push(sql`(${venues.name} like ${`%${escapeLike(filter.q)}%`} or ${venues.address} like ${`%${escapeLike(filter.q)}%`})`);
  const where = and(...conditions);
  // One after the other: inside a transaction both would share one connection.
  // Paths grow with depth (codes of 6, 9 and 12 digits), so their length orders city, county, township, village.
  const rows = await tx
    .select()
    .from(venues)
    .where(where)
    .orderBy(asc(sql`length(${venues.regionPath})`), asc(venues.regionPath), asc(venues.name))
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(venues).where(where);
  return { items: await presentVenues(tx, actor, await withRegions(tx, rows)), total };
}

/** The venue and its region path (for the policy), or null. */
export async function getVenue(tx: Tx, id: string) {
  const [row] = await tx.select().from(venues).where(eq(venues.id, id)).limit(1);
  return row ? (await withRegions(tx, [row]))[0] : null;
}

type VenueRow = Awaited<ReturnType<typeof getVenue>> & {};

export async function presentVenues(tx: Tx, actor: Actor, rows: VenueRow[]): Promise<VenueView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.venue.id);
  // One after another: inside a transaction these share one connection.
  const windows = await tx.select().from(venueWindows).where(inArray(venueWindows.venueId, ids)).orderBy(asc(venueWindows.position));
  const holderRows = await tx.select().from(venuePostHolders).where(inArray(venuePostHolders.venueId, ids));
  const people = await findStaffByIds(tx, holderRows.map((h) => h.accountId));
  const holders = holderRows
    .flatMap((h) => {
      const person = people.get(h.accountId);
      return person ? [{ venueId: h.venueId, post: h.post, id: person.id, username: person.username, displayName: person.displayName }] : [];
    })
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
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
