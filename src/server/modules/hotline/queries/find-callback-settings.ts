import { desc, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { DEFAULT_CALLBACK_SETTINGS, type CallbackSettings } from "../hotline-callbacks.rules.ts";
import { hotlineCallbackSettings } from "../hotline.tables.ts";

/**
 * The settings in force at a region node: the nearest node up the tree (itself
 * first) that set its own, else the defaults; with where they come from (null: defaults).
 */
export async function findCallbackSettings(tx: Tx, regionPath: string): Promise<{ settings: CallbackSettings; fromRegionCode: string | null }> {
  const codes = codesOfPath(regionPath);
  if (codes.length === 0) return { settings: DEFAULT_CALLBACK_SETTINGS, fromRegionCode: null };
  const rows = await tx
    .select({ regionCode: hotlineCallbackSettings.regionCode, regionPath: hotlineCallbackSettings.regionPath, settings: hotlineCallbackSettings.settings })
    .from(hotlineCallbackSettings)
    .where(inArray(hotlineCallbackSettings.regionCode, codes))
    .orderBy(desc(hotlineCallbackSettings.regionPath));
  const nearest = rows.find((row) => regionPath.startsWith(row.regionPath));
  return nearest ? { settings: { ...DEFAULT_CALLBACK_SETTINGS, ...nearest.settings }, fromRegionCode: nearest.regionCode } : { settings: DEFAULT_CALLBACK_SETTINGS, fromRegionCode: null };
}
