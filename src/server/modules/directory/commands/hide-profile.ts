import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { staffProfiles } from "../directory.tables.ts";
import { staffProfilePolicy } from "../directory.policy.ts";
import { ownerOf } from "../queries/find-staff-profiles.ts";
import type { HideProfileInput } from "../directory.types.ts";

/**
 * An admin of the owner's region (or above) hides a profile from the public, with a
 * reason, or shows it again. The owner's own choices are left as they are.
 */
export async function setProfileHidden(tx: Tx, actor: Actor, id: string, input: HideProfileInput, now: Date): Promise<void> {
  const [row] = await tx.select().from(staffProfiles).where(eq(staffProfiles.id, id)).for("update").limit(1);
  if (!row) throw notFound("Staff profile");
  const owner = await ownerOf(tx, row);
  staffProfilePolicy.authorize(actor, "hide", owner);
  const reason = input.reason?.trim() ?? "";
  if (input.isHidden && !reason) throw new AppError("VALIDATION_FAILED", "Say why the profile is hidden", { field: "reason" });
  if (row.isHidden === input.isHidden && (!input.isHidden || row.hiddenReason === reason)) return;
  await tx.update(staffProfiles).set({ isHidden: input.isHidden, hiddenReason: input.isHidden ? reason : "", updatedAt: now }).where(eq(staffProfiles.id, id));
  const action = input.isHidden ? "directory.profile_hide" : "directory.profile_unhide";
  await recordAudit(tx, { actor, action, entityType: "staff_profile", entityId: id, at: now, regionPath: owner.regionPath, detail: input.isHidden ? { reason } : {} });
}
