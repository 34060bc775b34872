import { auditChainKeys, chainMac, GENESIS_HASH, isSameMac } from "../../platform/audit-chain.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Key } from "../../platform/keys.ts";

/** Every stored column of an audit entry but its id (a serial taken before commit, not content). */
export type AuditContent = {
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  regionPath: string | null;
  detail: Record<string, unknown>;
};

export type ChainedAuditEntry = AuditContent & { keyId: string | null; prevHash: string | null; hash: string | null };

const AUDIT_DOMAIN = "santai/audit-log/v1";

const contentOf = (entry: AuditContent, keyId: string | null) => ({
  seq: entry.seq,
  at: entry.at.toISOString(),
  actorKind: entry.actorKind,
  actorId: entry.actorId,
  actorUsername: entry.actorUsername,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId,
  ip: entry.ip,
  regionPath: entry.regionPath,
  detail: entry.detail,
  keyId,
});

/** HMAC-SHA256 under the audit key over the previous hash and every stored field of the entry. */
export const auditEntryHash = (key: Key, prevHash: string, entry: AuditContent) => chainMac(key, AUDIT_DOMAIN, prevHash, contentOf(entry, key.id));

/** The link an entry would get on a chain whose head is `head`, under the database's signing key. */
export function sealAuditEntry(tx: Tx, head: { seq: number; hash: string }, entry: Omit<AuditContent, "seq">) {
  const { signing } = auditChainKeys(tx);
  const content = { ...entry, seq: head.seq + 1 };
  return { ...content, keyId: signing.id, prevHash: head.hash, hash: auditEntryHash(signing, head.hash, content) };
}

export type AuditBreak = "sequence" | "link" | "content" | "unknown_key" | "head";

/**
 * Walks the audit log chain in seq order, a batch at a time (`next` returns the
 * entries after a seq), and checks it against the head row. Returns the count
 * checked and the first broken seq with its reason.
 */
export async function walkAuditChain(
  keys: ReadonlyMap<string, Key>,
  head: { seq: number; hash: string },
  next: (afterSeq: number) => Promise<ChainedAuditEntry[]>,
): Promise<{ checked: number; brokenAtSeq: number | null; reason: AuditBreak | null; keyIds: string[] }> {
  let prev = GENESIS_HASH;
  let expected = 1;
  const keyIds = new Set<string>();
  const broken = (seq: number, reason: AuditBreak) => ({ checked: expected - 1, brokenAtSeq: seq, reason, keyIds: [...keyIds] });
  for (;;) {
    const batch = await next(expected - 1);
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.seq !== expected) return broken(expected, "sequence");
      if (entry.prevHash !== prev) return broken(entry.seq, "link");
      const key = entry.keyId ? keys.get(entry.keyId) : undefined;
      if (!key) return broken(entry.seq, "unknown_key");
      keyIds.add(key.id);
      if (!entry.hash || !isSameMac(auditEntryHash(key, prev, entry), entry.hash)) return broken(entry.seq, "content");
      prev = entry.hash;
      expected += 1;
    }
  }
  const count = expected - 1;
  if (head.seq !== count || head.hash !== prev) return broken(head.seq > count ? count + 1 : head.seq < count ? head.seq + 1 : Math.max(count, 1), "head");
  return { checked: count, brokenAtSeq: null, reason: null, keyIds: [...keyIds] };
}

