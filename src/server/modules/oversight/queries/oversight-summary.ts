import { and, count, gte, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { hasRole, type Actor } from "../../../policies/actor.ts";
import { visibleTicketCondition } from "../../tickets/queries/ticket-facts.ts";
import { followUps, supervisionOrders, ticketRatings } from "../oversight.tables.ts";
import { SUPERVISION_LEDGER_ROLES } from "../oversight.policy.ts";
import { followUpQueueCondition } from "./find-follow-ups.ts";
import { supervisionCondition } from "./find-supervision-orders.ts";

export type OversightCounts = {
  /** 回访: the actor's own open tasks and every open task they oversee; null where the actor has no such queue. */
  followUps: { mine: number | null; open: number | null };
  /** 督办台账: open and overdue orders; null for roles that do not read the ledger. */
  supervision: { open: number; overdue: number } | null;
};

/**
 * The home page's oversight counts, each the total of the list it links to
 * (the same conditions as findFollowUps and findSupervisionOrders).
 */
export async function countOversight(tx: Tx, actor: Actor, now: Date): Promise<OversightCounts> {
  const countFollowUps = async (queue: "mine" | "open") => {
    const condition = followUpQueueCondition(actor, queue);
    if (!condition) return null;
    const [{ n }] = await tx.select({ n: count() }).from(followUps).where(condition);
    return Number(n);
  };
  const mine = await countFollowUps("mine");
  const open = await countFollowUps("open");
  let supervision: OversightCounts["supervision"] = null;
  if (actor.kind === "system" || hasRole(actor, ...SUPERVISION_LEDGER_ROLES)) {
    const [row] = await tx
      .select({
        open: sql<number>`count(*) filter (where ${supervisionCondition(actor, { state: "open" }, now)})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${supervisionCondition(actor, { state: "overdue" }, now)})`.mapWith(Number),
      })
      .from(supervisionOrders);
    supervision = { open: Number(row.open), overdue: Number(row.overdue) };
  }
  return { followUps: { mine, open }, supervision };
}

/**
 * 满意度 of the ratings recorded since `since` on the tickets the actor sees:
 * how many, their mean score (1–5, the four aspects averaged) and the share
 * whose mean is 4 or more (满意).
 */
export async function summarizeRatings(tx: Tx, actor: Actor, since: Date): Promise<{ count: number; averageScore: number | null; satisfiedShare: number | null }> {
  const mean = sql`((${ticketRatings.attitude} + ${ticketRatings.speed} + ${ticketRatings.policy} + ${ticketRatings.expertise}) / 4.0)`;
  const [row] = await tx
    .select({
      n: count(),
      average: sql<string | null>`round(avg(${mean}), 2)`,
      satisfied: sql<number>`count(*) filter (where ${mean} >= 4)`.mapWith(Number),
    })
    .from(ticketRatings)
    .where(and(visibleTicketCondition(actor, ticketRatings.ticketId), gte(ticketRatings.createdAt, since)));
  const n = Number(row.n);
  return { count: n, averageScore: row.average === null ? null : Number(row.average), satisfiedShare: n === 0 ? null : Number(row.satisfied) / n };
}
