import { sql, type SQL } from "drizzle-orm";
import { hasRole, scopeCondition, type Actor } from "../../policies/actor.ts";
import { notifications } from "./notifications.tables.ts";

/** Admins read the outbox (the dev channel's inbox) of their region: the same scope rule as everything else. */
export const canReadOutbox = (actor: Actor) => actor.kind === "system" || hasRole(actor, "admin");

export const notificationScope = (actor: Actor): SQL => (canReadOutbox(actor) ? scopeCondition(actor, notifications.regionPath) : sql`false`);
