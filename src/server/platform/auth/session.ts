import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../db/index.ts";
import { sessions } from "./sessions.tables.ts";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export type SessionRecord = typeof sessions.$inferSelect;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Opens a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function openSession(
  tx: Tx,
  input: { principalKind: "staff" | "citizen"; principalId: string; ip: string | null; userAgent: string | null; now: Date },
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + policy.absoluteHours * 3_600_000);
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    principalKind: input.principalKind,
    principalId: input.principalId,
    csrfToken,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, or null when it is unknown, revoked,
 * past its absolute expiry, or idle for longer than allowed. Activity is written
 * at most once a minute so reads do not all become writes.
 */
export async function findLiveSession(tx: Tx, token: string, now: Date, policy: SessionPolicy): Promise<SessionRecord | null> {
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .limit(1);
  return session ? keepAlive(tx, session, now, policy) : null;
}

/**
 * A session row as read (not revoked), checked: null when past its absolute
 * expiry or idle for too long; otherwise the session, its activity written when
 * the last write is over a minute old.
 */
export async function keepAlive(tx: Tx, session: SessionRecord, now: Date, policy: SessionPolicy): Promise<SessionRecord | null> {
  const idleLimit = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (now >= session.expiresAt || now.getTime() >= idleLimit) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, session.tokenHash));
    return { ...session, lastSeenAt: now };
  }
  return session;
}

export async function revokeSession(tx: Tx, token: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function revokeSessionsOf(tx: Tx, principalKind: "staff" | "citizen", principalId: string, now: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.principalKind, principalKind), eq(sessions.principalId, principalId), isNull(sessions.revokedAt)));
}
