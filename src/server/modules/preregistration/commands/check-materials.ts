import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { preregistrations } from "../preregistration.tables.ts";
import { preregistrationPolicy } from "../preregistration.policy.ts";
import { isFinal } from "../preregistration.state.ts";

/**
 * The checklist ticked again (by the applicant, or the window checking what was
 * brought): exactly the keys sent are checked. Not once the provider has finished.
 */
export async function checkMaterials(tx: Tx, actor: Actor, id: string, checked: string[], now: Date): Promise<void> {
  const [row] = await tx.select().from(preregistrations).where(eq(preregistrations.id, id)).for("update").limit(1);
  if (!row) throw notFound("Pre-registration");
  preregistrationPolicy.authorize(actor, "checkMaterials", row);
  if (isFinal(row.status)) throw new AppError("INVALID_TRANSITION", `A ${row.status} pre-registration's materials no longer change`, { field: "checked" });
  const keys = new Set(row.materials.map((m) => m.key));
  const unknown = checked.findIndex((key) => !keys.has(key));
  if (unknown !== -1) throw new AppError("VALIDATION_FAILED", `${checked[unknown]} is not on this checklist`, { field: `checked[${unknown}]` });
  const wanted = new Set(checked);
  await tx.update(preregistrations).set({ materials: row.materials.map((m) => ({ ...m, isChecked: wanted.has(m.key) })), updatedAt: now }).where(eq(preregistrations.id, id));
  if (actor.kind === "staff") {
    await recordAudit(tx, { actor, action: "preregistration.check_materials", entityType: "preregistration", entityId: id, at: now, regionPath: row.regionPath, detail: { checked } });
  }
}
