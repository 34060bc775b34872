import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { RegionRow } from "../../regions/queries/resolve-region.ts";
import { serviceSettings } from "../services.tables.ts";
import type { ServiceType } from "../service-catalogue.ts";
import { settingsPolicy } from "../services.policy.ts";
import type { ServiceSettingsInput } from "../services.types.ts";
import { serviceSettingsProblem } from "../settings-rules.ts";
import { ownSettings, settingsAt } from "../queries/find-service-settings.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";

type Node = Pick<RegionRow, "code" | "name" | "path">;

const previousOf = (row: Awaited<ReturnType<typeof ownSettings>>) =>
  row ? { checklist: row.checklist, deadlines: row.deadlines, isAutoDispatch: row.isAutoDispatch } : null;

/**
 * Sets a region node's own checklist, deadline rules and auto-dispatch switch for
 * a service type (admin of the node or above). They apply to matters of the node
 * and of every node below that has none of its own, for tickets taken in from now
 * on; running deadlines keep theirs.
 */
export async function saveServiceSettings(tx: Tx, actor: Actor, node: Node, serviceType: ServiceType, input: ServiceSettingsInput, now: Date): Promise<void> {
  settingsPolicy.authorize(actor, "update", { regionPath: node.path });
  const problem = serviceSettingsProblem(input);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const previous = await ownSettings(tx, node.code, serviceType, { forUpdate: true });
  const values = { checklist: input.checklist, deadlines: input.deadlines, isAutoDispatch: input.isAutoDispatch, updatedAt: now };
  await tx
    .insert(serviceSettings)
    .values({ regionCode: node.code, regionPath: node.path, serviceType, ...values })
    .onConflictDoUpdate({ target: [serviceSettings.regionCode, serviceSettings.serviceType], set: values });
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: "settings.service_update",
    entityType: "service_settings",
    entityId: `${node.code}:${serviceType}`,
    at: now,
    regionPath: node.path,
    detail: { regionCode: node.code, regionName: node.name, serviceType, ...input, previous: previousOf(previous) },
  });
}

/**
 * Removes a node's own settings for a service type, so it inherits again from
 * its nearest ancestor with settings (or the shipped defaults). Returns whether
 * there was anything to remove; a node that already inherits is left alone.
 */
export async function resetServiceSettings(tx: Tx, actor: Actor, node: Node, serviceType: ServiceType, now: Date): Promise<boolean> {
  settingsPolicy.authorize(actor, "update", { regionPath: node.path });
  const previous = await ownSettings(tx, node.code, serviceType, { forUpdate: true });
  if (!previous) return false;
  await tx.delete(serviceSettings).where(and(eq(serviceSettings.regionCode, node.code), eq(serviceSettings.serviceType, serviceType)));
  expireCacheVersions(tx);
  const inherited = await settingsAt(tx, serviceType, node.path);
  await recordAudit(tx, {
    actor,
    action: "settings.service_reset",
    entityType: "service_settings",
    entityId: `${node.code}:${serviceType}`,
    at: now,
    regionPath: node.path,
    detail: { regionCode: node.code, regionName: node.name, serviceType, previous: previousOf(previous), inheritsFrom: inherited.sourceRegionCode ?? "default" },
  });
  return true;
}
