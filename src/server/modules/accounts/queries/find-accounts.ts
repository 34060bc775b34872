import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor, type Role } from "../../../policies/actor.ts";
import { findRegionRefs, regionPathOf } from "../../regions/queries/find-regions.ts";
import { accounts, type AccountRow } from "../accounts.tables.ts";
import { accountPolicy, accountScope } from "../accounts.policy.ts";
import type { AccountView } from "../accounts.types.ts";
import type { RegionLevel } from "../../regions/region-rules.ts";

type Row = { account: AccountRow; regionName: string; regionLevel: RegionLevel; regionPath: string };

/** Accounts with their region's name and level, looked up through the regions module. */
async function withRegions(tx: Tx, rows: AccountRow[]): Promise<Row[]> {
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((account) => {
    const ref = refs.get(account.regionCode);
    return { account, regionName: ref?.name ?? account.regionCode, regionLevel: ref?.level ?? "city", regionPath: account.regionPath };
  });
}

export async function findAccounts(
  tx: Tx,
  actor: Actor,
  filter: { limit?: number; offset?: number; q?: string; role?: Role; regionCode?: string },
): Promise<{ items: AccountView[]; total: number }> {
  const conditions: SQL[] = [accountScope(actor)];
  if (filter.q) {
    const needle = `%${escapeLike(filter.q)}%`;
    conditions.push(sql`(${accounts.username} ilike ${needle} or ${accounts.displayName} like ${needle})`);
  }
  if (filter.role) conditions.push(sql`${filter.role} = any(${accounts.roles})`);
  if (filter.regionCode) {
    const path = await regionPathOf(tx, filter.regionCode);
    conditions.push(path ? sql`${accounts.regionPath} like ${`${escapeLike(path)}%`}` : sql`false`);
  }
  const where = and(...conditions);
  // One after the other: inside a transaction both would share one connection.
  const rows = await tx.select().from(accounts).where(where).orderBy(asc(accounts.regionPath), asc(accounts.username)).limit(filter.limit ?? 50).offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(accounts).where(where);
  return { items: (await withRegions(tx, rows)).map((row) => presentAccount(actor, row)), total };
}

export async function getAccount(tx: Tx, id: string): Promise<Row | null> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ? (await withRegions(tx, [row]))[0] : null;
}

export function presentAccount(actor: Actor, { account, regionName, regionLevel, regionPath }: Row): AccountView {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    region: { code: account.regionCode, name: regionName, level: regionLevel },
    isDisabled: account.isDisabled,
    skills: account.skills,
    languages: account.languages,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    abilities: accountPolicy.abilities(actor, { id: account.id, regionPath }),
  };
}
