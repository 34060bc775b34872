import { and, gt, inArray, lte } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Role } from "../../../policies/actor.ts";
import { hotlineShifts } from "../hotline.tables.ts";
import { ROSTERED_ACCOUNT_ROLES } from "../hotline-roster.rules.ts";

/**
 * The roster's answer to "who is on duty at `at`" for other modules (dispatch): of these
 * accounts, those with a shift (at a seat or a venue, in any role) running at that moment.
 */
export async function findOnDutyAt(tx: Tx, accountIds: readonly string[], at: Date): Promise<Set<string>> {
  const wanted = [...new Set(accountIds)];
  if (wanted.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ accountId: hotlineShifts.accountId })
    .from(hotlineShifts)
    .where(and(inArray(hotlineShifts.accountId, wanted), lte(hotlineShifts.startsAt, at), gt(hotlineShifts.endsAt, at)));
  return new Set(rows.map((r) => r.accountId));
}

/**
 * Whether the roster schedules a person with these roles (operators and lawyers). For them "on duty"
 * is "a shift covers now"; people the roster does not schedule (mediators, reviewers, window staff,
 * village advisors without a lawyer's account) keep office duty and count as on duty.
 */
export const isRostered = (roles: readonly Role[]): boolean => roles.some((r) => (ROSTERED_ACCOUNT_ROLES as readonly string[]).includes(r));
