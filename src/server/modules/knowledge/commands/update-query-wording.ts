import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { queryWordings } from "../knowledge.tables.ts";
import { wordingPolicy } from "../knowledge.policy.ts";
import type { UpdateWordingInput } from "../query-wordings.types.ts";
import { isUuid } from "../queries/find-knowledge-entries.ts";

/** Locks a wording for a change, or NOT_FOUND. */
export async function lockQueryWording(tx: Tx, id: string) {
  if (!isUuid(id)) throw notFound("Wording");
  const [row] = await tx.select().from(queryWordings).where(eq(queryWordings.id, id)).for("update").limit(1);
  if (!row) throw notFound("Wording");
  return row;
}

/**
 * A wording's words are distinct, and no other wording pairs the same words (in
 * any order: 离婚 孩子 is 孩子 离婚) with the same legal term.
 */
export async function checkWording(tx: Tx, wording: { everyday: string[]; legal: string }, exceptId: string | null): Promise<void> {
  const seen = new Set<string>();
  wording.everyday.forEach((word, i) => {
    const key = word.normalize("NFKC").toLowerCase();
    if (seen.has(key)) throw new AppError("VALIDATION_FAILED", `${word} appears twice`, { field: `everyday[${i}]` });
    seen.add(key);
  });
  const sorted = [...wording.everyday].sort();
  const [clash] = await tx
    .select({ id: queryWordings.id })
    .from(queryWordings)
    .where(
      and(
        eq(queryWordings.legal, wording.legal),
        sql`array(select w from unnest(${queryWordings.everyday}) as w order by w collate "C") = ${sql.param(sorted)}::text[]`,
        exceptId ? ne(queryWordings.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw new AppError("CONFLICT", "The table already has these words with this legal term", { field: "everyday", extra: { existingId: clash.id } });
}

/** Changes a wording: its words, its legal term, or whether searches apply it. */
export async function updateQueryWording(tx: Tx, actor: Actor, id: string, input: UpdateWordingInput, now: Date): Promise<void> {
  wordingPolicy.authorize(actor, "manage", null);
  const row = await lockQueryWording(tx, id);
  const wording = { everyday: input.everyday?.map((w) => w.trim()) ?? row.everyday, legal: input.legal?.trim() ?? row.legal };
  if (input.everyday || input.legal !== undefined) await checkWording(tx, wording, id);
  const isActive = input.isActive ?? row.isActive;
  await tx.update(queryWordings).set({ ...wording, isActive, updatedAt: now }).where(eq(queryWordings.id, id));
  expireCacheVersions(tx);
  await recordAudit(tx, {
    actor,
    action: "query_wording.update",
    entityType: "query_wording",
    entityId: id,
    at: now,
    detail: { changed: Object.keys(input), ...wording, isActive, previous: { everyday: row.everyday, legal: row.legal, isActive: row.isActive } },
  });
}
