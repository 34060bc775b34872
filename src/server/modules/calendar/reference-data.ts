import type { Tx } from "../../platform/db/index.ts";
import { systemActor } from "../../policies/actor.ts";
import { holidayYears } from "./calendar.tables.ts";
import { calendarHooks } from "./calendar.events.ts";
import { SHIPPED_HOLIDAYS } from "./shipped-holidays.ts";
import { expireCacheVersions } from "../../platform/cache.ts";

/**
 * Puts the shipped holiday arrangements in place for years nobody has loaded;
 * admins' edits are kept. A year a new release ships is a calendar change like an
 * admin's: running deadlines across it are recalculated (`calendar.changed`).
 */
export async function ensureShippedHolidays(tx: Tx, now: Date): Promise<void> {
  const added = await tx
    .insert(holidayYears)
    .values(Object.entries(SHIPPED_HOLIDAYS).map(([year, data]) => ({ year, data, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ year: holidayYears.year });
  expireCacheVersions(tx);
  for (const { year } of added) {
    await calendarHooks.publish(tx, "calendar.changed", { scope: null, year, previous: null, next: SHIPPED_HOLIDAYS[year], actor: systemActor("release"), now });
  }
}
