import { asc, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { venues, venueWindows } from "../venues.tables.ts";
import type { ServiceType } from "../venue-rules.ts";

/**
 * What other modules need of a venue to show it to anyone (appointments): name,
 * place, hours, phone, windows with their positions. Public facts only — no
 * post holders, no equipment. No scope: the caller decides who may see it.
 */
export type VenueSummary = {
  id: string;
  name: string;
  level: string;
  regionCode: string;
  regionName: string;
  regionPath: string;
  address: string;
  openingHours: string;
  phone: string;
  windows: { position: number; name: string; services: ServiceType[] }[];
};

export async function findVenueSummaries(tx: Tx, ids: readonly string[]): Promise<Map<string, VenueSummary>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  // One after another: inside a transaction these share one connection.
  const rows = await tx.select().from(venues).where(inArray(venues.id, wanted));
  const windows = await tx.select().from(venueWindows).where(inArray(venueWindows.venueId, wanted)).orderBy(asc(venueWindows.position));
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return new Map(
    rows.map((v) => [
      v.id,
      {
        id: v.id,
        name: v.name,
        level: v.level,
        regionCode: v.regionCode,
        regionName: refs.get(v.regionCode)?.name ?? v.regionCode,
        regionPath: v.regionPath,
        address: v.address,
        openingHours: v.openingHours,
        phone: v.phone,
        windows: windows.filter((w) => w.venueId === v.id).map((w) => ({ position: w.position, name: w.name, services: w.services as ServiceType[] })),
      },
    ]),
  );
}
