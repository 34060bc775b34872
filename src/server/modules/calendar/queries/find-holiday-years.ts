import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { holidayYears, regionalHolidays } from "../calendar.tables.ts";
import { CalendarBook, type CalendarLayer, type HolidayYear, type WorkingCalendar } from "../working-calendar.ts";
import { missingHolidayYears, type MissingHolidayYear } from "../calendar-notices.ts";
import type { HolidayYearView, RegionalHolidaysView } from "../calendar.types.ts";

const view = (row: { year: string; data: HolidayYear; updatedAt: Date }): HolidayYearView => ({
  year: row.year,
  off: row.data.off,
  work: row.data.work,
  source: row.data.source ?? null,
  updatedAt: row.updatedAt.toISOString(),
});

/** The national arrangements (every year, or one). */
export async function findHolidayYears(tx: Tx, year?: string): Promise<HolidayYearView[]> {
  const rows = await tx.select().from(holidayYears).where(year ? eq(holidayYears.year, year) : undefined).orderBy(asc(holidayYears.year));
  return rows.map(view);
}

/** The national arrangement of one year as stored, or null. */
export async function findHolidayYear(tx: Tx, year: string, options: { forUpdate?: boolean } = {}): Promise<HolidayYear | null> {
  const query = tx.select().from(holidayYears).where(eq(holidayYears.year, year));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row?.data ?? null;
}

/**
 * The additions of the nodes on a region's path (root first): those it inherits
 * and its own, each with the node's name.
 */
export async function findRegionalHolidays(tx: Tx, node: { code: string; path: string }): Promise<RegionalHolidaysView[]> {
  const codes = codesOfPath(node.path);
  const rows = await tx.select().from(regionalHolidays).where(inArray(regionalHolidays.regionCode, codes)).orderBy(asc(regionalHolidays.year));
  const names = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return codes
    .filter((code) => rows.some((r) => r.regionCode === code))
    .map((code) => ({
      region: { regionCode: code, regionName: names.get(code)?.name ?? code },
      isOwn: code === node.code,
      years: rows.filter((r) => r.regionCode === code).map(view),
    }));
}

/** A node's own additions for a year as stored, or null. */
export async function findOwnRegionalYear(tx: Tx, regionCode: string, year: string, options: { forUpdate?: boolean } = {}): Promise<HolidayYear | null> {
  const query = tx.select().from(regionalHolidays).where(and(eq(regionalHolidays.regionCode, regionCode), eq(regionalHolidays.year, year)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row?.data ?? null;
}

type LayerRow = { region_path: string | null; year: string; data: HolidayYear };

/**
 * The working-day calendar of a matter in this region (a ticket's region path):
 * the national arrangements plus the additions of every node on the path, in one
 * query. With null, the national calendar alone.
 */
export async function loadCalendar(tx: Tx, regionPath: string | null): Promise<WorkingCalendar> {
  const codes = regionPath ? codesOfPath(regionPath) : [];
  const result = await tx.execute<LayerRow>(sql`
    select null::text as region_path, year, data from holiday_years
    union all
    select region_path, year, data from regional_holidays where region_code = any(${sql.param(codes)}::text[])`);
  return layersToBook(result.rows).forPath(regionPath);
}

/** Every arrangement, national and regional, for work over many regions at once. */
export async function loadCalendarBook(tx: Tx): Promise<CalendarBook> {
  const result = await tx.execute<LayerRow>(sql`
    select null::text as region_path, year, data from holiday_years
    union all
    select region_path, year, data from regional_holidays`);
  return layersToBook(result.rows);
}

function layersToBook(rows: readonly LayerRow[]): CalendarBook {
  return new CalendarBook(rows.map((row): CalendarLayer => ({ regionPath: row.region_path, year: row.year, data: row.data })));
}

/** The national arrangements missing for this year, or (from 1 November) the next. */
export async function findMissingHolidayYears(tx: Tx, now: Date): Promise<MissingHolidayYear[]> {
  const rows = await tx.select({ year: holidayYears.year }).from(holidayYears);
  return missingHolidayYears(new Set(rows.map((r) => r.year)), now);
}
