import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import type { SQL } from "drizzle-orm";
import { earlyWarningAlerts } from "./early-warning.tables.ts";

import { ALERT_HANDLER_ROLES, ALERT_READER_ROLES, ALERT_SCAN_ROLES } from "./early-warning.roles.ts";

export { ALERT_HANDLER_ROLES, ALERT_READER_ROLES, ALERT_SCAN_ROLES };

type AlertRecord = { regionPath: string };

const reads = (actor: Actor, a: AlertRecord) => hasRole(actor, ...ALERT_READER_ROLES) && isWithinScope(actor, a.regionPath);
const handles = (actor: Actor, a: AlertRecord) => hasRole(actor, ...ALERT_HANDLER_ROLES) && isWithinScope(actor, a.regionPath);

/** The state machine says when (early-warning.state.ts); this says who. */
export const alertPolicy = definePolicy<AlertRecord, "acknowledge" | "handle" | "close">("alert", {
  read: reads,
  acknowledge: handles,
  handle: handles,
  close: handles,
});

/** The list's filter: the same scope as `read` (a list never shows what the detail would refuse). */
export function alertScope(actor: Actor): SQL {
  return scopeCondition(actor, earlyWarningAlerts.regionPath);
}

export const mayReadAlerts = (actor: Actor) => actor.kind === "system" || hasRole(actor, ...ALERT_READER_ROLES);
export const mayScan = (actor: Actor) => actor.kind === "system" || hasRole(actor, ...ALERT_SCAN_ROLES);
