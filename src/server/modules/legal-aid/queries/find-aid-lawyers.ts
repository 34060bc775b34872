import { and, count, inArray, notInArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { aidCases } from "../aid-cases.tables.ts";

export type AidLawyer = { id: string; displayName: string; region: { code: string; name: string }; activeCases: number };

/**
 * The center's pool of aid lawyers (点援制, the applicant may choose among them):
 * the active lawyer accounts of the center's county and under it — the lawyers the
 * directory lists there — with how many open cases each carries, fewest first.
 */
export async function findAidLawyers(tx: Tx, centerRegionPath: string): Promise<AidLawyer[]> {
  const accounts = await findActiveStaffUnder(tx, centerRegionPath, ["lawyer"]);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const [summaries, regions, loads] = [
    await findStaffByIds(tx, ids),
    await findRegionRefs(tx, accounts.map((a) => a.regionCode)),
    await tx
      .select({ lawyerId: aidCases.lawyerId, n: count() })
      .from(aidCases)
      .where(and(inArray(aidCases.lawyerId, ids), notInArray(aidCases.status, ["closed", "quality_reviewed", "archived", "terminated", "refused", "withdrawn"])))
      .groupBy(aidCases.lawyerId),
  ];
  const loadOf = new Map(loads.map((l) => [l.lawyerId, l.n]));
  return accounts
    .map((a) => ({
      id: a.id,
      displayName: summaries.get(a.id)?.displayName ?? "",
      region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode },
      activeCases: loadOf.get(a.id) ?? 0,
    }))
    .sort((x, y) => x.activeCases - y.activeCases || x.displayName.localeCompare(y.displayName, "zh-CN"));
}
