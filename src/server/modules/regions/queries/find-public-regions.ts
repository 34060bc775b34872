import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { regions } from "../regions.tables.ts";
import { findRegionsOnPath } from "./find-regions.ts";
import type { RegionRef } from "../regions.types.ts";

const hasChildrenSql = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`;

/**
 * The children of a region (the roots without one), for a visitor choosing
 * where they live on the portal. The administrative tree is public knowledge:
 * names, codes and levels only.
 */
export async function findChildRegions(tx: Tx, parentCode: string | null): Promise<(RegionRef & { hasChildren: boolean })[]> {
  return tx
    .select({ code: regions.code, name: regions.name, level: regions.level, hasChildren: hasChildrenSql })
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.code))
    .limit(500);
}

/** A region with the chain from the root down to it, or null. */
export async function findRegionChain(tx: Tx, code: string): Promise<RegionRef[] | null> {
  const [row] = await tx.select({ path: regions.path }).from(regions).where(eq(regions.code, code)).limit(1);
  return row ? (await findRegionsOnPath(tx, row.path)).map(({ code, name, level }) => ({ code, name, level })) : null;
}
