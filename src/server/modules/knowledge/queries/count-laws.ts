import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";

/** Whether any law has been imported. */
export async function hasLaws(tx: Tx): Promise<boolean> {
  const { rows } = await tx.execute<{ is_any: boolean }>(sql`select exists (select 1 from laws) as is_any`);
  return rows[0].is_any;
}

/** How many stored laws have one of these source keys, and how many have another. */
export async function countLawsBySource(tx: Tx, sourceKeys: string[]): Promise<{ matching: number; others: number }> {
  const { rows } = await tx.execute<{ matching: number; others: number }>(sql`
    select count(*) filter (where source_key = any(${sql.param(sourceKeys)}::text[]))::int as matching,
           count(*) filter (where source_key <> all(${sql.param(sourceKeys)}::text[]))::int as others
    from laws`);
  return rows[0];
}
