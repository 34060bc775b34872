import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES, type ChecklistItem, type DeadlineRule, type ServiceType } from "./service-catalogue.ts";

/** A node's own settings for one service type, as stored. */
export type OwnSettings = {
  regionCode: string;
  regionPath: string;
  serviceType: string;
  checklist: ChecklistItem[];
  deadlines: DeadlineRule[];
  isAutoDispatch: boolean;
  updatedAt: Date;
};

/** The settings in force at a node, and where they come from: a node on its path, or the shipped defaults. */
export type EffectiveSettings = {
  checklist: ChecklistItem[];
  deadlines: DeadlineRule[];
  isAutoDispatch: boolean;
  updatedAt: Date | null;
  /** The node whose row applies (the node itself or an ancestor), or null for the shipped defaults. */
  sourceRegionCode: string | null;
};

/** What a service type does where no node on the path has its own settings: auto-dispatch off. */
export function shippedSettings(serviceType: string): EffectiveSettings {
  return {
    checklist: DEFAULT_CHECKLISTS[serviceType as ServiceType] ?? [],
    deadlines: DEFAULT_DEADLINES[serviceType as ServiceType] ?? [],
    isAutoDispatch: false,
    updatedAt: null,
    sourceRegionCode: null,
  };
}

/**
 * Settings are inherited downwards: at the node with materialized path `path`,
 * the row of the deepest node on the path (the node itself, its parent, … the
 * root) applies, else the shipped defaults. `rows` may hold rows of other nodes
 * and service types; only those on the path for `serviceType` count.
 */
export function effectiveSettings(serviceType: string, path: string, rows: readonly OwnSettings[]): EffectiveSettings {
  let nearest: OwnSettings | undefined;
  for (const row of rows) {
    if (row.serviceType !== serviceType || !path.startsWith(row.regionPath)) continue;
    if (!nearest || row.regionPath.length > nearest.regionPath.length) nearest = row;
  }
  if (!nearest) return shippedSettings(serviceType);
  const { checklist, deadlines, isAutoDispatch, updatedAt, regionCode } = nearest;
  return { checklist, deadlines, isAutoDispatch, updatedAt, sourceRegionCode: regionCode };
}

/** The path of the node's parent ("/a/b/c/" → "/a/b/"), or null at a root. */
export function parentPathOf(path: string): string | null {
  const trimmed = path.slice(0, -1);
  const cut = trimmed.lastIndexOf("/");
  return cut <= 0 ? null : trimmed.slice(0, cut + 1);
}
