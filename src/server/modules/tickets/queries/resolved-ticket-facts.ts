import { and, gte, lt, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { ticketDeadlines, tickets } from "../tickets.tables.ts";

export type ResolvedTicketFact = {
  id: string;
  /** The unit that handled it (its region code), or the ticket's own region when no unit was set. */
  unitRegionCode: string;
  assigneeId: string | null;
  bounceCount: number;
  /** Whether any of its deadlines went past due (marked overdue, or met after its due time). */
  wasOverdue: boolean;
};

/**
 * The tickets resolved in [from, to) whose handling unit (or, without one, the
 * ticket's region) lies at or under `regionPath`: what assessment (考核评价) scores
 * handling, timeliness and send-backs from. Merged tickets are left out.
 */
export async function findResolvedTicketFacts(tx: Tx, regionPath: string, from: Date, to: Date): Promise<ResolvedTicketFact[]> {
  const rows = await tx
    .select({
      id: tickets.id,
      unitRegionCode: sql<string>`coalesce(${tickets.unitRegionCode}, ${tickets.regionCode})`,
      assigneeId: tickets.assigneeId,
      bounceCount: tickets.bounceCount,
      wasOverdue: sql<boolean>`exists (select 1 from ${ticketDeadlines} d where d.ticket_id = ${tickets.id} and (d.overdue_at is not null or d.met_at > d.due_at))`,
    })
    .from(tickets)
    .where(
      and(
        gte(tickets.resolvedAt, from),
        lt(tickets.resolvedAt, to),
        sql`${tickets.mergedIntoId} is null`,
        sql`coalesce(${tickets.unitRegionPath}, ${tickets.regionPath}) like ${`${escapeLike(regionPath)}%`}`,
      ),
    );
  return rows.map((r) => ({ ...r, bounceCount: Number(r.bounceCount), wasOverdue: Boolean(r.wasOverdue) }));
}
