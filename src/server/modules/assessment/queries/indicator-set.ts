import { inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { assessmentIndicatorSets } from "../assessment.tables.ts";
import { DEFAULT_INDICATORS, type Indicator } from "../indicators.ts";

export type EffectiveIndicatorSet = { indicators: Indicator[]; definedAt: { code: string; name: string } | null };

/** The indicator set a region uses: its own, else its nearest ancestor's, else the shipped default. */
export async function findIndicatorSet(tx: Tx, regionPath: string): Promise<EffectiveIndicatorSet> {
  const chain = await findRegionsOnPath(tx, regionPath);
  if (chain.length === 0) return { indicators: DEFAULT_INDICATORS, definedAt: null };
  const rows = await tx
    .select({ regionCode: assessmentIndicatorSets.regionCode, indicators: assessmentIndicatorSets.indicators })
    .from(assessmentIndicatorSets)
    .where(inArray(assessmentIndicatorSets.regionCode, chain.map((r) => r.code)));
  const byCode = new Map(rows.map((r) => [r.regionCode, r.indicators]));
  // Nearest first: the chain runs from the root down.
  for (const region of [...chain].reverse()) {
    const indicators = byCode.get(region.code);
    if (indicators) return { indicators, definedAt: { code: region.code, name: region.name } };
  }
  return { indicators: DEFAULT_INDICATORS, definedAt: null };
}
