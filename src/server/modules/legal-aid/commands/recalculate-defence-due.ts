import { and, asc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { CalendarEvents } from "../../calendar/calendar.events.ts";
import { loadCalendarBook } from "../../calendar/queries/find-holiday-years.ts";
import { endOfBeijingDay } from "../../calendar/working-calendar.ts";
import { defenceAssignmentDueAt } from "../assigned-defence.rules.ts";
import { defenceNotices } from "../defence-notices.tables.ts";

/**
 * A holiday year changed (nationally, or a region's own additions): the open notices whose
 * 3 working days it touches get their due time again from the receipt on the new calendar,
 * like the tickets' running deadlines (tickets/commands/recalculate-deadlines.ts), in the
 * saving transaction. A notice no longer past its limit loses its overdue mark. Each move is audited.
 */
export async function recalculateDefenceDue(tx: Tx, change: CalendarEvents["calendar.changed"]): Promise<number> {
  const { scope, year, now } = change;
  const book = await loadCalendarBook(tx);
  const yearStart = endOfBeijingDay(`${Number(year) - 1}-12-31`);
  const yearEnd = endOfBeijingDay(`${year}-12-31`);
  const rows = await tx
    .select()
    .from(defenceNotices)
    .where(
      and(
        ne(defenceNotices.status, "body_informed"),
        lt(defenceNotices.receivedAt, yearEnd),
        gte(sql`greatest(${defenceNotices.dueAt}, ${now})`, yearStart),
        scope ? sql`${defenceNotices.centerRegionPath} like ${escapeLike(scope.regionPath) + "%"}` : undefined,
      ),
    )
    .orderBy(asc(defenceNotices.id))
    .for("update");
  let moved = 0;
  for (const row of rows) {
    const due = defenceAssignmentDueAt(book.forPath(row.centerRegionPath), row.receivedAt);
    if (due.getTime() === row.dueAt.getTime()) continue;
    const overdueAt = row.overdueAt && due.getTime() < now.getTime() ? row.overdueAt : null;
    await tx.update(defenceNotices).set({ dueAt: due, overdueAt, updatedAt: now }).where(eq(defenceNotices.id, row.id));
    await recordAudit(tx, {
      actor: change.actor,
      action: "defence_notice.due_moved",
      entityType: "defence_notice",
      entityId: row.id,
      at: now,
      regionPath: row.centerRegionPath,
      detail: { documentNo: row.documentNo, bodyName: row.bodyName, from: row.dueAt.toISOString(), to: due.toISOString(), year, calendar: scope ? { regionCode: scope.regionCode, regionName: scope.regionName } : "national" },
    });
    moved += 1;
  }
  return moved;
}
