import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { auditChainKeys } from "../../../platform/audit-chain.ts";
import { eventHash, GENESIS_HASH, legacyEventHash } from "../audit-chain.ts";

export type LegacyRechainReport = { tickets: number; events: number; legacyBroken: { ticketId: string; number: string; brokenAtSeq: number }[] };

type LegacyRow = {
  id: number;
  ticket_id: string;
  seq: number;
  at: Date | string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  type: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

/**
 * Re-chains one batch of tickets whose events predate migration 0013 (key_id
 * null) under the audit key. Each ticket's old unkeyed chain is checked first:
 * where it was already broken, the report says so (and the audit log records
 * it), because re-chaining seals what is there. Returns the batch's report;
 * call again until it reports no tickets.
 */
export async function rechainLegacyTicketEvents(tx: Tx, limit = 200): Promise<LegacyRechainReport> {
  const { signing } = auditChainKeys(tx);
  const ids = await tx.execute<{ id: string; number: string }>(sql`
    select t.id, t.number from tickets t
    where t.id in (select distinct ticket_id from ticket_events where key_id is null limit ${limit})
    order by t.id for update`);
  if (ids.rows.length === 0) return { tickets: 0, events: 0, legacyBroken: [] };
  const rows = await tx.execute<LegacyRow>(sql`
    select id, ticket_id, seq, at, actor_kind, actor_id, actor_name, type, data, prev_hash, hash from ticket_events
    where ticket_id in (select (jsonb_array_elements_text(${JSON.stringify(ids.rows.map((r) => r.id))}::jsonb))::uuid) and key_id is null
    order by ticket_id, seq`);
  const numbers = new Map(ids.rows.map((r) => [r.id, r.number]));
  const report: LegacyRechainReport = { tickets: ids.rows.length, events: rows.rows.length, legacyBroken: [] };
  const updates: { id: number; key_id: string; prev_hash: string; hash: string }[] = [];
  const heads: { id: string; seq: number; hash: string }[] = [];
  let current: string | null = null;
  let legacyPrev = GENESIS_HASH;
  let prev = GENESIS_HASH;
  let isBroken = false;
  let lastSeq = 0;
  const finish = () => {
    if (current) heads.push({ id: current, seq: lastSeq, hash: prev });
  };
  for (const row of rows.rows) {
    if (row.ticket_id !== current) {
      finish();
      current = row.ticket_id;
      legacyPrev = GENESIS_HASH;
      prev = GENESIS_HASH;
      isBroken = false;
    }
    const at = new Date(row.at);
    const event = { ticketId: row.ticket_id, seq: row.seq, at, actorKind: row.actor_kind, actorId: row.actor_id, actorName: row.actor_name, type: row.type, data: row.data };
    if (!isBroken && (row.prev_hash !== legacyPrev || legacyEventHash(legacyPrev, event) !== row.hash)) {
      isBroken = true;
      report.legacyBroken.push({ ticketId: row.ticket_id, number: numbers.get(row.ticket_id) ?? "", brokenAtSeq: row.seq });
    }
    legacyPrev = row.hash;
    const hash = eventHash(signing, prev, event);
    updates.push({ id: row.id, key_id: signing.id, prev_hash: prev, hash });
    prev = hash;
    lastSeq = row.seq;
  }
  finish();
  // Two statements per batch; the append-only trigger lets a legacy row be keyed once, its content untouched.
  await tx.execute(sql`
    update ticket_events e set key_id = v.key_id, prev_hash = v.prev_hash, hash = v.hash
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, key_id text, prev_hash text, hash text)
    where e.id = v.id`);
  await tx.execute(sql`
    update tickets t set chain_seq = v.seq, chain_hash = v.hash
    from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as v(id uuid, seq integer, hash text)
    where t.id = v.id`);
  return report;
}
