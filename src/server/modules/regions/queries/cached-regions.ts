import { inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { versionedCache } from "../../../platform/cache.ts";
import { regions, type RegionRow } from "../regions.tables.ts";
import type { RegionRef } from "../regions.types.ts";

/**
 * Regions by code, kept in process (platform/cache.ts: a change in any process is
 * seen by the next staff request). For reads on the hot paths (intake, the ticket
 * presenter); commands that change regions use resolveRegion.
 */
const byCode = versionedCache<string, RegionRow | undefined>("regions", async (tx, codes) => {
  const rows = await tx.select().from(regions).where(inArray(regions.code, [...codes]));
  return new Map(rows.map((row) => [row.code, Object.freeze(row)]));
});

/** resolveRegion through the cache: the region with this code, or UNKNOWN_REGION naming the field. */
export async function resolveRegionCached(tx: Tx, code: string, field = "regionCode"): Promise<RegionRow> {
  const region = await byCode.get(tx, code);
  if (!region) throw new AppError("UNKNOWN_REGION", `No region has the code ${code}`, { field });
  return region;
}

/** findRegionRefs through the cache. */
export async function findRegionRefsCached(tx: Tx, codes: readonly (string | null | undefined)[]): Promise<Map<string, RegionRef & { path: string }>> {
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (wanted.length === 0) return new Map();
  const found = await byCode.getMany(tx, wanted);
  const refs = new Map<string, RegionRef & { path: string }>();
  for (const [code, row] of found) if (row) refs.set(code, { code: row.code, name: row.name, level: row.level, path: row.path });
  return refs;
}
