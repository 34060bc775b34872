import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { serviceSettings } from "../services.tables.ts";
import { SERVICE_TYPES, type ChecklistItem, type DeadlineRule } from "../service-catalogue.ts";
import { effectiveSettings, parentPathOf, shippedSettings, type EffectiveSettings, type OwnSettings } from "../settings-inheritance.ts";
import type { ServiceSettingsView } from "../services.types.ts";

/**
 * The rows of the nodes on these paths (each path's node and its ancestors): one
 * query on the primary key (region_code, service_type), whatever the depth.
 */
async function rowsOnPaths(tx: Tx, paths: readonly string[], serviceTypes?: readonly string[]): Promise<OwnSettings[]> {
  const codes = [...new Set(paths.flatMap(codesOfPath))];
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(serviceSettings)
    .where(and(inArray(serviceSettings.regionCode, codes), serviceTypes ? inArray(serviceSettings.serviceType, [...serviceTypes]) : undefined));
}

/** A service type's settings in force at a region (by its path): its own, its nearest ancestor's, or the shipped defaults. */
export async function settingsAt(tx: Tx, serviceType: string, regionPath: string): Promise<EffectiveSettings> {
  return effectiveSettings(serviceType, regionPath, await rowsOnPaths(tx, [regionPath], [serviceType]));
}

/** The deadline rules and auto-dispatch switch in force for a matter in this region (a ticket's region path). */
export async function serviceRulesFor(tx: Tx, serviceType: string, regionPath: string): Promise<{ deadlines: DeadlineRule[]; isAutoDispatch: boolean }> {
  const { deadlines, isAutoDispatch } = await settingsAt(tx, serviceType, regionPath);
  return { deadlines, isAutoDispatch };
}

/** The material checklist (一次性告知) in force for a matter in this region. */
export async function checklistFor(tx: Tx, serviceType: string, regionPath: string): Promise<ChecklistItem[]> {
  return (await settingsAt(tx, serviceType, regionPath)).checklist;
}

/**
 * The checklists of several matters at once (a page of tickets), in one query:
 * `(serviceType, regionPath) → items`.
 */
export async function checklistsFor(tx: Tx, matters: readonly { serviceType: string; regionPath: string }[]): Promise<(serviceType: string, regionPath: string) => ChecklistItem[]> {
  const rows = matters.length ? await rowsOnPaths(tx, matters.map((m) => m.regionPath), [...new Set(matters.map((m) => m.serviceType))]) : [];
  return (serviceType, regionPath) => effectiveSettings(serviceType, regionPath, rows).checklist;
}

type RegionNode = { code: string; path: string };

/**
 * Every service type's settings as seen at a region node: the values in force and
 * where they come from, whether the node has its own, what it would inherit
 * without them, and which nodes below keep their own (a change here does not
 * reach those).
 */
export async function findServiceSettings(tx: Tx, region: RegionNode): Promise<Omit<ServiceSettingsView, "abilities">[]> {
  const rows = await rowsOnPaths(tx, [region.path]);
  const below = await tx
    .select({ regionCode: serviceSettings.regionCode, serviceType: serviceSettings.serviceType })
    .from(serviceSettings)
    .where(and(sql`${serviceSettings.regionPath} like ${escapeLike(region.path) + "%"}`, ne(serviceSettings.regionCode, region.code)));
  const names = await findRegionRefs(tx, [...rows.map((r) => r.regionCode), ...below.map((r) => r.regionCode)]);
  const source = (code: string | null) => (code ? { regionCode: code, regionName: names.get(code)?.name ?? code } : ("default" as const));
  const parentPath = parentPathOf(region.path);
  return SERVICE_TYPES.map((serviceType) => {
    const effective = effectiveSettings(serviceType, region.path, rows);
    const isOwn = effective.sourceRegionCode === region.code;
    const inherited = parentPath ? effectiveSettings(serviceType, parentPath, rows) : shippedSettings(serviceType);
    return {
      serviceType,
      checklist: effective.checklist,
      deadlines: effective.deadlines,
      isAutoDispatch: effective.isAutoDispatch,
      updatedAt: effective.updatedAt?.toISOString() ?? null,
      source: source(effective.sourceRegionCode),
      isOwn,
      inherited: isOwn
        ? { checklist: inherited.checklist, deadlines: inherited.deadlines, isAutoDispatch: inherited.isAutoDispatch, source: source(inherited.sourceRegionCode) }
        : null,
      overriddenBelow: below
        .filter((r) => r.serviceType === serviceType)
        .map((r) => ({ regionCode: r.regionCode, regionName: names.get(r.regionCode)?.name ?? r.regionCode }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  });
}

/** The node's own row for a service type, if it has one (for the audit log's "previous"). */
export async function ownSettings(tx: Tx, regionCode: string, serviceType: string, options: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(serviceSettings).where(and(eq(serviceSettings.regionCode, regionCode), eq(serviceSettings.serviceType, serviceType)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}
