import type { Tx } from "../../platform/db/index.ts";
import { materialChecklists, serviceSettings } from "./services.tables.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES, SERVICE_TYPES } from "./service-catalogue.ts";

/**
 * Puts the shipped checklists and deadline rules in place where nothing is
 * configured yet. Admins' edits are never overwritten.
 */
export async function ensureServiceDefaults(tx: Tx, now: Date): Promise<void> {
  await tx
    .insert(materialChecklists)
    .values(SERVICE_TYPES.map((serviceType) => ({ serviceType, items: DEFAULT_CHECKLISTS[serviceType] ?? [], updatedAt: now })))
    .onConflictDoNothing();
  await tx
    .insert(serviceSettings)
    .values(SERVICE_TYPES.map((serviceType) => ({ serviceType, isAutoDispatch: false, deadlines: DEFAULT_DEADLINES[serviceType], updatedAt: now })))
    .onConflictDoNothing();
}
