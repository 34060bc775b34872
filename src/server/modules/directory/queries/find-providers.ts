import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findRegionRefs, regionPathOf } from "../../regions/queries/find-regions.ts";
import { legalProviders, type LegalProviderRow } from "../directory.tables.ts";
import { providerPolicy, providerScope } from "../directory.policy.ts";
import { mapUrlOf } from "../contact-card.ts";
import type { ProviderKind } from "../directory-rules.ts";
import type { ProviderView, PublicProvider } from "../directory.types.ts";

export type ProviderFilter = { kind?: ProviderKind; regionCode?: string; q?: string; limit?: number; offset?: number };

async function filterConditions(tx: Tx, filter: ProviderFilter): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(legalProviders.kind, filter.kind));
  if (filter.regionCode) {
    const path = await regionPathOf(tx, filter.regionCode);
    conditions.push(path ? sql`${legalProviders.regionPath} like ${`${escapeLike(path)}%`}` : sql`false`);
  }
  if (filter.q) conditions.push(sql`${legalProviders.name} like ${`%${escapeLike(filter.q)}%`}`);
  return conditions;
}

async function page(tx: Tx, where: SQL | undefined, filter: ProviderFilter) {
  // Region order (higher levels first), then kind and name.
  const rows = await tx
    .select()
    .from(legalProviders)
    .where(where)
    .orderBy(asc(sql`length(${legalProviders.regionPath})`), asc(legalProviders.regionPath), asc(legalProviders.kind), asc(legalProviders.name))
    .limit(filter.limit ?? 20)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(legalProviders).where(where);
  return { rows, total };
}

async function withRegions(tx: Tx, rows: LegalProviderRow[]) {
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((row) => {
    const ref = refs.get(row.regionCode);
    return { row, region: { code: row.regionCode, name: ref?.name ?? row.regionCode, level: ref?.level ?? ("city" as const) } };
  });
}

const presentPublic = ({ row, region }: Awaited<ReturnType<typeof withRegions>>[number]): PublicProvider => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  region,
  address: row.address,
  phone: row.phone,
  openingHours: row.openingHours,
  services: [...row.services],
  licenceNumber: row.licenceNumber,
  description: row.description,
  mapUrl: mapUrlOf(region.name, row.address),
});

/** Listed providers anywhere, for the public. */
export async function findPublicProviders(tx: Tx, filter: ProviderFilter): Promise<{ items: PublicProvider[]; total: number }> {
  const { rows, total } = await page(tx, and(eq(legalProviders.isListed, true), ...(await filterConditions(tx, filter))), filter);
  return { items: (await withRegions(tx, rows)).map(presentPublic), total };
}

export async function getPublicProvider(tx: Tx, id: string): Promise<PublicProvider | null> {
  const [row] = await tx.select().from(legalProviders).where(and(eq(legalProviders.id, id), eq(legalProviders.isListed, true))).limit(1);
  return row ? presentPublic((await withRegions(tx, [row]))[0]) : null;
}

function presentProvider(actor: Actor, item: Awaited<ReturnType<typeof withRegions>>[number]): ProviderView {
  return {
    ...presentPublic(item),
    regionCode: item.row.regionCode,
    isListed: item.row.isListed,
    createdAt: item.row.createdAt.toISOString(),
    updatedAt: item.row.updatedAt.toISOString(),
    abilities: providerPolicy.abilities(actor, item.row),
  };
}

/** Providers of the actor's scope, listed or not: the same scope rule as the detail route. */
export async function findProviders(tx: Tx, actor: Actor, filter: ProviderFilter): Promise<{ items: ProviderView[]; total: number }> {
  const { rows, total } = await page(tx, and(providerScope(actor), ...(await filterConditions(tx, filter))), filter);
  return { items: (await withRegions(tx, rows)).map((item) => presentProvider(actor, item)), total };
}

/** One provider for staff (authorized to read), or NOT_FOUND. */
export async function getProviderRow(tx: Tx, id: string): Promise<LegalProviderRow | null> {
  const [row] = await tx.select().from(legalProviders).where(eq(legalProviders.id, id)).limit(1);
  return row ?? null;
}

export async function presentProviderRow(tx: Tx, actor: Actor, row: LegalProviderRow): Promise<ProviderView> {
  return presentProvider(actor, (await withRegions(tx, [row]))[0]);
}
