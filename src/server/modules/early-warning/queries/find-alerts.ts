import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { escapeLike, systemActor, type Actor } from "../../../policies/actor.ts";
import { maskPersonName } from "../../../platform/personal/identity.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { findTicketHeadlines } from "../../tickets/queries/find-cluster-facts.ts";
import { findCommittees } from "../../mediation/queries/find-committees.ts";
import { earlyWarningAlertNotes, earlyWarningAlertRecipients, earlyWarningAlerts, earlyWarningAlertTickets, type AlertRow } from "../early-warning.tables.ts";
import { alertPolicy, alertScope } from "../early-warning.policy.ts";
import { allowedActions } from "../early-warning.state.ts";
import type { AlertDetail, AlertListQuery, AlertView } from "../early-warning.types.ts";

const SEVERITY_ORDER = sql`case ${earlyWarningAlerts.severity} when 'high' then 0 when 'medium' then 1 else 2 end`;

/** The alerts in the actor's scope, most severe and newest first. */
export async function findAlerts(tx: Tx, actor: Actor, query: Partial<AlertListQuery> & { regionPath?: string | null }): Promise<{ items: AlertView[]; total: number }> {
  const state = query.state ?? "live";
  const where: (SQL | undefined)[] = [
    alertScope(actor),
    state === "all" ? undefined : state === "live" ? ne(earlyWarningAlerts.state, "closed") : eq(earlyWarningAlerts.state, state),
    query.kind ? eq(earlyWarningAlerts.kind, query.kind) : undefined,
    query.regionPath ? sql`${earlyWarningAlerts.regionPath} like ${escapeLike(query.regionPath) + "%"}` : undefined,
  ];
  const condition = and(...where);
  const rows = await tx
    .select()
    .from(earlyWarningAlerts)
    .where(condition)
    .orderBy(asc(sql`${earlyWarningAlerts.state} = 'closed'`), asc(SEVERITY_ORDER), desc(earlyWarningAlerts.createdAt), asc(earlyWarningAlerts.id))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(earlyWarningAlerts).where(condition);
  return { items: await presentAlerts(tx, actor, rows), total };
}

export async function getAlertRow(tx: Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(earlyWarningAlerts).where(eq(earlyWarningAlerts.id, id)).limit(1);
  return row;
}

/** Rows as the API shows them, with the names of who acted and what the actor may do now. */
export async function presentAlerts(tx: Tx, actor: Actor, rows: AlertRow[]): Promise<AlertView[]> {
  const regions = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  const names = await findStaffNames(tx, rows.flatMap((r) => [r.acknowledgedBy, r.handlingBy, r.closedBy]));
  const who = (id: string | null) => (id ? { id, name: names.get(id) ?? "—" } : null);
  const step = (by: string | null, at: Date | null) => (at ? { by: who(by), at: at.toISOString() } : null);
  return rows.map((r) => {
    const allowed = allowedActions(r.state);
    const may = alertPolicy.abilities(actor, r);
    return {
      id: r.id,
      kind: r.kind,
      key: r.key,
      region: { code: r.regionCode, name: regions.get(r.regionCode)?.name ?? r.regionCode },
      category: r.category,
      counterpartyName: r.counterpartyName,
      windowStart: r.windowStart.toISOString(),
      windowEnd: r.windowEnd.toISOString(),
      ticketCount: r.ticketCount,
      applicantCount: r.applicantCount,
      baseline: r.baseline ?? null,
      severity: r.severity,
      state: r.state,
      previousId: r.previousId,
      acknowledged: step(r.acknowledgedBy, r.acknowledgedAt),
      handling: step(r.handlingBy, r.handlingAt),
      closed: step(r.closedBy, r.closedAt),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      abilities: {
        acknowledge: may.acknowledge && allowed.includes("acknowledge"),
        handle: may.handle && allowed.includes("handle"),
        close: may.close && allowed.includes("close"),
      },
    };
  });
}

/** One alert with its tickets (applicants masked), its handling notes and who it went to. */
export async function presentAlertDetail(tx: Tx, actor: Actor, row: AlertRow): Promise<AlertDetail> {
  const [view] = await presentAlerts(tx, actor, [row]);
  const ticketIds = (await tx.select({ id: earlyWarningAlertTickets.ticketId }).from(earlyWarningAlertTickets).where(eq(earlyWarningAlertTickets.alertId, row.id))).map((r) => r.id);
  const tickets = await findTicketHeadlines(tx, ticketIds);
  const ticketRegions = await findRegionRefs(tx, tickets.map((t) => t.regionCode));
  const notes = await tx.select().from(earlyWarningAlertNotes).where(eq(earlyWarningAlertNotes.alertId, row.id)).orderBy(asc(earlyWarningAlertNotes.at), asc(earlyWarningAlertNotes.id));
  const recipients = await tx.select().from(earlyWarningAlertRecipients).where(eq(earlyWarningAlertRecipients.alertId, row.id));
  const accountNames = await findStaffNames(tx, recipients.map((r) => r.accountId));
  const committeeIds = recipients.flatMap((r) => (r.committeeId ? [r.committeeId] : []));
  const committees = committeeIds.length ? (await findCommittees(tx, systemActor("early-warning"), { forRegion: row.regionCode })).filter((c) => committeeIds.includes(c.id)) : [];
  return {
    ...view,
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      category: t.category,
      serviceType: t.serviceType,
      channel: t.channel,
      status: t.status,
      region: { code: t.regionCode, name: ticketRegions.get(t.regionCode)?.name ?? t.regionCode },
      createdAt: t.createdAt.toISOString(),
      applicantName: maskPersonName(t.applicantName),
    })),
    notes: notes.map((n) => ({ action: n.action, from: n.fromState, to: n.toState, note: n.note, by: n.actorName, at: n.at.toISOString() })),
    recipients: {
      accounts: recipients.flatMap((r) => (r.accountId ? [{ id: r.accountId, name: accountNames.get(r.accountId) ?? "—", reason: r.reason }] : [])),
      committees: committees.map((c) => ({ id: c.id, name: c.name })),
    },
  };
}
