import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { resolveRegionCached } from "../../regions/queries/cached-regions.ts";
import { findRegionChildren } from "../../regions/queries/find-region-children.ts";
import { pathOf } from "../../regions/region-rules.ts";
import { analyticsPolicy } from "../analytics.policy.ts";

export type AnalyticsRegion = { code: string; name: string; path: string };

/**
 * The region whose figures are asked for (the actor's own when none is named):
 * unknown → 422 naming regionCode; outside the scope → 404; a role without the
 * figures → 403.
 */
export async function analyticsRegion(tx: Tx, actor: Actor, regionCode: string | undefined, action: "view" | "export" = "view"): Promise<AnalyticsRegion> {
  const code = regionCode ?? (actor.kind === "staff" ? actor.regionCode : undefined);
  const region = await resolveRegionCached(tx, code ?? "", "regionCode");
  analyticsPolicy.authorize(actor, action, { regionPath: region.path });
  return { code: region.code, name: region.name, path: region.path };
}

/** The regions one level below, with their paths (the rollups of each are read by its path). */
export async function childRegions(tx: Tx, region: AnalyticsRegion): Promise<AnalyticsRegion[]> {
  return (await findRegionChildren(tx, region.code)).map((c) => ({ code: c.code, name: c.name, path: pathOf(region.path, c.code) }));
}
