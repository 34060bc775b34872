import { and, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findRegionRefsCached, resolveRegionCached } from "../../regions/queries/cached-regions.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { knowledgeEntries, type KnowledgeEntryRow } from "../knowledge.tables.ts";
import { knowledgeEntryPolicy, knowledgeEntryScope } from "../knowledge.policy.ts";
import { allowedKnowledgeActions, paragraphsOf, type Citation, type KnowledgeKind, type KnowledgeStatus } from "../knowledge-rules.ts";
import type { CitationView, KnowledgeEntryView, PublicKnowledgeEntryView } from "../knowledge-entries.types.ts";
import { lookUpCitations } from "./resolve-citations.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

/** The entry, or null (also for an id that is not a uuid: the portal's addresses are typed by people). */
export async function getKnowledgeEntry(tx: Tx, id: string): Promise<KnowledgeEntryRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)).limit(1);
  return row ?? null;
}

export type KnowledgeEntryFilter = { limit?: number; offset?: number; kind?: KnowledgeKind; status?: KnowledgeStatus; category?: string; q?: string };

/** A page of the entries in the actor's scope, most recently changed first; the same scope rule as the detail route. */
export async function findKnowledgeEntries(tx: Tx, actor: Actor, filter: KnowledgeEntryFilter): Promise<{ items: KnowledgeEntryView[]; total: number }> {
  const conditions: SQL[] = [knowledgeEntryScope(actor)];
  if (filter.kind) conditions.push(eq(knowledgeEntries.kind, filter.kind));
  if (filter.status) conditions.push(eq(knowledgeEntries.status, filter.status));
  if (filter.category) conditions.push(eq(knowledgeEntries.category, filter.category));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(sql`${knowledgeEntries.title} like ${pattern}`, sql`${knowledgeEntries.body} like ${pattern}`)!);
  }
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(knowledgeEntries)
    .where(where)
    .orderBy(desc(knowledgeEntries.updatedAt), desc(knowledgeEntries.id))
    .limit(filter.limit ?? 20)
    .offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(knowledgeEntries).where(where);
  return { items: await presentKnowledgeEntries(tx, actor, rows), total };
}

/**
 * The citations of several entries as shown now: each resolved to the current
 * version of its law (lawId and anchor for the reader), null where none has it.
 */
async function presentCitations(tx: Tx, lists: Citation[][]): Promise<CitationView[][]> {
  const flat = lists.flat();
  const found = await lookUpCitations(tx, flat);
  let k = 0;
  return lists.map((list) =>
    list.map((citation) => {
      const hit = found[k++];
      return { lawTitle: citation.lawTitle, articleNo: citation.articleNo, lawId: hit?.lawId ?? null, anchor: hit?.anchor ?? null };
    }),
  );
}

export async function presentKnowledgeEntries(tx: Tx, actor: Actor, rows: KnowledgeEntryRow[]): Promise<KnowledgeEntryView[]> {
  if (rows.length === 0) return [];
  const regions = await findRegionRefsCached(tx, rows.map((r) => r.regionCode));
  const authors = await findStaffNames(tx, rows.map((r) => r.authorId));
  const citations = await presentCitations(tx, rows.map((r) => r.citations));
  return rows.map((row, i) => {
    const region = regions.get(row.regionCode);
    const abilities = knowledgeEntryPolicy.abilities(actor, row);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      category: row.category,
      citations: citations[i],
      status: row.status,
      region: { code: row.regionCode, name: region?.name ?? row.regionCode, level: region?.level ?? "city" },
      author: row.authorId ? { id: row.authorId, displayName: authors.get(row.authorId) ?? "" } : null,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      abilities,
      allowedActions: allowedKnowledgeActions(row.status).filter((action) => abilities[action]),
    };
  });
}

/** "/990000/990100/990102/" → ["/990000/", "/990000/990100/", "/990000/990100/990102/"]. */
export function pathsAbove(path: string): string[] {
  const codes = path.split("/").filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join("/")}/`);
}

/**
 * A published entry as the portal shows it, or null (drafts, withdrawn and unknown
 * ids alike). With the visitor's region, only an entry of that region or one of its
 * ancestors (a city's answer reaches its villages, a neighbouring county's does not;
 * one filed at the root reaches everyone); without one, any published entry.
 */
export async function getPublishedKnowledgeEntry(tx: Tx, id: string, regionCode?: string): Promise<PublicKnowledgeEntryView | null> {
  const row = await getKnowledgeEntry(tx, id);
  if (regionCode) {
    const region = await resolveRegionCached(tx, regionCode);
    if (row && !pathsAbove(region.path).includes(row.regionPath)) return null;
  }
  if (!row || row.status !== "published") return null;
  const regions = await findRegionRefsCached(tx, [row.regionCode]);
  const [citations] = await presentCitations(tx, [row.citations]);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    paragraphs: paragraphsOf(row.body),
    category: row.category,
    citations,
    region: { code: row.regionCode, name: regions.get(row.regionCode)?.name ?? row.regionCode },
    publishedAt: row.publishedAt!.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Entries by id, for the audit log's names. */
export async function findKnowledgeEntryTitles(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: knowledgeEntries.id, title: knowledgeEntries.title }).from(knowledgeEntries).where(inArray(knowledgeEntries.id, wanted));
  return new Map(rows.map((r) => [r.id, r.title]));
}
