import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { earlyWarningAlertNotes, earlyWarningAlerts } from "../early-warning.tables.ts";
import { alertPolicy } from "../early-warning.policy.ts";
import { transition, type AlertAction } from "../early-warning.state.ts";

/**
 * 签收 / 处置 / 办结: one step of an alert's handling by someone in its scope, with
 * the note kept beside the alert and the step in the audit log (same transaction).
 */
export async function actOnAlert(tx: Tx, actor: Actor, alertId: string, input: { action: AlertAction; note?: string }, now: Date): Promise<void> {
  const [alert] = await tx.select().from(earlyWarningAlerts).where(eq(earlyWarningAlerts.id, alertId)).for("update");
  if (!alert) throw notFound("Alert");
  alertPolicy.authorize(actor, input.action, alert);
  const { next, event } = transition(alert.state, input.action, now, input.note ?? null);
  const by = actor.kind === "staff" ? actor.id : null;
  const stamp =
    input.action === "acknowledge" ? { acknowledgedBy: by, acknowledgedAt: now } : input.action === "handle" ? { handlingBy: by, handlingAt: now } : { closedBy: by, closedAt: now };
  await tx.update(earlyWarningAlerts).set({ state: next, ...stamp, updatedAt: now }).where(eq(earlyWarningAlerts.id, alert.id));
  await tx.insert(earlyWarningAlertNotes).values({
    alertId: alert.id,
    action: event.action,
    fromState: event.from,
    toState: event.to,
    note: event.note,
    actorId: by,
    actorName: actor.kind === "staff" ? actor.displayName : actor.kind === "system" ? actor.username : null,
    at: now,
  });
  const auditAction = input.action === "acknowledge" ? "early_warning.acknowledged" : input.action === "handle" ? "early_warning.handling" : "early_warning.closed";
  await recordAudit(tx, {
    actor,
    action: auditAction,
    entityType: "early_warning_alert",
    entityId: alert.id,
    at: now,
    regionPath: alert.regionPath,
    detail: { key: alert.key, from: event.from, to: event.to, note: event.note },
  });
}
