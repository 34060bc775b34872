import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { holidayYears, materialChecklists, serviceSettings } from "../../tickets/tickets.tables.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES, SERVICE_TYPES, type ServiceType } from "../../tickets/ticket-rules.ts";
import type { HolidayYearView, ServiceSettingsView } from "../dispatch.types.ts";

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
export async function checklistFor(tx: Tx, serviceType: string): Promise<{ key: string; name: string; isRequired: boolean }[]> {
  const [row] = await tx.select({ items: materialChecklists.items }).from(materialChecklists).where(eq(materialChecklists.serviceType, serviceType));
  return row?.items ?? DEFAULT_CHECKLISTS[serviceType as ServiceType] ?? [];
}

export async function findHolidayYears(tx: Tx, year?: string): Promise<HolidayYearView[]> {
  const rows = await tx.select().from(holidayYears).where(year ? eq(holidayYears.year, year) : undefined).orderBy(asc(holidayYears.year));
  return rows.map((row) => ({ year: row.year, off: row.data.off, work: row.data.work, source: row.data.source ?? null, updatedAt: row.updatedAt.toISOString() }));
}
