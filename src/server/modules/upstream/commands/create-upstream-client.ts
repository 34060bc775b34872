import { randomBytes } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { upstreamClients } from "../upstream.tables.ts";
import { upstreamClientPolicy } from "../upstream.policy.ts";
import { callbackUrlProblem } from "../callback-address.ts";
import type { CreateUpstreamClientInput } from "../upstream.types.ts";

/**
 * Registers a platform above that may send tickets for matters in `regionCode`.
 * Returns the API key and the secret: the only time the secret leaves the
 * server in clear (it is stored sealed by the protector).
 */
export async function createUpstreamClient(
  tx: Tx,
  actor: Actor,
  input: CreateUpstreamClientInput,
  now: Date,
  deps: { protector: Protector; allowedHosts: readonly string[] },
): Promise<{ id: string; apiKey: string; secret: string }> {
  const region = await resolveRegion(tx, input.regionCode);
  if (!upstreamClientPolicy.can(actor, "manage", { regionPath: region.path })) throw new AppError("FORBIDDEN", "You may not register upstream clients for this region");
  const callbackUrl = input.callbackUrl?.trim() || null;
  if (callbackUrl) {
    // Public addresses only (no loopback, private or link-local: SSRF), unless an admin allowed the host.
    const problem = await callbackUrlProblem(callbackUrl, { allowedHosts: deps.allowedHosts });
    if (problem) throw new AppError("VALIDATION_FAILED", `callbackUrl ${problem}`, { field: "callbackUrl" });
  }
  const apiKey = `up_${randomBytes(16).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  const [created] = await tx
    .insert(upstreamClients)
    .values({ name: input.name.trim(), apiKey, secret: deps.protector.encrypt(secret), callbackUrl, regionCode: region.code, regionPath: region.path, isDisabled: false, createdAt: now })
    .returning({ id: upstreamClients.id });
  await recordAudit(tx, {
    actor,
    action: "upstream_client.create",
    entityType: "upstream_client",
    entityId: created.id,
    at: now,
    regionPath: region.path,
    detail: { name: input.name.trim(), regionCode: region.code, callbackUrl },
  });
  return { id: created.id, apiKey, secret };
}
