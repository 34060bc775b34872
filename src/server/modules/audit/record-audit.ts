import type { Tx } from "../../platform/db/index.ts";
import type { Actor } from "../../policies/actor.ts";
import { auditLog } from "./audit.tables.ts";

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

/** The only writer of the audit log; call it in the same transaction as the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  const username = "username" in actor ? actor.username : null;
  const actorRegionPath = actor.kind === "staff" ? actor.regionPath : actor.kind === "anonymous" ? (actor.regionPath ?? null) : null;
  await tx.insert(auditLog).values({
    at: entry.at,
    actorKind: actor.kind,
    actorId: actor.id,
    actorUsername: username,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: actor.ip,
    regionPath: entry.regionPath ?? actorRegionPath,
    detail: entry.detail ?? {},
  });
}
