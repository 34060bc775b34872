import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, hasRole, isStaff, type Actor } from "../../../policies/actor.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { staffProfiles, type StaffProfileRow } from "../directory.tables.ts";
import { staffProfilePolicy } from "../directory.policy.ts";
import { PUBLIC_ROLES } from "../directory-rules.ts";
import type { StaffProfileView } from "../directory.types.ts";

/** The profiles an admin looks after: those of the active accounts of their scope (others see only their own). */
export async function findStaffProfiles(tx: Tx, actor: Actor, filter: { q?: string; isHidden?: boolean; limit?: number; offset?: number }): Promise<{ items: StaffProfileView[]; total: number }> {
  if (!isStaff(actor)) return { items: [], total: 0 };
  const ids = hasRole(actor, "admin") ? (await findActiveStaffUnder(tx, actor.regionPath, PUBLIC_ROLES)).map((a) => a.id) : [actor.id];
  if (ids.length === 0) return { items: [], total: 0 };
  const conditions: SQL[] = [inArray(staffProfiles.accountId, ids)];
  if (filter.q) conditions.push(sql`${staffProfiles.displayName} like ${`%${escapeLike(filter.q)}%`}`);
  if (filter.isHidden !== undefined) conditions.push(eq(staffProfiles.isHidden, filter.isHidden));
  const where = and(...conditions);
  const rows = await tx.select().from(staffProfiles).where(where).orderBy(asc(staffProfiles.displayName), asc(staffProfiles.id)).limit(filter.limit ?? 20).offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(staffProfiles).where(where);
  return { items: await presentStaffProfiles(tx, actor, rows), total };
}

export async function getStaffProfileRow(tx: Tx, id: string): Promise<StaffProfileRow | null> {
  const [row] = await tx.select().from(staffProfiles).where(eq(staffProfiles.id, id)).limit(1);
  return row ?? null;
}

/** The owner's region path (for the policy), read through the accounts module. */
export async function ownerOf(tx: Tx, row: StaffProfileRow): Promise<{ accountId: string; regionPath: string; regionCode: string }> {
  const account = (await findStaffByIds(tx, [row.accountId])).get(row.accountId);
  // An account is never deleted; if it were, nobody's scope would cover an empty path's owner but the system's.
  return { accountId: row.accountId, regionPath: account?.regionPath ?? "", regionCode: account?.regionCode ?? "" };
}

export async function presentStaffProfiles(tx: Tx, actor: Actor, rows: StaffProfileRow[]): Promise<StaffProfileView[]> {
  const accounts = await findStaffByIds(tx, rows.map((r) => r.accountId));
  const regions = await findRegionRefs(tx, [...accounts.values()].map((a) => a.regionCode));
  return rows.map((row) => {
    const account = accounts.get(row.accountId);
    const code = account?.regionCode ?? "";
    const ref = regions.get(code);
    return {
      id: row.id,
      accountId: row.accountId,
      displayName: row.displayName,
      role: row.publicRole,
      region: { code, name: ref?.name ?? code, level: ref?.level ?? "city" },
      isListed: row.isListed,
      isHidden: row.isHidden,
      hiddenReason: row.hiddenReason,
      updatedAt: row.updatedAt.toISOString(),
      abilities: staffProfilePolicy.abilities(actor, { accountId: row.accountId, regionPath: account?.regionPath ?? "" }),
    };
  });
}
