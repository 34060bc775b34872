import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { mediationCases, mediationCommitteeMembers } from "../mediation.tables.ts";

/**
 * How a mediator belongs to a committee: by `region` (a mediator account of the committee's
 * region — its township's for a village committee) or `appointed` by name (聘任, Art. 13).
 */
export type Membership = "region" | "appointed";
export type Mediator = { id: string; displayName: string; region: { code: string; name: string }; activeCases: number; membership: Membership };

/** The region whose mediator accounts are a committee's by where they sit: a village committee's township, else its own. */
export async function mediatorPoolOf(tx: Tx, committeeRegionPath: string): Promise<string | null> {
  const path = await findRegionsOnPath(tx, committeeRegionPath);
  const own = path[path.length - 1];
  const pool = own?.level === "village" ? (path.find((r) => r.level === "township") ?? own) : own;
  return pool?.path ?? null;
}

/** The accounts a committee appointed by name that are still active mediators. */
async function appointedMediators(tx: Tx, committeeId: string): Promise<{ id: string; regionCode: string }[]> {
  const rows = await tx.select({ id: mediationCommitteeMembers.accountId }).from(mediationCommitteeMembers).where(eq(mediationCommitteeMembers.committeeId, committeeId));
  const accounts = await findStaffByIds(tx, rows.map((r) => r.id));
  return [...accounts.values()].filter((a) => !a.isDisabled && a.roles.includes("mediator")).map((a) => ({ id: a.id, regionCode: a.regionCode }));
}

/**
 * The mediators a committee may designate or the parties may choose among (Art. 19):
 * the active mediator accounts of the committee's township (a village committee calls
 * on its township's mediators too) or, for a committee above, its own region, and the
 * mediators it appointed by name — with how many open cases each carries, fewest first.
 */
export async function findMediators(tx: Tx, committee: { id: string; regionPath: string }): Promise<Mediator[]> {
  const pool = await mediatorPoolOf(tx, committee.regionPath);
  const byRegion = pool ? await findActiveStaffUnder(tx, pool, ["mediator"]) : [];
  const regionIds = new Set(byRegion.map((a) => a.id));
  const appointed = (await appointedMediators(tx, committee.id)).filter((a) => !regionIds.has(a.id));
  const all = [...byRegion.map((a) => ({ id: a.id, regionCode: a.regionCode, membership: "region" as const })), ...appointed.map((a) => ({ ...a, membership: "appointed" as const }))];
  if (all.length === 0) return [];
  const ids = all.map((a) => a.id);
  const summaries = await findStaffByIds(tx, ids);
  const regions = await findRegionRefs(tx, all.map((a) => a.regionCode));
  const loads = await tx
    .select({ id: sql<string>`m.id`, n: sql<number>`count(*)::int` })
    .from(sql`${mediationCases}, unnest(${mediationCases.mediatorIds}) as m(id)`)
    .where(and(inArray(sql`m.id`, ids), notInArray(mediationCases.status, ["failed", "declined", "terminated", "archived", "performed"])))
    .groupBy(sql`m.id`);
  const loadOf = new Map(loads.map((l) => [l.id, Number(l.n)]));
  return all
    .map((a) => ({ id: a.id, displayName: summaries.get(a.id)?.displayName ?? "", region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode }, activeCases: loadOf.get(a.id) ?? 0, membership: a.membership }))
    .sort((x, y) => x.activeCases - y.activeCases || x.displayName.localeCompare(y.displayName, "zh-CN"));
}

/**
 * Who the actor could appoint to the committee: the active mediator accounts in the actor's
 * scope that are not already its mediators.
 */
export async function findMediatorCandidates(tx: Tx, actorRegionPath: string, committee: { id: string; regionPath: string }): Promise<{ id: string; displayName: string; region: { code: string; name: string } }[]> {
  const current = new Set((await findMediators(tx, committee)).map((m) => m.id));
  const accounts = (await findActiveStaffUnder(tx, actorRegionPath, ["mediator"])).filter((a) => !current.has(a.id));
  const summaries = await findStaffByIds(tx, accounts.map((a) => a.id));
  const regions = await findRegionRefs(tx, accounts.map((a) => a.regionCode));
  return accounts
    .map((a) => ({ id: a.id, displayName: summaries.get(a.id)?.displayName ?? "", region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode } }))
    .sort((x, y) => x.region.code.localeCompare(y.region.code) || x.displayName.localeCompare(y.displayName, "zh-CN"));
}
