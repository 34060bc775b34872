import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { mediationCommittees, type MediationCommitteeRow } from "../mediation.tables.ts";
import { committeePolicy, committeeScope } from "../mediation.policy.ts";
import type { CommitteeView } from "../mediation.types.ts";
import type { CommitteeKind } from "../mediation.rules.ts";

/**
 * The committees the actor sees (`committeeScope`: their region's line of the tree), or — with `forRegion` — the ones competent for a dispute there: the
 * committees of the region and of every region above it on its path (the village's,
 * the township's, an industry committee of the county or city), nearest first.
 */
export async function findCommittees(tx: Tx, actor: Actor, query: { forRegion?: string; kind?: CommitteeKind }): Promise<CommitteeView[]> {
  let rows: MediationCommitteeRow[];
  if (query.forRegion) {
    const path = (await findRegionRefs(tx, [query.forRegion])).get(query.forRegion)?.path;
    if (!path) return [];
    const onPath = (await findRegionsOnPath(tx, path)).map((r) => r.code);
    rows = await tx
      .select()
      .from(mediationCommittees)
      .where(and(committeeScope(actor), inArray(mediationCommittees.regionCode, onPath), eq(mediationCommittees.isActive, true), query.kind ? eq(mediationCommittees.kind, query.kind) : undefined))
      .orderBy(sql`length(${mediationCommittees.regionPath}) desc`, asc(mediationCommittees.name));
  } else {
    rows = await tx
      .select()
      .from(mediationCommittees)
      .where(and(committeeScope(actor), query.kind ? eq(mediationCommittees.kind, query.kind) : undefined))
      .orderBy(asc(mediationCommittees.regionPath), asc(mediationCommittees.name))
      .limit(500);
  }
  const regions = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    region: { code: r.regionCode, name: regions.get(r.regionCode)?.name ?? r.regionCode },
    industry: r.industry,
    isActive: r.isActive,
    abilities: committeePolicy.abilities(actor, { regionPath: r.regionPath }),
  }));
}

/** One committee's row, or undefined. */
export async function getCommitteeRow(tx: Tx, id: string): Promise<MediationCommitteeRow | undefined> {
  const [row] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, id)).limit(1);
  return row;
}
