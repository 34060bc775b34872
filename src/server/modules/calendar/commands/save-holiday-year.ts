import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { HolidayYear } from "../working-calendar.ts";
import { holidayYears } from "../calendar.tables.ts";
import { calendarPolicy } from "../calendar.policy.ts";
import type { HolidayYearInput } from "../calendar.types.ts";
import { holidayYearFieldProblem } from "../holiday-year-rules.ts";

/**
 * Stores a year's holiday arrangement (admin), as each State Council notice
 * appears. Deadlines started from now on count with it; running ones keep their dates.
 */
export async function saveHolidayYear(tx: Tx, actor: Actor, year: string, input: HolidayYearInput, now: Date): Promise<void> {
  calendarPolicy.authorize(actor, "update", null);
  const data: HolidayYear = { off: input.off.map(({ name, from, to }) => ({ name: name.trim(), from, to })), work: [...input.work].sort(), ...(input.source ? { source: input.source } : {}) };
  const problem = holidayYearFieldProblem(year, data);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const [previous] = await tx.select().from(holidayYears).where(eq(holidayYears.year, year)).for("update");
  await tx
    .insert(holidayYears)
    .values({ year, data, updatedAt: now })
    .onConflictDoUpdate({ target: holidayYears.year, set: { data, updatedAt: now } });
  await recordAudit(tx, { actor, action: previous ? "calendar.update" : "calendar.create", entityType: "holiday_year", entityId: year, at: now, detail: { year, data, previous: previous?.data ?? null } });
}
