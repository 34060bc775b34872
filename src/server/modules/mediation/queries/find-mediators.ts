import { and, inArray, notInArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { mediationCases } from "../mediation.tables.ts";

export type Mediator = { id: string; displayName: string; region: { code: string; name: string }; activeCases: number };

/**
 * The mediators a committee may designate or the parties may choose among (Art. 19):
 * the active mediator accounts of the committee's township (a village committee calls
 * on its township's mediators too) or, for a committee above, its own region — with
 * how many open cases each carries, fewest first.
 */
export async function findMediators(tx: Tx, committeeRegionPath: string): Promise<Mediator[]> {
  const path = await findRegionsOnPath(tx, committeeRegionPath);
  const own = path[path.length - 1];
  const pool = own?.level === "village" ? (path.find((r) => r.level === "township") ?? own) : own;
  if (!pool) return [];
  const accounts = await findActiveStaffUnder(tx, pool.path, ["mediator"]);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const summaries = await findStaffByIds(tx, ids);
  const regions = await findRegionRefs(tx, accounts.map((a) => a.regionCode));
  const loads = await tx
    .select({ id: sql<string>`m.id`, n: sql<number>`count(*)::int` })
    .from(sql`${mediationCases}, unnest(${mediationCases.mediatorIds}) as m(id)`)
    .where(and(inArray(sql`m.id`, ids), notInArray(mediationCases.status, ["failed", "declined", "terminated", "archived", "performed"])))
    .groupBy(sql`m.id`);
  const loadOf = new Map(loads.map((l) => [l.id, Number(l.n)]));
  return accounts
    .map((a) => ({ id: a.id, displayName: summaries.get(a.id)?.displayName ?? "", region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode }, activeCases: loadOf.get(a.id) ?? 0 }))
    .sort((x, y) => x.activeCases - y.activeCases || x.displayName.localeCompare(y.displayName, "zh-CN"));
}
