import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { StaffActor } from "../../../policies/actor.ts";
import { findVenues } from "../../venues/queries/find-venues.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { staffProfiles } from "../directory.tables.ts";
import { PUBLIC_ROLES, type PublicRole } from "../directory-rules.ts";
import { isPublic, presentPublicPeople } from "./public-people.ts";

/** The public roles this account holds: the ones it may appear under. */
export const publicRolesOf = (actor: StaffActor): PublicRole[] => PUBLIC_ROLES.filter((role) => actor.roles.includes(role));

/**
 * The signed-in person's own profile, what the public sees of it now (the same
 * presenter as the public routes, so the preview cannot differ), and what the form may offer.
 */
export async function getMyProfile(tx: Tx, actor: StaffActor) {
  const [row] = await tx.select().from(staffProfiles).where(eq(staffProfiles.accountId, actor.id)).limit(1);
  const venues = await findVenues(tx, actor, { limit: 200 });
  const options = { roles: publicRolesOf(actor), venues: venues.items.map((v) => ({ id: v.id, name: v.name })), defaultDisplayName: actor.displayName };
  if (!row) return { profile: null, publicView: null, options };
  const account = (await findStaffByIds(tx, [actor.id])).get(actor.id);
  const publicView = isPublic(row, account) ? (await presentPublicPeople(tx, [row], new Map([[row.accountId, account!.regionCode]])))[0] : null;
  return {
    profile: {
      id: row.id,
      updatedAt: row.updatedAt.toISOString(),
      isListed: row.isListed,
      isHidden: row.isHidden,
      hiddenReason: row.hiddenReason,
      displayName: row.displayName,
      role: row.publicRole,
      officePhone: row.officePhone,
      isOfficePhonePublic: row.isOfficePhonePublic,
      email: row.email,
      isEmailPublic: row.isEmailPublic,
      venueId: row.venueId,
      isVenuePublic: row.isVenuePublic,
      specialities: [...row.specialities],
      languages: [...row.languages],
      introduction: row.introduction,
    },
    publicView,
    options,
  };
}
