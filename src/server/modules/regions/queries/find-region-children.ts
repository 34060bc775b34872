import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { regions } from "../regions.tables.ts";
import type { RegionRef } from "../regions.types.ts";

// Qualified by hand: inside the subquery an unqualified "code" would be the child's.
const hasChildrenSql = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`;

/**
 * The children of a region (the roots with `parentCode` null), for anyone: the public
 * region filter of the portal. Names, codes and levels only — the tree is public.
 */
export async function findRegionChildren(tx: Tx, parentCode: string | null): Promise<(RegionRef & { parentCode: string | null; hasChildren: boolean })[]> {
  return tx
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren: hasChildrenSql })
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code))
    .limit(500);
}
