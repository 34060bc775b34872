import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { sealAuditEntry } from "../audit-chain.ts";

const BATCH = 1000;

/**
 * Chains the audit entries written before migration 0013 (seq null) under the
 * audit key, in id order, after the chain's current head. They were never
 * chained before, so there is nothing older to check; from now on they are
 * covered like any entry. Holds the head's lock for the whole run (first start
 * only: nothing else is writing yet). Returns how many entries it chained.
 */
export async function rechainLegacyAuditLog(tx: Tx): Promise<number> {
  const headRows = await tx.execute<{ seq: number; hash: string }>(sql`select seq, hash from audit_chain_head where id = 1 for update`);
  let head = headRows.rows[0];
  let done = 0;
  for (;;) {
    const batch = await tx.execute<{
      id: number;
      at: Date | string;
      actor_kind: string;
      actor_id: string | null;
      actor_username: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
      ip: string | null;
      region_path: string | null;
      detail: Record<string, unknown>;
    }>(sql`select id, at, actor_kind, actor_id, actor_username, action, entity_type, entity_id, ip, region_path, detail
           from audit_log where seq is null order by id limit ${BATCH}`);
    if (batch.rows.length === 0) break;
    const sealed = batch.rows.map((row) => {
      const entry = sealAuditEntry(tx, head, {
        at: new Date(row.at),
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        actorUsername: row.actor_username,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        ip: row.ip,
        regionPath: row.region_path,
        detail: row.detail,
      });
      head = { seq: entry.seq, hash: entry.hash };
      return { id: row.id, seq: entry.seq, key_id: entry.keyId, prev_hash: entry.prevHash, hash: entry.hash };
    });
    // One statement per batch; the append-only trigger lets a legacy row be keyed once, its content untouched.
    await tx.execute(sql`
      update audit_log a set seq = v.seq, key_id = v.key_id, prev_hash = v.prev_hash, hash = v.hash
      from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as v(id bigint, seq bigint, key_id text, prev_hash text, hash text)
      where a.id = v.id`);
    done += sealed.length;
  }
  if (done > 0) await tx.execute(sql`update audit_chain_head set seq = ${head.seq}, hash = ${head.hash} where id = 1`);
  return done;
}
