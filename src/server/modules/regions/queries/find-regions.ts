import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { regions, type RegionRow } from "../regions.tables.ts";
import { regionPolicy, regionScope } from "../regions.policy.ts";
import { codesOfPath } from "../region-rules.ts";
import type { RegionView, RegionRef } from "../regions.types.ts";

// Qualified by hand: inside the subquery an unqualified "code" would be the child's.
const hasChildrenSql = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`;

/**
 * Regions of the actor's scope: the children of `parentCode`, or those whose
 * name or code contains `q`, or (with neither) the actor's own scope root.
 */
export async function findRegions(
  tx: Tx,
  actor: Actor,
  filter: { parentCode?: string; q?: string; limit?: number },
): Promise<RegionView[]> {
  const conditions: SQL[] = [regionScope(actor)];
  if (filter.parentCode) conditions.push(eq(regions.parentCode, filter.parentCode));
  if (filter.q) {
    const needle = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${regions.name} like ${needle} or ${regions.code} like ${needle})`);
  }
  if (!filter.parentCode && !filter.q) {
    if (!isStaff(actor)) return [];
    conditions.push(eq(regions.code, actor.regionCode));
  }
  const rows = await tx
    .select({ region: regions, hasChildren: hasChildrenSql })
    .from(regions)
    .where(and(...conditions))
    .orderBy(asc(regions.code))
    .limit(filter.limit ?? 200);
  return rows.map((row) => presentRegion(actor, row.region, row.hasChildren));
}

export async function getRegion(tx: Tx, code: string): Promise<(RegionRow & { hasChildren: boolean }) | null> {
  const [row] = await tx.select({ region: regions, hasChildren: hasChildrenSql }).from(regions).where(eq(regions.code, code)).limit(1);
  return row ? { ...row.region, hasChildren: row.hasChildren } : null;
}

/** The chain from the root down to (not including) the region. */
export async function getAncestors(tx: Tx, region: RegionRow): Promise<RegionRef[]> {
  const codes = codesOfPath(region.path).slice(0, -1);
  if (codes.length === 0) return [];
  const rows = await tx
    .select({ code: regions.code, name: regions.name, level: regions.level, depth: regions.depth })
    .from(regions)
    .where(inArray(regions.code, codes))
    .orderBy(asc(regions.depth));
  return rows.map(({ depth: _depth, ...ref }) => ref);
}

export function presentRegion(actor: Actor, region: RegionRow, hasChildren: boolean): RegionView {
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    path: codesOfPath(region.path),
    hasChildren,
    abilities: regionPolicy.abilities(actor, region),
  };
}

/** Several regions by code (code → name, level, path); unknown codes are left out. */
export async function findRegionRefs(tx: Tx, codes: readonly (string | null | undefined)[]): Promise<Map<string, RegionRef & { path: string }>> {
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ code: regions.code, name: regions.name, level: regions.level, path: regions.path }).from(regions).where(inArray(regions.code, wanted));
  return new Map(rows.map((row) => [row.code, row]));
}

/** The regions along a path (root first), e.g. for a ticket's branch of the tree. */
export async function findRegionsOnPath(tx: Tx, path: string): Promise<(RegionRef & { path: string })[]> {
  const codes = codesOfPath(path);
  const byCode = await findRegionRefs(tx, codes);
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

/** The region path of a code, or null: for filters such as "tickets under region X". */
export async function regionPathOf(tx: Tx, code: string): Promise<string | null> {
  const [row] = await tx.select({ path: regions.path }).from(regions).where(eq(regions.code, code)).limit(1);
  return row?.path ?? null;
}
