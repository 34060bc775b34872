import { and, asc, count, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike } from "../../../policies/actor.ts";
import { findActiveStaffUnder, findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs, regionPathOf } from "../../regions/queries/find-regions.ts";
import { getVenue } from "../../venues/queries/find-venues.ts";
import { staffProfiles, type StaffProfileRow } from "../directory.tables.ts";
import { PUBLIC_ROLES, type DirectoryLanguage, type PublicRole, type Speciality } from "../directory-rules.ts";
import type { PublicPerson } from "../directory.types.ts";
import type { RegionRef } from "../../regions/regions.types.ts";

type PublicVenueRef = NonNullable<PublicPerson["venue"]>;

/**
 * A profile as the public sees it. Built field by field from the profile alone:
 * a detail its owner did not switch on is absent (not empty), and nothing of the
 * account (username, personal phone, other roles) is ever read into it.
 */
export function presentPublicPerson(profile: StaffProfileRow, region: RegionRef, venue: PublicVenueRef | null): PublicPerson {
  return {
    id: profile.id,
    displayName: profile.displayName,
    role: profile.publicRole,
    region,
    specialities: [...profile.specialities],
    languages: [...profile.languages],
    introduction: profile.introduction,
    ...(profile.isOfficePhonePublic && profile.officePhone ? { officePhone: profile.officePhone } : {}),
    ...(profile.isEmailPublic && profile.email ? { email: profile.email } : {}),
    ...(profile.isVenuePublic && venue ? { venue } : {}),
  };
}

/** Is the profile in the public directory: listed by its owner, not hidden by an admin, its account active and still holding the role? */
export function isPublic(profile: StaffProfileRow, account: { roles: readonly string[]; isDisabled?: boolean } | undefined): boolean {
  return profile.isListed && !profile.isHidden && Boolean(account) && !account!.isDisabled && account!.roles.includes(profile.publicRole);
}

/** The venue a profile names, in its public form (null when gone). */
async function venueRefs(tx: Tx, rows: StaffProfileRow[]): Promise<Map<string, PublicVenueRef>> {
  const ids = [...new Set(rows.filter((r) => r.isVenuePublic && r.venueId).map((r) => r.venueId!))];
  const found = new Map<string, PublicVenueRef>();
  // A page names a handful of venues; one lookup each, one after another (one connection in a transaction).
  for (const id of ids) {
    const row = await getVenue(tx, id);
    if (row) found.set(id, { id, name: row.venue.name, address: row.venue.address, phone: row.venue.phone });
  }
  return found;
}

/** Present profiles whose accounts are known to be public (`regionCodeOf` gives each one's region). */
export async function presentPublicPeople(tx: Tx, rows: StaffProfileRow[], regionCodeOf: Map<string, string>): Promise<PublicPerson[]> {
  const regions = await findRegionRefs(tx, [...regionCodeOf.values()]);
  const venues = await venueRefs(tx, rows);
  return rows.map((row) => {
    const code = regionCodeOf.get(row.accountId)!;
    const ref = regions.get(code);
    return presentPublicPerson(row, { code, name: ref?.name ?? code, level: ref?.level ?? "city" }, row.venueId ? (venues.get(row.venueId) ?? null) : null);
  });
}

export type PeopleFilter = { role?: PublicRole; regionCode?: string; speciality?: Speciality; language?: DirectoryLanguage; q?: string; limit?: number; offset?: number };

/**
 * Listed people, by role, region (and under it), speciality, language and name.
 * The accounts module answers which accounts are active, hold which public role and
 * live where; this module's table answers the rest — two queries, no join across modules.
 */
export async function findPublicPeople(tx: Tx, filter: PeopleFilter): Promise<{ items: PublicPerson[]; total: number }> {
  let regionPath: string | null = null;
  if (filter.regionCode) {
    regionPath = await regionPathOf(tx, filter.regionCode);
    if (!regionPath) return { items: [], total: 0 };
  }
  const roles = filter.role ? [filter.role] : [...PUBLIC_ROLES];
  const accounts = await findActiveStaffUnder(tx, regionPath, roles);
  if (accounts.length === 0) return { items: [], total: 0 };
  // A profile counts under the role it shows, and only if its account still holds that role.
  const byRole = roles
    .map((role) => ({ role, ids: accounts.filter((a) => a.roles.includes(role)).map((a) => a.id) }))
    .filter((r) => r.ids.length > 0)
    .map((r) => and(eq(staffProfiles.publicRole, r.role), inArray(staffProfiles.accountId, r.ids))!);
  const conditions: SQL[] = [eq(staffProfiles.isListed, true), eq(staffProfiles.isHidden, false), or(...byRole)!];
  if (filter.speciality) conditions.push(sql`${filter.speciality} = any(${staffProfiles.specialities})`);
  if (filter.language) conditions.push(sql`${filter.language} = any(${staffProfiles.languages})`);
  if (filter.q) conditions.push(sql`${staffProfiles.displayName} like ${`%${escapeLike(filter.q)}%`}`);
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(staffProfiles)
    .where(where)
    .orderBy(asc(staffProfiles.displayName), asc(staffProfiles.id))
    .limit(filter.limit ?? 20)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(staffProfiles).where(where);
  const regionCodeOf = new Map(accounts.map((a) => [a.id, a.regionCode]));
  return { items: await presentPublicPeople(tx, rows, regionCodeOf), total };
}

/** One listed person by their public id, or null (unlisted, hidden, the account disabled or no longer in the role). */
export async function getPublicPerson(tx: Tx, id: string): Promise<PublicPerson | null> {
  const [row] = await tx.select().from(staffProfiles).where(eq(staffProfiles.id, id)).limit(1);
  if (!row) return null;
  const account = (await findStaffByIds(tx, [row.accountId])).get(row.accountId);
  if (!account || !isPublic(row, account)) return null;
  const [person] = await presentPublicPeople(tx, [row], new Map([[row.accountId, account.regionCode]]));
  return person;
}
