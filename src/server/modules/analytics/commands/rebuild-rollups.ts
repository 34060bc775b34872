import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";

/**
 * Recomputes every rollup row from the tickets and their trail (the SQL function
 * analytics_rebuild() of migration 0040, which also ran as the upgrade's
 * backfill). For `santai rebuild-analytics`, the tests and the benchmark. Takes
 * the rollup table's lock so no ticket transaction adds to it meanwhile.
 */
export async function rebuildAnalyticsRollups(tx: Tx): Promise<number> {
  await tx.execute(sql`lock table analytics_daily in exclusive mode`);
  const result = await tx.execute<{ n: string }>(sql`select analytics_rebuild() as n`);
  return Number(result.rows[0].n);
}
