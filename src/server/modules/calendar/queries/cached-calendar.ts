import type { Tx } from "../../../platform/db/index.ts";
import { versionedCache } from "../../../platform/cache.ts";
import type { CalendarBook, WorkingCalendar } from "../working-calendar.ts";
import { loadCalendarBook } from "./find-holiday-years.ts";

/**
 * Every arrangement, national and regional, kept in process (platform/cache.ts:
 * a change in any process is seen by the next staff request). For new deadlines
 * on the hot path (intake); recalculation after a change reads the tables.
 */
const book = versionedCache<"all", CalendarBook>("calendar", async (tx) => new Map([["all", await loadCalendarBook(tx)]]));

/** loadCalendar through the cache: the working-day calendar of a matter in this region (a ticket's region path). */
export async function loadCalendarCached(tx: Tx, regionPath: string | null): Promise<WorkingCalendar> {
  return (await book.get(tx, "all")).forPath(regionPath);
}
