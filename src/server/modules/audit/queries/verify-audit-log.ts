import { asc, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Key } from "../../../platform/keys.ts";
import { GENESIS_HASH } from "../../../platform/audit-chain.ts";
import { auditChainHead, auditLog } from "../audit.tables.ts";
import { walkAuditChain, type ChainedAuditEntry } from "../audit-chain.ts";

const BATCH = 2000;

/** The audit log's head (last seq and hash). */
export async function auditLogHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  const [head] = await tx.select({ seq: auditChainHead.seq, hash: auditChainHead.hash }).from(auditChainHead).where(eq(auditChainHead.id, 1));
  return head ?? { seq: 0, hash: "" };
}

/**
 * Re-checks the whole audit log chain under `keys`: seq without gaps, each link,
 * each HMAC, and the last entry against the head row. Reads it in batches.
 * Entries still unchained (legacy, seq null) are counted apart: after the first
 * start there are none, and one found later was inserted behind the chain's back.
 */
export async function verifyAuditLog(tx: Tx, keys: ReadonlyMap<string, Key>) {
  const head = await auditLogHead(tx);
  const result = await walkAuditChain(keys, head, async (afterSeq) => {
    const rows = await tx.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(BATCH);
    return rows as ChainedAuditEntry[];
  });
  const unchained = await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where seq is null`);
  const unchainedCount = Number(unchained.rows[0]?.n ?? 0);
  return {
    ...result,
    head,
    unchained: unchainedCount,
    verified: result.brokenAtSeq === null && unchainedCount === 0,
  };
}

/** The audit log chain's head as of `cutoff`: its entry with the highest seq among those made before it (0 and GENESIS if none). */
export async function auditLogHeadAsOf(tx: Tx, cutoff: Date): Promise<{ seq: number; hash: string }> {
  const result = await tx.execute<{ seq: number; hash: string }>(sql`
    select seq, hash from audit_log where at < ${cutoff} and seq is not null order by seq desc limit 1`);
  return result.rows[0] ?? { seq: 0, hash: GENESIS_HASH };
}
