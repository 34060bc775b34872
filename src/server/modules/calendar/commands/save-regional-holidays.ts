import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { RegionRow } from "../../regions/queries/resolve-region.ts";
import { regionalHolidays } from "../calendar.tables.ts";
import { regionalHolidaysPolicy } from "../calendar.policy.ts";
import { calendarHooks } from "../calendar.events.ts";
import type { HolidayYearInput } from "../calendar.types.ts";
import { holidayYearFieldProblem } from "../holiday-year-rules.ts";
import { findHolidayYear, findOwnRegionalYear } from "../queries/find-holiday-years.ts";
import { holidayYearOf } from "./save-holiday-year.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";

type Node = Pick<RegionRow, "code" | "name" | "path">;

const scopeOf = (node: Node) => ({ regionCode: node.code, regionName: node.name, regionPath: node.path });

/**
 * Sets a region node's own additions to a year (an admin of the node or above):
 * local rest days (e.g. 藏历新年 in a Tibetan autonomous prefecture) and the
 * weekend days worked in return. They apply to matters of the node and every node
 * below it, on top of the national arrangement, which they cannot undo: a working
 * day on a national holiday is refused. Running deadlines there are recalculated
 * (`calendar.changed`, as for a national year).
 */
export async function saveRegionalHolidays(tx: Tx, actor: Actor, node: Node, year: string, input: HolidayYearInput, now: Date): Promise<void> {
  regionalHolidaysPolicy.authorize(actor, "update", { regionPath: node.path });
  const data = holidayYearOf(input);
  // Checked in the order sent, so a field named work[i] is the i-th date of the request.
  const problem = holidayYearFieldProblem(year, { ...data, work: input.work });
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const national = await findHolidayYear(tx, year);
  for (const [i, date] of input.work.entries()) {
    const holiday = national?.off.find((range) => range.from <= date && date <= range.to);
    if (holiday) throw new AppError("VALIDATION_FAILED", `${date} is a national holiday (${holiday.name}); a region cannot make it a working day`, { field: `work[${i}]` });
  }
  const previous = await findOwnRegionalYear(tx, node.code, year, { forUpdate: true });
  await tx
    .insert(regionalHolidays)
    .values({ regionCode: node.code, regionPath: node.path, year, data, updatedAt: now })
    .onConflictDoUpdate({ target: [regionalHolidays.regionCode, regionalHolidays.year], set: { data, updatedAt: now } });
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: previous ? "calendar.regional_update" : "calendar.regional_create",
    entityType: "regional_holidays",
    entityId: `${node.code}:${year}`,
    at: now,
    regionPath: node.path,
    detail: { regionCode: node.code, regionName: node.name, year, data, previous },
  });
  await calendarHooks.publish(tx, "calendar.changed", { scope: scopeOf(node), year, previous, next: data, actor, now });
}

/** Removes a node's own additions to a year; returns whether there were any. */
export async function removeRegionalHolidays(tx: Tx, actor: Actor, node: Node, year: string, now: Date): Promise<boolean> {
  regionalHolidaysPolicy.authorize(actor, "update", { regionPath: node.path });
  const previous = await findOwnRegionalYear(tx, node.code, year, { forUpdate: true });
  if (!previous) return false;
  await tx.delete(regionalHolidays).where(and(eq(regionalHolidays.regionCode, node.code), eq(regionalHolidays.year, year)));
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: "calendar.regional_remove",
    entityType: "regional_holidays",
    entityId: `${node.code}:${year}`,
    at: now,
    regionPath: node.path,
    detail: { regionCode: node.code, regionName: node.name, year, previous },
  });
  await calendarHooks.publish(tx, "calendar.changed", { scope: scopeOf(node), year, previous, next: null, actor, now });
  return true;
}
