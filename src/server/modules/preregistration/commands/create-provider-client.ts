import { randomBytes } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findProviderById } from "../../directory/queries/find-routable-providers.ts";
import { providerApiClients } from "../preregistration.tables.ts";
import { canManageProviderClients } from "../preregistration.policy.ts";

/**
 * Issues a provider its credentials for the status API (an admin of the
 * provider's region). The secret leaves the server in clear only in this answer;
 * it is stored sealed, as upstream clients' secrets are.
 */
export async function createProviderClient(tx: Tx, actor: Actor, providerId: string, now: Date, deps: { protector: Protector }) {
  const provider = await findProviderById(tx, providerId);
  if (!provider || !canManageProviderClients(actor, provider.regionPath)) {
    throw new AppError("VALIDATION_FAILED", "No such provider in the region you administer", { field: "providerId" });
  }
  const apiKey = `pv_${randomBytes(16).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  const [created] = await tx
    .insert(providerApiClients)
    .values({ providerId, apiKey, secret: deps.protector.encrypt(secret), regionPath: provider.regionPath, isDisabled: false, createdBy: actor.kind === "staff" ? actor.id : null, createdAt: now })
    .returning();
  await recordAudit(tx, { actor, action: "preregistration.provider_client_create", entityType: "provider_api_client", entityId: created.id, at: now, regionPath: provider.regionPath, detail: { providerId, name: provider.name } });
  return { id: created.id, providerId, apiKey, secret, isDisabled: false, createdAt: now.toISOString() };
}
