import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { HolidayYear } from "../working-calendar.ts";
import { holidayYears } from "../calendar.tables.ts";
import { calendarPolicy } from "../calendar.policy.ts";
import { calendarHooks } from "../calendar.events.ts";
import type { HolidayYearInput } from "../calendar.types.ts";
import { holidayYearFieldProblem } from "../holiday-year-rules.ts";
import { findHolidayYear } from "../queries/find-holiday-years.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";

/** The stored form of an arrangement: names trimmed, working days in order. */
export const holidayYearOf = (input: HolidayYearInput): HolidayYear => ({
  off: input.off.map(({ name, from, to }) => ({ name: name.trim(), from, to })),
  work: [...input.work].sort(),
  ...(input.source ? { source: input.source } : {}),
});

/**
 * Stores a year's national holiday arrangement as each State Council notice
 * appears (an admin at a root node). In the same transaction `calendar.changed`
 * is published: the tickets module recalculates every running deadline the year
 * touches (deadlines started before the year was loaded counted it as weekends only).
 */
export async function saveHolidayYear(tx: Tx, actor: Actor, year: string, input: HolidayYearInput, now: Date): Promise<void> {
  calendarPolicy.authorize(actor, "update", null);
  const data = holidayYearOf(input);
  // Checked in the order sent, so a field named work[i] is the i-th date of the request.
  const problem = holidayYearFieldProblem(year, { ...data, work: input.work });
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const previous = await findHolidayYear(tx, year, { forUpdate: true });
  await tx
    .insert(holidayYears)
    .values({ year, data, updatedAt: now })
    .onConflictDoUpdate({ target: holidayYears.year, set: { data, updatedAt: now } });
  expireCacheVersions(tx);
  await recordAudit(tx, { actor, action: previous ? "calendar.update" : "calendar.create", entityType: "holiday_year", entityId: year, at: now, detail: { year, data, previous } });
  await calendarHooks.publish(tx, "calendar.changed", { scope: null, year, previous, next: data, actor, now });
}
