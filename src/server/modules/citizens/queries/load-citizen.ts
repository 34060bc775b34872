import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { CitizenActor } from "../../../policies/actor.ts";
import { citizens, type CitizenRow } from "../citizens.tables.ts";

/**
 * The actor of a citizen session (the auth plugin's loader composes it with the
 * staff one, app.ts); null when the citizen is gone.
 */
export async function loadCitizenActor(tx: Tx, citizenId: string, ip: string | null): Promise<CitizenActor | null> {
  const [row] = await tx
    .select({ id: citizens.id, regionCode: citizens.regionCode, regionPath: citizens.regionPath, preferredLanguage: citizens.preferredLanguage })
    .from(citizens)
    .where(eq(citizens.id, citizenId))
    .limit(1);
  return row ? { kind: "citizen", ...row, ip } : null;
}

/** The citizen's row, for their own profile. */
export async function getCitizen(tx: Tx, citizenId: string): Promise<CitizenRow | null> {
  const [row] = await tx.select().from(citizens).where(eq(citizens.id, citizenId)).limit(1);
  return row ?? null;
}
