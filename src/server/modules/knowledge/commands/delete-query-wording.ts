import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { queryWordings } from "../knowledge.tables.ts";
import { wordingPolicy } from "../knowledge.policy.ts";
import { lockQueryWording } from "./update-query-wording.ts";

/**
 * Removes a wording. Its words and term stay in the audit entry. A shipped one
 * removed is not put back by the next start (query_wordings_shipped remembers it).
 */
export async function deleteQueryWording(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  wordingPolicy.authorize(actor, "manage", null);
  const row = await lockQueryWording(tx, id);
  await tx.delete(queryWordings).where(eq(queryWordings.id, id));
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: "query_wording.delete",
    entityType: "query_wording",
    entityId: id,
    at: now,
    detail: { everyday: row.everyday, legal: row.legal, isActive: row.isActive },
  });
}
