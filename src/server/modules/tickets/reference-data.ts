import type { Tx } from "../../platform/db/index.ts";
import { SHIPPED_HOLIDAYS } from "../calendar/shipped-holidays.ts";
import { holidayYears, materialChecklists, serviceSettings } from "./tickets.tables.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES, SERVICE_TYPES } from "./ticket-rules.ts";

/**
 * Puts the shipped defaults in place where nothing is configured yet: the
 * 2025/2026 holiday arrangements, material checklists and deadline rules. Admins'
 * edits are never overwritten.
 */
export async function ensureTicketReferenceData(tx: Tx): Promise<void> {
  const now = new Date();
  await tx
    .insert(holidayYears)
    .values(Object.entries(SHIPPED_HOLIDAYS).map(([year, data]) => ({ year, data, updatedAt: now })))
    .onConflictDoNothing();
  await tx
    .insert(materialChecklists)
    .values(SERVICE_TYPES.map((serviceType) => ({ serviceType, items: DEFAULT_CHECKLISTS[serviceType] ?? [], updatedAt: now })))
    .onConflictDoNothing();
  await tx
    .insert(serviceSettings)
    .values(SERVICE_TYPES.map((serviceType) => ({ serviceType, isAutoDispatch: false, deadlines: DEFAULT_DEADLINES[serviceType], updatedAt: now })))
    .onConflictDoNothing();
}
