import { randomBytes } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { upstreamClients } from "../upstream.tables.ts";
import { upstreamClientPolicy } from "../upstream.policy.ts";
import type { CreateUpstreamClientInput } from "../upstream.types.ts";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * Callbacks carry citizens' ticket numbers and statuses: https only, except to
 * this machine (a local relay, or the tests' receiver).
 */
export function callbackUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return "must be https (http only to 127.0.0.1 or localhost)";
}

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
  deps: { protector: Protector },
): Promise<{ id: string; apiKey: string; secret: string }> {
  const region = await resolveRegion(tx, input.regionCode);
  if (!upstreamClientPolicy.can(actor, "manage", { regionPath: region.path })) throw new AppError("FORBIDDEN", "You may not register upstream clients for this region");
  const callbackUrl = input.callbackUrl?.trim() || null;
  if (callbackUrl) {
    const problem = callbackUrlProblem(callbackUrl);
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
