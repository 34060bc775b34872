import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { versionedCache } from "../../../platform/cache.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { queryWordings, type QueryWordingRow } from "../knowledge.tables.ts";
import { wordingPolicy } from "../knowledge.policy.ts";
import type { WordingView } from "../query-wordings.types.ts";
import { isUuid } from "./find-knowledge-entries.ts";

/** A wording a search applies: when every everyday word is in the question, the legal term is added. */
export type ActiveWording = { readonly id: string; readonly everyday: readonly string[]; readonly legal: string };

const active = versionedCache<"all", readonly ActiveWording[]>("query_wordings", async (tx) => {
  const rows = await tx
    .select({ id: queryWordings.id, everyday: queryWordings.everyday, legal: queryWordings.legal })
    .from(queryWordings)
    .where(eq(queryWordings.isActive, true))
    .orderBy(asc(queryWordings.createdAt), asc(queryWordings.id));
  return new Map([["all", Object.freeze(rows.map((row) => Object.freeze({ ...row, everyday: Object.freeze([...row.everyday]) })))]]);
});

/**
 * The active wordings, for the law search (queries/search-knowledge.ts) and the
 * assistant. Kept in process (platform/cache.ts, the `query_wordings` version that
 * migration 0025's trigger bumps): a change in any process is seen by the next staff
 * request, and by other lookups within a second. Shared and frozen: do not change.
 * Which of them a question uses: `wordingsUsed` in knowledge-rules.ts.
 */
export async function activeWordings(tx: Tx): Promise<readonly ActiveWording[]> {
  return active.get(tx, "all");
}

/** The wording, or null. */
export async function getWording(tx: Tx, id: string): Promise<QueryWordingRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(queryWordings).where(eq(queryWordings.id, id)).limit(1);
  return row ?? null;
}

/** The wording table for the workbench: the newest first (what was just added is on top), the starter set by its terms. */
export async function findWordings(
  tx: Tx,
  actor: Actor,
  filter: { limit?: number; offset?: number; isActive?: boolean; q?: string },
): Promise<{ items: WordingView[]; total: number; abilities: { manage: boolean } }> {
  const conditions: SQL[] = [];
  if (filter.isActive !== undefined) conditions.push(eq(queryWordings.isActive, filter.isActive));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(sql`(${queryWordings.legal} like ${pattern} or array_to_string(${queryWordings.everyday}, ' ') like ${pattern})`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await tx
    .select()
    .from(queryWordings)
    .where(where)
    .orderBy(desc(queryWordings.createdAt), asc(queryWordings.legal), asc(queryWordings.everyday))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(queryWordings).where(where);
  return { items: await presentWordings(tx, rows), total, abilities: { manage: wordingPolicy.can(actor, "manage", null) } };
}

export async function presentWordings(tx: Tx, rows: QueryWordingRow[]): Promise<WordingView[]> {
  const names = await findStaffNames(tx, rows.map((r) => r.createdBy));
  return rows.map((row) => ({
    id: row.id,
    everyday: row.everyday,
    legal: row.legal,
    isActive: row.isActive,
    createdBy: row.createdBy ? { id: row.createdBy, displayName: names.get(row.createdBy) ?? "" } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** Wordings by id, for the audit log's names ("老板 不发工资 → 拖欠劳动报酬"). */
export async function findWordingLabels(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const rows = await tx.select().from(queryWordings).where(inArray(queryWordings.id, wanted));
  return new Map(rows.map((r) => [r.id, wordingLabel(r)]));
}

export const wordingLabel = (wording: { everyday: readonly string[]; legal: string }) => `${wording.everyday.join(" ")} → ${wording.legal}`;
