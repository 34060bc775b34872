import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { materialChecklists, serviceSettings } from "../services.tables.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES, SERVICE_TYPES, type ChecklistItem, type DeadlineRule, type ServiceType } from "../service-catalogue.ts";
import type { ServiceSettingsView } from "../services.types.ts";

/** Every service type's settings; the shipped defaults where nothing is stored. */
export async function findServiceSettings(tx: Tx): Promise<ServiceSettingsView[]> {
  const checklists = await tx.select().from(materialChecklists);
  const settings = await tx.select().from(serviceSettings);
  return SERVICE_TYPES.map((serviceType) => {
    const checklist = checklists.find((c) => c.serviceType === serviceType);
    const setting = settings.find((s) => s.serviceType === serviceType);
    const updatedAt = [checklist?.updatedAt, setting?.updatedAt].filter((d): d is Date => Boolean(d)).sort((a, b) => b.getTime() - a.getTime())[0];
    return {
      serviceType,
      checklist: checklist?.items ?? DEFAULT_CHECKLISTS[serviceType] ?? [],
      deadlines: setting?.deadlines ?? DEFAULT_DEADLINES[serviceType],
      isAutoDispatch: setting?.isAutoDispatch ?? false,
      updatedAt: updatedAt?.toISOString() ?? null,
    };
  });
}

/** The material checklist (一次性告知) of one service type. */
export async function checklistFor(tx: Tx, serviceType: string): Promise<ChecklistItem[]> {
  const [row] = await tx.select({ items: materialChecklists.items }).from(materialChecklists).where(eq(materialChecklists.serviceType, serviceType));
  return row?.items ?? DEFAULT_CHECKLISTS[serviceType as ServiceType] ?? [];
}

/** The checklists of several service types at once (type → items), defaults where none is stored. */
export async function checklistsFor(tx: Tx, serviceTypes: string[]): Promise<Map<string, ChecklistItem[]>> {
  const rows = serviceTypes.length ? await tx.select().from(materialChecklists) : [];
  return new Map(serviceTypes.map((type) => [type, rows.find((r) => r.serviceType === type)?.items ?? DEFAULT_CHECKLISTS[type as ServiceType] ?? []]));
}

/** A service type's deadline rules and auto-dispatch switch, or the shipped defaults. */
export async function serviceRulesFor(tx: Tx, serviceType: string): Promise<{ deadlines: DeadlineRule[]; isAutoDispatch: boolean }> {
  const [row] = await tx.select().from(serviceSettings).where(eq(serviceSettings.serviceType, serviceType));
  return {
    deadlines: row?.deadlines ?? DEFAULT_DEADLINES[serviceType as ServiceType] ?? [],
    isAutoDispatch: row?.isAutoDispatch ?? false,
  };
}
