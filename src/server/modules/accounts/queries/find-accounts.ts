import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor, type Role } from "../../../policies/actor.ts";
import { regions } from "../../regions/regions.tables.ts";
import { accounts, type AccountRow } from "../accounts.tables.ts";
import { accountPolicy, accountScope } from "../accounts.policy.ts";
import type { AccountView } from "../accounts.types.ts";
import type { RegionLevel } from "../../regions/region-rules.ts";

const columns = { account: accounts, regionName: regions.name, regionLevel: regions.level, regionPath: regions.path };
type Row = { account: AccountRow; regionName: string; regionLevel: RegionLevel; regionPath: string };

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
  if (filter.regionCode) conditions.push(sql`${regions.path} like (select path from regions r where r.code = ${filter.regionCode}) || '%'`);
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    tx.select(columns).from(accounts).innerJoin(regions, eq(regions.code, accounts.regionCode)).where(where).orderBy(asc(regions.path), asc(accounts.username)).limit(filter.limit ?? 50).offset(filter.offset ?? 0),
    tx.select({ total: count() }).from(accounts).innerJoin(regions, eq(regions.code, accounts.regionCode)).where(where),
  ]);
  return { items: rows.map((row) => presentAccount(actor, row)), total };
}

export async function getAccount(tx: Tx, id: string): Promise<Row | null> {
  const [row] = await tx.select(columns).from(accounts).innerJoin(regions, eq(regions.code, accounts.regionCode)).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
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
    isOnDuty: account.isOnDuty,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    abilities: accountPolicy.abilities(actor, { id: account.id, regionPath }),
  };
}
