import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { idNumberProblem, normalizeIdNumber } from "../../../platform/personal/identity.ts";
import type { CitizenActor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegionCached } from "../../regions/queries/cached-regions.ts";
import { citizens, type PortalLanguage } from "../citizens.tables.ts";
import { citizenPolicy } from "../citizens.policy.ts";

/** What a citizen may change of their own profile; a field left out is kept, null clears it. */
export type ProfileChanges = {
  name?: string | null;
  idNumber?: string | null;
  regionCode?: string | null;
  preferredLanguage?: PortalLanguage | null;
};

/**
 * A citizen changes their own profile. The ID number must pass GB 11643-1999
 * (check digit, a real birth date, not in the future: VALIDATION_FAILED naming
 * `idNumber`); the region must exist (UNKNOWN_REGION naming `regionCode`). The
 * name and ID number are sealed, the ID number with its lookup hash (tickets
 * keep applicants' the same way). Audited with the names of the fields changed,
 * never their values.
 */
export async function updateCitizenProfile(tx: Tx, actor: CitizenActor, protector: Protector, changes: ProfileChanges, now: Date): Promise<void> {
  citizenPolicy.authorize(actor, "update", { id: actor.id });
  const set: Partial<typeof citizens.$inferInsert> = {};
  if (changes.name !== undefined) set.nameEnc = changes.name === null ? null : protector.encrypt(changes.name);
  if (changes.idNumber !== undefined) {
    if (changes.idNumber === null) Object.assign(set, { idNumberEnc: null, idNumberHash: null });
    else {
      const idNumber = normalizeIdNumber(changes.idNumber);
      const problem = idNumberProblem(idNumber, now);
      if (problem) throw new AppError("VALIDATION_FAILED", `idNumber: ${problem}`, { field: "idNumber" });
      Object.assign(set, { idNumberEnc: protector.encrypt(idNumber), idNumberHash: protector.lookupHash(idNumber) });
    }
  }
  if (changes.regionCode !== undefined) {
    const region = changes.regionCode === null ? null : await resolveRegionCached(tx, changes.regionCode, "regionCode");
    Object.assign(set, { regionCode: region?.code ?? null, regionPath: region?.path ?? null });
  }
  if (changes.preferredLanguage !== undefined) set.preferredLanguage = changes.preferredLanguage;
  const fields = Object.keys(changes).filter((key) => changes[key as keyof ProfileChanges] !== undefined);
  if (fields.length === 0) return;
  await tx.update(citizens).set({ ...set, updatedAt: now }).where(eq(citizens.id, actor.id));
  await recordAudit(tx, { actor, action: "citizen.profile_update", entityType: "citizen", entityId: actor.id, at: now, detail: { fields } });
}
