import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { StaffActor } from "../../../policies/actor.ts";
import { accounts } from "../accounts.tables.ts";

/** The staff actor behind a session, or null when the account is gone or disabled. */
export async function loadStaffActor(tx: Tx, accountId: string, ip: string | null): Promise<StaffActor | null> {
  const [row] = await tx
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      roles: accounts.roles,
      regionCode: accounts.regionCode,
      regionPath: accounts.regionPath,
      isDisabled: accounts.isDisabled,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!row || row.isDisabled) return null;
  const { isDisabled: _disabled, ...actor } = row;
  return { kind: "staff", ...actor, ip };
}
