import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { cacheVersionsColumn, observeCacheVersions } from "../../../platform/cache.ts";
import { sessions } from "../../../platform/auth/sessions.tables.ts";
import type { SessionRecord } from "../../../platform/auth/session.ts";
import type { StaffActor } from "../../../policies/actor.ts";
import { accounts } from "../accounts.tables.ts";

/**
 * The session behind a cookie (by its token hash, not revoked) and its staff
 * account, in the one query every signed-in request makes, which also reads the
 * versions of the in-process caches (platform/cache.ts). Actor null: the account
 * is gone or disabled, or the principal is not staff (citizens sign in later).
 */
export async function loadSessionActor(tx: Tx, tokenHash: string, ip: string | null): Promise<{ session: SessionRecord; actor: StaffActor | null } | null> {
  const [row] = await tx
    .select({
      session: sessions,
      account: {
        id: accounts.id,
        username: accounts.username,
        displayName: accounts.displayName,
        roles: accounts.roles,
        regionCode: accounts.regionCode,
        regionPath: accounts.regionPath,
        isDisabled: accounts.isDisabled,
      },
      versions: cacheVersionsColumn,
    })
    .from(sessions)
    .leftJoin(accounts, and(eq(sessions.principalKind, "staff"), eq(accounts.id, sessions.principalId)))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row) return null;
  observeCacheVersions(tx, row.versions);
  if (!row.account || row.account.isDisabled) return { session: row.session, actor: null };
  const { isDisabled: _disabled, ...actor } = row.account;
  return { session: row.session, actor: { kind: "staff", ...actor, ip } };
}
