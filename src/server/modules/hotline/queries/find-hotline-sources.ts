import { desc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { hotlineSources, type HotlineSourceRow } from "../hotline.tables.ts";
import { hotlineSourceScope } from "../hotline.policy.ts";

/** The phone systems of the actor's region (admins). */
export const findHotlineSources = (tx: Tx, actor: Actor) =>
  tx.select().from(hotlineSources).where(hotlineSourceScope(actor, hotlineSources.regionPath)).orderBy(desc(hotlineSources.createdAt));

export async function getHotlineSource(tx: Tx, id: string): Promise<HotlineSourceRow | null> {
  const [row] = await tx.select().from(hotlineSources).where(eq(hotlineSources.id, id)).limit(1);
  return row ?? null;
}

/** Never the key itself: its first characters tell sources apart. */
export const presentHotlineSource = (row: HotlineSourceRow) => ({
  id: row.id,
  name: row.name,
  apiKeyPrefix: row.apiKey.slice(0, 8),
  region: { code: row.regionCode },
  isDisabled: row.isDisabled,
  createdAt: row.createdAt.toISOString(),
});
