import type { Tx } from "../../../platform/db/index.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { queryWordings } from "../knowledge.tables.ts";
import { wordingPolicy } from "../knowledge.policy.ts";
import type { CreateWordingInput } from "../query-wordings.types.ts";
import { checkWording } from "./update-query-wording.ts";

/** Adds a wording to the table (active unless said otherwise); searches apply it from the next request. */
export async function createQueryWording(tx: Tx, actor: Actor, input: CreateWordingInput, now: Date): Promise<string> {
  wordingPolicy.authorize(actor, "manage", null);
  const wording = { everyday: input.everyday.map((w) => w.trim()), legal: input.legal.trim() };
  await checkWording(tx, wording, null);
  const isActive = input.isActive ?? true;
  const [created] = await tx
    .insert(queryWordings)
    .values({ ...wording, isActive, createdBy: actor.id, createdAt: now, updatedAt: now })
    .returning({ id: queryWordings.id });
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: "query_wording.create",
    entityType: "query_wording",
    entityId: created.id,
    at: now,
    detail: { ...wording, isActive },
  });
  return created.id;
}
