import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, isWithinScope, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { getVenue } from "../../venues/queries/find-venues.ts";
import { staffProfiles } from "../directory.tables.ts";
import { staffProfilePolicy } from "../directory.policy.ts";
import { publicRolesOf } from "../queries/my-profile.ts";
import type { SaveMyProfileInput } from "../directory.types.ts";

/** The fields whose change the audit entry names (never their values: a phone or an e-mail address is personal). */
const FIELDS = ["isListed", "displayName", "role", "officePhone", "isOfficePhonePublic", "email", "isEmailPublic", "venueId", "isVenuePublic", "specialities", "languages", "introduction"] as const;

/**
 * Saves the actor's own public profile (公开名片): there is no way to save someone
 * else's. The role must be one the account holds; the venue one of its scope.
 */
export async function saveMyProfile(tx: Tx, actor: Actor, input: SaveMyProfileInput, now: Date): Promise<string> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only staff have public profiles");
  staffProfilePolicy.authorize(actor, "update", { accountId: actor.id, regionPath: actor.regionPath });
  if (!publicRolesOf(actor).includes(input.role)) {
    throw new AppError("VALIDATION_FAILED", `Your account does not hold the role ${input.role}`, { field: "role" });
  }
  if (input.venueId) {
    const venue = await getVenue(tx, input.venueId);
    if (!venue || !isWithinScope(actor, venue.regionPath)) throw new AppError("VALIDATION_FAILED", "No such venue in your region", { field: "venueId" });
  }
  const values = {
    isListed: input.isListed,
    displayName: input.displayName,
    publicRole: input.role,
    officePhone: input.officePhone,
    isOfficePhonePublic: input.isOfficePhonePublic,
    email: input.email,
    isEmailPublic: input.isEmailPublic,
    venueId: input.venueId,
    isVenuePublic: input.isVenuePublic,
    specialities: input.specialities,
    languages: input.languages,
    introduction: input.introduction.trim(),
  };
  const [before] = await tx.select().from(staffProfiles).where(eq(staffProfiles.accountId, actor.id)).for("update").limit(1);
  let id: string;
  let changed: string[];
  if (before) {
    const old: Record<(typeof FIELDS)[number], unknown> = { ...before, role: before.publicRole };
    const next: Record<(typeof FIELDS)[number], unknown> = { ...values, role: values.publicRole };
    changed = FIELDS.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(next[f]));
    if (changed.length === 0) return before.id;
    await tx.update(staffProfiles).set({ ...values, updatedAt: now }).where(eq(staffProfiles.id, before.id));
    id = before.id;
  } else {
    changed = [...FIELDS];
    const [created] = await tx.insert(staffProfiles).values({ ...values, accountId: actor.id, createdAt: now, updatedAt: now }).returning({ id: staffProfiles.id });
    id = created.id;
  }
  // Which details are public after the change: what the public can now read.
  const isPublicNow = { officePhone: values.isOfficePhonePublic, email: values.isEmailPublic, venue: values.isVenuePublic };
  await recordAudit(tx, { actor, action: "directory.profile_save", entityType: "staff_profile", entityId: id, at: now, detail: { changed, isListed: values.isListed, role: values.publicRole, isPublic: isPublicNow } });
  return id;
}
