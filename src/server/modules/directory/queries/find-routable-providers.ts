import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { legalProviders } from "../directory.tables.ts";
import type { ProviderKind } from "../directory-rules.ts";

export type RoutableProviderRow = { id: string; kind: ProviderKind; name: string; regionCode: string; regionPath: string; address: string; phone: string; openingHours: string };

/**
 * Listed providers of a kind whose region is one of `regionCodes` (a matter's
 * region and its ancestors): what pre-registration routing chooses among.
 */
export async function findProvidersAt(tx: Tx, kind: ProviderKind, regionCodes: string[]): Promise<RoutableProviderRow[]> {
  if (!regionCodes.length) return [];
  return tx
    .select({
      id: legalProviders.id,
      kind: legalProviders.kind,
      name: legalProviders.name,
      regionCode: legalProviders.regionCode,
      regionPath: legalProviders.regionPath,
      address: legalProviders.address,
      phone: legalProviders.phone,
      openingHours: legalProviders.openingHours,
    })
    .from(legalProviders)
    .where(and(eq(legalProviders.kind, kind), eq(legalProviders.isListed, true), inArray(legalProviders.regionCode, regionCodes)));
}

/** One provider by id, listed or not, with its region path (for issuing its API credentials and for routing checks). */
export async function findProviderById(tx: Tx, id: string): Promise<RoutableProviderRow & { isListed: boolean } | null> {
  const [row] = await tx
    .select({
      id: legalProviders.id,
      kind: legalProviders.kind,
      name: legalProviders.name,
      regionCode: legalProviders.regionCode,
      regionPath: legalProviders.regionPath,
      address: legalProviders.address,
      phone: legalProviders.phone,
      openingHours: legalProviders.openingHours,
      isListed: legalProviders.isListed,
    })
    .from(legalProviders)
    .where(eq(legalProviders.id, id))
    .limit(1);
  return row ?? null;
}
