import { and, arrayOverlaps, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Role } from "../../../policies/actor.ts";
import { accounts } from "../accounts.tables.ts";

/**
 * What other modules may know of staff accounts. They read accounts through
 * these queries, never the table (issue 6, item 19).
 */
export type StaffSummary = { id: string; username: string; displayName: string; roles: Role[]; regionCode: string; regionPath: string; isDisabled: boolean };

const summary = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  roles: accounts.roles,
  regionCode: accounts.regionCode,
  regionPath: accounts.regionPath,
  isDisabled: accounts.isDisabled,
};

/** Accounts by id (missing ids are left out). */
export async function findStaffByIds(tx: Tx, ids: readonly (string | null | undefined)[]): Promise<Map<string, StaffSummary>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select(summary).from(accounts).where(inArray(accounts.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Display names by id, for presenting who did what. */
export async function findStaffNames(tx: Tx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  return new Map([...(await findStaffByIds(tx, ids)).values()].map((s) => [s.id, s.displayName]));
}

/** Active people bound to any of these regions who hold one of the roles: the candidates of a dispatch. */
export async function findActiveStaffIn(tx: Tx, regionCodes: readonly string[], roles: readonly Role[]) {
  if (regionCodes.length === 0 || roles.length === 0) return [];
  return tx
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      roles: accounts.roles,
      regionCode: accounts.regionCode,
      skills: accounts.skills,
      languages: accounts.languages,
    })
    .from(accounts)
    .where(and(inArray(accounts.regionCode, [...regionCodes]), eq(accounts.isDisabled, false), arrayOverlaps(accounts.roles, [...roles])))
    .orderBy(asc(accounts.id));
}

/** Active holders of `role` whose scope covers `path` (their region is on it), nearest first. */
export async function findStaffCovering(tx: Tx, path: string, role: Role): Promise<StaffSummary[]> {
  return tx
    .select(summary)
    .from(accounts)
    .where(and(sql`${role} = any(${accounts.roles})`, eq(accounts.isDisabled, false), sql`left(${path}, length(${accounts.regionPath})) = ${accounts.regionPath}`))
    .orderBy(desc(sql`length(${accounts.regionPath})`), asc(accounts.id));
}

/** The account a sign-in names (case-insensitive), locked for the attempt's transaction; null if none. */
export async function lockAccountForSignIn(tx: Tx, username: string) {
  const [row] = await tx
    .select({
      id: accounts.id,
      username: accounts.username,
      passwordHash: accounts.passwordHash,
      isDisabled: accounts.isDisabled,
      failedLoginCount: accounts.failedLoginCount,
      lockedUntil: accounts.lockedUntil,
      regionPath: accounts.regionPath,
    })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${username})`)
    .for("update")
    .limit(1);
  return row ?? null;
}

/**
 * Active accounts holding one of `roles`, bound to the region at `regionPath` or
 * under it (any region when null): the people a public directory may list. Only
 * what the directory needs — never a name, phone or username.
 */
export async function findActiveStaffUnder(tx: Tx, regionPath: string | null, roles: readonly Role[]): Promise<{ id: string; roles: Role[]; regionCode: string; regionPath: string }[]> {
  if (roles.length === 0) return [];
  return tx
    .select({ id: accounts.id, roles: accounts.roles, regionCode: accounts.regionCode, regionPath: accounts.regionPath })
    .from(accounts)
    .where(
      and(
        eq(accounts.isDisabled, false),
        arrayOverlaps(accounts.roles, [...roles]),
        regionPath === null ? undefined : sql`${accounts.regionPath} like ${`${regionPath.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`,
      ),
    );
}
