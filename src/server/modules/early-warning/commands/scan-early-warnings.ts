import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { systemActor, type Actor, type Role } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findActiveStaffIn, findStaffCovering } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { findRegionsUnder } from "../../regions/queries/find-regions-under.ts";
import { findClusterFacts } from "../../tickets/queries/find-cluster-facts.ts";
import { findCommittees, getCommitteeRow } from "../../mediation/queries/find-committees.ts";
import { findMediators } from "../../mediation/queries/find-mediators.ts";
import { enqueueNotification } from "../../notifications/commands/enqueue-notification.ts";
import { counterpartyKey, placeShortName } from "../counterparty-key.ts";
import { detectClusters, lookbackDays, townshipPathOf, DEFAULT_THRESHOLDS, type Detection, type Severity, type TicketFact, type Thresholds } from "../early-warning.detect.ts";
import { earlyWarningAlerts, earlyWarningAlertRecipients, earlyWarningAlertTickets, type AlertRow } from "../early-warning.tables.ts";
import { ALERT_HANDLER_ROLES } from "../early-warning.policy.ts";

export type ScanReport = {
  /** Clusters the detector found. */
  detected: number;
  /** New alerts (a cluster seen for the first time, or again after its alert was closed). */
  raised: number;
  /** Live alerts that got more tickets. */
  updated: number;
  /** Accounts notified of the new alerts. */
  notified: number;
};

const DAY_MS = 86_400_000;
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The ticket facts of the detector's lookback, applicants as hashes (a ticket with neither ID nor phone is its own applicant). */
export async function loadTicketFacts(tx: Tx, now: Date, thresholds: Thresholds = DEFAULT_THRESHOLDS): Promise<TicketFact[]> {
  const rows = await findClusterFacts(tx, new Date(now.getTime() - lookbackDays(thresholds) * DAY_MS), now);
  // "绵阳市某某建筑" and "某某建筑" are one employer: the deployment's cities and counties are stripped from the front.
  const places = [...new Set((await findRegionsUnder(tx, "/", ["city", "county"])).map((r) => placeShortName(r.name)))];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    regionCode: r.regionCode,
    regionPath: r.regionPath,
    category: r.category,
    serviceType: r.serviceType,
    channel: r.channel,
    counterpartyKey: counterpartyKey(r.counterpartyName, places),
    counterpartyName: r.counterpartyName,
    applicantKey: r.applicantHash ?? `ticket:${r.id}`,
  }));
}

/**
 * 预警扫描: finds the clusters as of `now` and makes them alerts. Idempotent: a
 * cluster whose alert is still live (open, acknowledged, handling) only adds its
 * new tickets to it; one whose last alert was closed raises a new alert only if
 * a ticket of it came in after the closure. A new alert goes to the township's
 * office and its mediation committees (in-app messages through the outbox).
 * Scans are serialized (a transaction-scoped lock), so the scheduler and the
 * on-demand route never raise the same alert twice.
 */
export async function scanEarlyWarnings(
  tx: Tx,
  now: Date,
  options: { protector: Protector; thresholds?: Thresholds; actor?: Actor },
): Promise<ScanReport> {
  const actor = options.actor ?? systemActor("scheduler");
  await tx.execute(sql`select pg_advisory_xact_lock(7224912341)`);
  const facts = await loadTicketFacts(tx, now, options.thresholds);
  const createdAt = new Map(facts.map((f) => [f.id, f.createdAt]));
  const detections = detectClusters(facts, now, options.thresholds);
  const report: ScanReport = { detected: detections.length, raised: 0, updated: 0, notified: 0 };
  for (const detection of detections) {
    const [live] = await tx
      .select()
      .from(earlyWarningAlerts)
      .where(and(eq(earlyWarningAlerts.key, detection.key), ne(earlyWarningAlerts.state, "closed")))
      .for("update");
    if (live) {
      if (await refreshAlert(tx, actor, live, detection, now)) report.updated += 1;
      continue;
    }
    const [closed] = await tx
      .select({ id: earlyWarningAlerts.id, closedAt: earlyWarningAlerts.closedAt })
      .from(earlyWarningAlerts)
      .where(eq(earlyWarningAlerts.key, detection.key))
      .orderBy(desc(earlyWarningAlerts.createdAt))
      .limit(1);
    if (closed?.closedAt && !detection.ticketIds.some((id) => createdAt.get(id)! > closed.closedAt!)) continue;
    report.notified += await raiseAlert(tx, actor, options.protector, detection, closed?.id ?? null, now);
    report.raised += 1;
  }
  return report;
}

/** Adds the cluster's new tickets to a live alert; true if there were any. */
async function refreshAlert(tx: Tx, actor: Actor, alert: AlertRow, detection: Detection, now: Date): Promise<boolean> {
  const added = await tx
    .insert(earlyWarningAlertTickets)
    .values(detection.ticketIds.map((ticketId) => ({ alertId: alert.id, ticketId, addedAt: now })))
    .onConflictDoNothing()
    .returning({ ticketId: earlyWarningAlertTickets.ticketId });
  if (added.length === 0) {
    await tx.update(earlyWarningAlerts).set({ lastSeenAt: now }).where(eq(earlyWarningAlerts.id, alert.id));
    return false;
  }
  const severity = SEVERITY_RANK[detection.severity] > SEVERITY_RANK[alert.severity] ? detection.severity : alert.severity;
  await tx
    .update(earlyWarningAlerts)
    .set({
      ticketCount: sql`(select count(*)::int from ${earlyWarningAlertTickets} where ${earlyWarningAlertTickets.alertId} = ${alert.id})`,
      // The people behind it: the most the detector counted in any one window (applicants are hashes the alert does not keep).
      applicantCount: Math.max(alert.applicantCount, detection.applicantCount),
      windowEnd: detection.windowEnd,
      baseline: detection.baseline ?? alert.baseline,
      severity,
      regionCode: detection.regionCode,
      regionPath: detection.regionPath,
      lastSeenAt: now,
      updatedAt: now,
    })
    .where(eq(earlyWarningAlerts.id, alert.id));
  await recordAudit(tx, {
    actor,
    action: "early_warning.grown",
    entityType: "early_warning_alert",
    entityId: alert.id,
    at: now,
    regionPath: detection.regionPath,
    detail: { key: alert.key, ticketsAdded: added.length, applicants: detection.applicantCount, severity },
  });
  return true;
}

/** A new alert with its tickets, its recipients and their messages; returns how many accounts were notified. */
async function raiseAlert(tx: Tx, actor: Actor, protector: Protector, detection: Detection, previousId: string | null, now: Date): Promise<number> {
  const [alert] = await tx
    .insert(earlyWarningAlerts)
    .values({
      kind: detection.kind,
      key: detection.key,
      regionCode: detection.regionCode,
      regionPath: detection.regionPath,
      category: detection.category,
      counterpartyName: detection.counterpartyName,
      windowStart: detection.windowStart,
      windowEnd: detection.windowEnd,
      ticketCount: detection.ticketCount,
      applicantCount: detection.applicantCount,
      baseline: detection.baseline,
      severity: detection.severity,
      state: "open",
      previousId,
      createdAt: now,
      updatedAt: now,
      lastSeenAt: now,
    })
    .returning();
  await tx.insert(earlyWarningAlertTickets).values(detection.ticketIds.map((ticketId) => ({ alertId: alert.id, ticketId, addedAt: now })));
  const { accountIds, committeeIds } = await findRecipients(tx, detection);
  if (accountIds.length + committeeIds.length > 0) {
    await tx.insert(earlyWarningAlertRecipients).values([
      ...accountIds.map((a) => ({ alertId: alert.id, accountId: a.id, committeeId: null, reason: a.reason })),
      ...committeeIds.map((committeeId) => ({ alertId: alert.id, accountId: null, committeeId, reason: "committee" as const })),
    ]);
  }
  const regionName = (await findRegionRefs(tx, [detection.regionCode])).get(detection.regionCode)?.name ?? detection.regionCode;
  const notified = new Set<string>();
  for (const { id } of accountIds) {
    if (notified.has(id)) continue;
    notified.add(id);
    await enqueueNotification(tx, protector, {
      ticketId: null,
      regionPath: detection.regionPath,
      phone: id,
      channel: "in_app",
      template: "early_warning",
      payload: { alertId: alert.id, kind: detection.kind, region: regionName, what: describe(detection), applicants: detection.applicantCount, tickets: detection.ticketCount, accountId: id },
      now,
    });
  }
  await recordAudit(tx, {
    actor,
    action: "early_warning.raised",
    entityType: "early_warning_alert",
    entityId: alert.id,
    at: now,
    regionPath: detection.regionPath,
    detail: { key: detection.key, kind: detection.kind, tickets: detection.ticketCount, applicants: detection.applicantCount, severity: detection.severity, previousId, notified: notified.size, committees: committeeIds.length },
  });
  return notified.size;
}

/** What clustered, in the words of the message (no personal data: a counterparty is a business or a named party, its phone never). */
function describe(d: Detection): string {
  if (d.kind === "counterparty") return `“${d.counterpartyName}”被多人反映`;
  if (d.kind === "place") return `${d.category}纠纷集中发生`;
  return `${d.category}纠纷明显增多`;
}

/**
 * Who an alert goes to. The office (司法所): the active handlers (leaders, supervisors, dispatchers,
 * mediators) bound to the alert's township — or its village — or, for an alert above township level
 * (a counterparty named across townships), to its own region; if nobody is bound there, the nearest
 * supervisors whose scope covers it. The committees: the active mediation committees of the township
 * and the village (for an alert above township, of its own region), and their mediators.
 */
async function findRecipients(tx: Tx, d: Detection): Promise<{ accountIds: { id: string; reason: "office" | "committee" }[]; committeeIds: string[] }> {
  const township = townshipPathOf(d.regionPath);
  const segments = d.regionPath.split("/").filter(Boolean);
  const officeCodes = township ? segments.slice(township.split("/").filter(Boolean).length - 1) : [d.regionCode];
  let office = (await findActiveStaffIn(tx, officeCodes, ALERT_HANDLER_ROLES)).map((s) => s.id);
  if (office.length === 0) {
    const covering = await findStaffCovering(tx, d.regionPath, "supervisor" satisfies Role);
    const nearest = covering[0]?.regionPath;
    office = covering.filter((s) => s.regionPath === nearest).map((s) => s.id);
  }
  const committees = (await findCommittees(tx, systemActor("early-warning"), { forRegion: d.regionCode })).filter((c) => c.isActive && officeCodes.includes(c.region.code));
  const mediators: string[] = [];
  for (const committee of committees) {
    const row = await getCommitteeRow(tx, committee.id);
    if (row) mediators.push(...(await findMediators(tx, { id: row.id, regionPath: row.regionPath })).map((m) => m.id));
  }
  return {
    accountIds: [...office.map((id) => ({ id, reason: "office" as const })), ...mediators.filter((id) => !office.includes(id)).map((id) => ({ id, reason: "committee" as const }))],
    committeeIds: committees.map((c) => c.id),
  };
}
