import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { regions } from "../regions.tables.ts";
import type { RegionRef } from "../regions.types.ts";

/**
 * The administrative divisions below a region (the roots without one), for
 * pickers anyone may use, such as the portal's "where do you live": names and
 * codes of the region tree are public facts, no scope applies.
 */
export async function findRegionChildren(tx: Tx, parentCode: string | null): Promise<(RegionRef & { hasChildren: boolean })[]> {
  const rows = await tx
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      hasChildren: sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`,
    })
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code))
    .limit(500);
  return rows;
}
