import { and, asc, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { regions } from "../regions.tables.ts";
import type { RegionLevel } from "../region-rules.ts";

/** Every region at `levels` in the subtree of `path` (itself included), by code: e.g. the villages and townships that report to a county. */
export async function findRegionsUnder(tx: Tx, path: string, levels: readonly RegionLevel[], limit = 5000): Promise<{ code: string; name: string; level: RegionLevel; path: string }[]> {
  return tx
    .select({ code: regions.code, name: regions.name, level: regions.level, path: regions.path })
    .from(regions)
    .where(and(sql`${regions.path} like ${escapeLike(path) + "%"}`, inArray(regions.level, [...levels])))
    .orderBy(asc(regions.path))
    .limit(limit);
}
