import type { Tx } from "../../../platform/db/index.ts";
import { systemActor } from "../../../policies/actor.ts";
import { findVenues, getVenue, presentVenues } from "../../venues/queries/find-venues.ts";
import type { VenueView } from "../../venues/venues.types.ts";
import { SERVICE_TYPES } from "../../services/service-catalogue.ts";
import { mapUrlOf } from "../contact-card.ts";
import type { PublicVenue } from "../directory.types.ts";

/** The portal reads venues as the system does (every region), and presents only the public part. */
const portal = systemActor("portal");

/**
 * A venue as the public sees it: where it is, when it opens, its phone, its windows
 * and services. Never the post holders (staff names), floor area or equipment.
 */
export function presentPublicVenue(venue: VenueView): PublicVenue {
  const offered = new Set(venue.windows.flatMap((w) => w.services));
  return {
    id: venue.id,
    name: venue.name,
    level: venue.level,
    region: venue.region,
    address: venue.address,
    openingHours: venue.openingHours,
    phone: venue.phone,
    windows: venue.windows.map((w) => ({ name: w.name, services: [...w.services] })),
    services: SERVICE_TYPES.filter((s) => offered.has(s)),
    mapUrl: mapUrlOf(venue.region.name, venue.address),
  };
}

/** Venues in a region and under it (all without one), city hall first, through the venues module's own query. */
export async function findPublicVenues(tx: Tx, filter: { regionCode?: string; q?: string; limit?: number; offset?: number }) {
  const page = await findVenues(tx, portal, { regionCode: filter.regionCode, q: filter.q, limit: filter.limit ?? 20, offset: filter.offset ?? 0 });
  return { items: page.items.map(presentPublicVenue), total: page.total };
}

export async function getPublicVenue(tx: Tx, id: string): Promise<PublicVenue | null> {
  const row = await getVenue(tx, id);
  if (!row) return null;
  const [view] = await presentVenues(tx, portal, [row]);
  return presentPublicVenue(view);
}
