import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { materialChecklists, serviceSettings } from "../services.tables.ts";
import type { ServiceType } from "../service-catalogue.ts";
import { settingsPolicy } from "../services.policy.ts";
import type { ServiceSettingsInput } from "../services.types.ts";
import { serviceSettingsProblem } from "../settings-rules.ts";

/**
 * Replaces a service type's checklist, deadline rules and auto-dispatch switch
 * (admin). New deadlines apply to tickets taken in from now on; running ones keep theirs.
 */
export async function saveServiceSettings(tx: Tx, actor: Actor, serviceType: ServiceType, input: ServiceSettingsInput, now: Date): Promise<void> {
  settingsPolicy.authorize(actor, "update", null);
  const problem = serviceSettingsProblem(input);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const [previousSettings] = await tx.select().from(serviceSettings).where(eq(serviceSettings.serviceType, serviceType)).for("update");
  const [previousChecklist] = await tx.select().from(materialChecklists).where(eq(materialChecklists.serviceType, serviceType)).for("update");
  await tx
    .insert(serviceSettings)
    .values({ serviceType, isAutoDispatch: input.isAutoDispatch, deadlines: input.deadlines, updatedAt: now })
    .onConflictDoUpdate({ target: serviceSettings.serviceType, set: { isAutoDispatch: input.isAutoDispatch, deadlines: input.deadlines, updatedAt: now } });
  await tx
    .insert(materialChecklists)
    .values({ serviceType, items: input.checklist, updatedAt: now })
    .onConflictDoUpdate({ target: materialChecklists.serviceType, set: { items: input.checklist, updatedAt: now } });
  await recordAudit(tx, {
    actor,
    action: "settings.service_update",
    entityType: "service_settings",
    entityId: serviceType,
    at: now,
    detail: {
      ...input,
      previous: { checklist: previousChecklist?.items ?? null, deadlines: previousSettings?.deadlines ?? null, isAutoDispatch: previousSettings?.isAutoDispatch ?? null },
    },
  });
}
