import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, scopeCondition, type Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { assessmentBulletins } from "../assessment.tables.ts";
import { bulletinPolicy } from "../assessment.policy.ts";
import type { BulletinView } from "../assessment.types.ts";
import type { BulletinState } from "../bulletin.state.ts";
import { parsePeriod } from "../period.ts";

export type BulletinRow = typeof assessmentBulletins.$inferSelect;

export async function getBulletinRow(tx: Tx, id: string): Promise<BulletinRow | null> {
  const [row] = await tx.select().from(assessmentBulletins).where(eq(assessmentBulletins.id, id)).limit(1);
  return row ?? null;
}

export async function presentBulletins(tx: Tx, actor: Actor, rows: BulletinRow[]): Promise<BulletinView[]> {
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((r) => {
    const abilities = bulletinPolicy.abilities(actor, r);
    return {
      id: r.id,
      region: { code: r.regionCode, name: refs.get(r.regionCode)?.name ?? r.regionCode },
      period: r.period,
      periodLabel: parsePeriod(r.period)?.label ?? r.period,
      title: r.title,
      state: r.state,
      content: r.content,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      abilities: { edit: abilities.edit, review: abilities.review, return: abilities.return, publish: abilities.publish },
    };
  });
}

/** Bulletins in the actor's scope (the same rule as the detail route), newest first; under a region when given. */
export async function findBulletins(tx: Tx, actor: Actor, filter: { regionPath?: string; state?: BulletinState; limit?: number }): Promise<BulletinView[]> {
  const conditions: SQL[] = [scopeCondition(actor, assessmentBulletins.regionPath)];
  if (filter.regionPath) conditions.push(sql`${assessmentBulletins.regionPath} like ${`${escapeLike(filter.regionPath)}%`}`);
  if (filter.state) conditions.push(eq(assessmentBulletins.state, filter.state));
  const rows = await tx
    .select()
    .from(assessmentBulletins)
    .where(and(...conditions))
    .orderBy(desc(assessmentBulletins.createdAt), desc(assessmentBulletins.id))
    .limit(filter.limit ?? 50);
  return presentBulletins(tx, actor, rows);
}

/**
 * Published bulletins for the public portal: those of the region and of the regions
 * above it (a township's residents read the county's and the city's bulletins), newest first.
 */
export async function findPublishedBulletins(tx: Tx, regionPath: string, limit = 50): Promise<BulletinRow[]> {
  return tx
    .select()
    .from(assessmentBulletins)
    .where(and(eq(assessmentBulletins.state, "published"), sql`${regionPath} like ${assessmentBulletins.regionPath} || '%'`))
    .orderBy(desc(assessmentBulletins.publishedAt), desc(assessmentBulletins.id))
    .limit(limit);
}
