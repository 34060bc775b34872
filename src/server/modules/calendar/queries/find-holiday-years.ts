import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { holidayYears } from "../calendar.tables.ts";
import { WorkingCalendar, type CalendarData } from "../working-calendar.ts";
import type { HolidayYearView } from "../calendar.types.ts";

export async function findHolidayYears(tx: Tx, year?: string): Promise<HolidayYearView[]> {
  const rows = await tx.select().from(holidayYears).where(year ? eq(holidayYears.year, year) : undefined).orderBy(asc(holidayYears.year));
  return rows.map((row) => ({ year: row.year, off: row.data.off, work: row.data.work, source: row.data.source ?? null, updatedAt: row.updatedAt.toISOString() }));
}

/** The working-day calendar with every year loaded. */
export async function loadCalendar(tx: Tx): Promise<WorkingCalendar> {
  const rows = await tx.select().from(holidayYears);
  return new WorkingCalendar(Object.fromEntries(rows.map((row) => [row.year, row.data])) as CalendarData);
}
