import { sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { isTransaction } from "../../platform/audit-chain.ts";
import { sealAuditEntry } from "./audit-chain.ts";

/** Who acted: a signed-in actor, or (for sign-in attempts) whoever claimed a username. */
export type AuditActor = Actor | { kind: "anonymous"; id: string | null; username: string; ip: string | null; regionPath?: string | null };

export type AuditEntry = {
  actor: AuditActor;
  /** Dotted verb, e.g. "venue.update", "auth.login_failed". */
  action: string;
  entityType: string;
  entityId?: string | null;
  at: Date;
  /** Region path the entry belongs to; defaults to the acting staff member's region. */
  regionPath?: string | null;
  /** What changed. Never passwords, tokens or unmasked ID and phone numbers. */
  detail?: Record<string, unknown>;
};

/**
 * The only writer of the audit log; call it in the same transaction as the
 * change. The entry is chained (HMAC under the audit key) to the log's head,
 * which it locks until commit, and the head advances in the insert's statement:
 * two statements, whatever else the transaction does. Calling it last in a
 * transaction keeps the head's lock short.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  // Called on the database itself (an entry about a read): its own transaction, so the head's lock holds to the insert.
  if (!isTransaction(tx)) return tx.transaction((inner) => recordAudit(inner, entry));
  const { actor } = entry;
  const username = "username" in actor ? actor.username : null;
  const actorRegionPath = actor.kind === "staff" ? actor.regionPath : actor.kind === "anonymous" ? (actor.regionPath ?? null) : null;
  const head = await tx.execute<{ seq: number; hash: string }>(sql`select seq, hash from audit_chain_head where id = 1 for update`);
  if (!head.rows[0]) throw new Error("audit_chain_head has no row: the audit log cannot be chained");
  const e = sealAuditEntry(tx, head.rows[0], {
    at: entry.at,
    actorKind: actor.kind,
    actorId: actor.id,
    actorUsername: username,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: actor.ip,
    regionPath: entry.regionPath ?? actorRegionPath,
    // Through JSON and back: the HMAC must be of what jsonb will hand back.
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
  });
  await tx.execute(sql`
    with e as (
      insert into audit_log (at, actor_kind, actor_id, actor_username, action, entity_type, entity_id, ip, region_path, detail, seq, key_id, prev_hash, hash)
      values (${e.at}, ${e.actorKind}, ${e.actorId}, ${e.actorUsername}, ${e.action}, ${e.entityType}, ${e.entityId}, ${e.ip}, ${e.regionPath},
              ${JSON.stringify(e.detail)}::jsonb, ${e.seq}, ${e.keyId}, ${e.prevHash}, ${e.hash})
      returning seq, hash
    )
    update audit_chain_head h set seq = e.seq, hash = e.hash from e where h.id = 1`);
}
