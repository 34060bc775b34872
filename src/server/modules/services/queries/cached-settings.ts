import type { Tx } from "../../../platform/db/index.ts";
import { versionedCache } from "../../../platform/cache.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { serviceSettings } from "../services.tables.ts";
import type { ChecklistItem, DeadlineRule } from "../service-catalogue.ts";
import { effectiveSettings, type EffectiveSettings, type OwnSettings } from "../settings-inheritance.ts";

/**
 * Every node's own settings, kept in process (platform/cache.ts: a change in any
 * process is seen by the next staff request): a few rows per region that has its
 * own, read whole. For the hot paths (intake, auto-dispatch, the ticket
 * presenter); the settings pages and save commands read the table itself.
 */
class SettingsBook {
  private readonly byCode = new Map<string, OwnSettings[]>();
  private readonly effective = new Map<string, EffectiveSettings>();

  constructor(rows: readonly OwnSettings[]) {
    for (const row of rows) {
      const list = this.byCode.get(row.regionCode);
      if (list) list.push(row);
      else this.byCode.set(row.regionCode, [row]);
    }
  }

  at(serviceType: string, regionPath: string): EffectiveSettings {
    const key = `${serviceType}|${regionPath}`;
    let found = this.effective.get(key);
    if (!found) {
      const rows = codesOfPath(regionPath).flatMap((code) => this.byCode.get(code) ?? []);
      this.effective.set(key, (found = effectiveSettings(serviceType, regionPath, rows)));
    }
    return found;
  }
}

const book = versionedCache<"all", SettingsBook>("service_settings", async (tx) => new Map([["all", new SettingsBook(await tx.select().from(serviceSettings))]]));

/** settingsAt through the cache: a service type's settings in force at a region (by its path). */
export async function settingsAtCached(tx: Tx, serviceType: string, regionPath: string): Promise<EffectiveSettings> {
  return (await book.get(tx, "all")).at(serviceType, regionPath);
}

/** serviceRulesFor through the cache. */
export async function serviceRulesCached(tx: Tx, serviceType: string, regionPath: string): Promise<{ deadlines: DeadlineRule[]; isAutoDispatch: boolean }> {
  const { deadlines, isAutoDispatch } = await settingsAtCached(tx, serviceType, regionPath);
  return { deadlines, isAutoDispatch };
}

/** checklistsFor through the cache: `(serviceType, regionPath) → items`. */
export async function checklistsCached(tx: Tx): Promise<(serviceType: string, regionPath: string) => ChecklistItem[]> {
  const settings = await book.get(tx, "all");
  return (serviceType, regionPath) => settings.at(serviceType, regionPath).checklist;
}
