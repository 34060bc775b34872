import { sql, type SQL } from "drizzle-orm";
import { hasRole, scopeCondition, type Actor } from "../../policies/actor.ts";
import { notifications } from "./notifications.tables.ts";

/** Admins read the outbox (the dev channel's inbox) of their region: the same scope rule as everything else. */
export const canReadOutbox = (actor: Actor) => actor.kind === "system" || hasRole(actor, "admin");

/**
 * The outbox rows an admin reads: those of their scope, and those about no
 * region at all (a one-time code for a phone whose citizen has chosen no
 * region yet), which no scope could otherwise reach.
 */
export const notificationScope = (actor: Actor): SQL =>
  canReadOutbox(actor) ? sql`(${scopeCondition(actor, notifications.regionPath)} or ${notifications.regionPath} is null)` : sql`false`;
