import { sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/index.ts";
import { expireCacheVersions } from "../../platform/cache.ts";
import { SHIPPED_WORDINGS, shippedWordingKey, type ShippedWording } from "./shipped-wordings.ts";

/**
 * Puts the shipped starter wordings in place, each once per database: a wording
 * whose key query_wordings_shipped already holds is never put in again, so one that
 * staff edited, deactivated or deleted stays as they left it; one that staff had
 * already added themselves (the same words and term) is left as it is. Idempotent,
 * and safe when several processes start at once (both inserts skip conflicts).
 * Returns how many wordings it added.
 */
export async function ensureShippedWordings(tx: Tx, now: Date, shipped: readonly ShippedWording[] = SHIPPED_WORDINGS): Promise<number> {
  const keys = shipped.map(shippedWordingKey);
  // The common case, every start after the first: one probe, nothing written (and no cache version bumped).
  const { rows } = await tx.execute<{ key: string }>(sql`
    select k.key from unnest(${sql.param(keys)}::text[]) as k(key)
    where not exists (select 1 from query_wordings_shipped s where s.key = k.key)`);
  if (rows.length === 0) return 0;
  const missing = new Set(rows.map((r) => r.key));
  const fresh = shipped.filter((w) => missing.has(shippedWordingKey(w))).map((w) => ({ key: shippedWordingKey(w), everyday: w.everyday, legal: w.legal }));
  const added = await tx.execute<{ id: string }>(sql`
    with fresh as (
      select f.key, array(select jsonb_array_elements_text(f.everyday)) as everyday, f.legal
      from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as f(key text, everyday jsonb, legal text)
    ), recorded as (
      insert into query_wordings_shipped (key, shipped_at)
      select key, ${now} from fresh
      on conflict (key) do nothing
      returning key
    )
    insert into query_wordings (everyday, legal, is_active, created_by, created_at, updated_at)
    select fresh.everyday, fresh.legal, true, null, ${now}, ${now} from fresh join recorded using (key)
    on conflict (everyday, legal) do nothing
    returning id`);
  expireCacheVersions(tx);
  return added.rows.length;
}
