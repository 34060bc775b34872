import { randomBytes } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { hotlineSources } from "../hotline.tables.ts";
import { hotlineSourcePolicy } from "../hotline.policy.ts";
import type { CreateHotlineSourceInput } from "../hotline.types.ts";

/**
 * Registers a phone system that posts call events (an admin of its region). The
 * secret leaves the server in clear only in this answer; it is stored sealed, as
 * upstream clients' secrets are.
 */
export async function createHotlineSource(tx: Tx, actor: Actor, input: CreateHotlineSourceInput, now: Date, deps: { protector: Protector }) {
  const region = await resolveRegion(tx, input.regionCode);
  hotlineSourcePolicy.authorize(actor, "manage", { regionPath: region.path });
  const apiKey = `hl_${randomBytes(16).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  const [created] = await tx
    .insert(hotlineSources)
    .values({ name: input.name, apiKey, secret: deps.protector.encrypt(secret), regionCode: region.code, regionPath: region.path, isDisabled: false, createdBy: actor.kind === "staff" ? actor.id : null, createdAt: now })
    .returning();
  await recordAudit(tx, { actor, action: "hotline.source_create", entityType: "hotline_source", entityId: created.id, at: now, regionPath: region.path, detail: { name: input.name } });
  return { row: created, apiKey, secret };
}
