import type { Tx } from "../../platform/db/index.ts";
import { holidayYears } from "./calendar.tables.ts";
import { SHIPPED_HOLIDAYS } from "./shipped-holidays.ts";

/** Puts the shipped holiday arrangements in place for years nobody has loaded; admins' edits are kept. */
export async function ensureShippedHolidays(tx: Tx, now: Date): Promise<void> {
  await tx
    .insert(holidayYears)
    .values(Object.entries(SHIPPED_HOLIDAYS).map(([year, data]) => ({ year, data, updatedAt: now })))
    .onConflictDoNothing();
}
