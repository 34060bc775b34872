import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { settingsProblem, type CallbackSettings } from "../hotline-callbacks.rules.ts";
import { callbackSettingsPolicy } from "../hotline.policy.ts";
import { hotlineCallbackSettings } from "../hotline.tables.ts";

/** A bureau sets its own callback, survey and quality settings (its admins); audited with the old and new values. */
export async function saveCallbackSettings(tx: Tx, actor: Actor, regionCode: string, settings: CallbackSettings, now: Date): Promise<void> {
  const region = await resolveRegion(tx, regionCode);
  callbackSettingsPolicy.authorize(actor, "update", { regionPath: region.path });
  const problem = settingsProblem(settings);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  await tx
    .insert(hotlineCallbackSettings)
    .values({ regionCode: region.code, regionPath: region.path, settings, updatedBy: actor.kind === "staff" ? actor.id : null, updatedAt: now })
    .onConflictDoUpdate({ target: hotlineCallbackSettings.regionCode, set: { settings, updatedBy: actor.kind === "staff" ? actor.id : null, updatedAt: now } });
  await recordAudit(tx, { actor, action: "hotline.callback_settings_update", entityType: "region", entityId: region.code, at: now, regionPath: region.path, detail: { settings } });
}
