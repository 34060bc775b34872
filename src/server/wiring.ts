/**
 * The composition root's module wiring: what every entry point (the server, the
 * CLI, the tests, the benches) does once before using the modules.
 */
import { sql } from "drizzle-orm";
import type { Database } from "./platform/db/index.ts";
import { migrate } from "./platform/db/migrate.ts";
import { ensureShippedHolidays } from "./modules/calendar/reference-data.ts";
import { subscribeTickets } from "./modules/tickets/tickets.subscribers.ts";
import { subscribeDispatch } from "./modules/dispatch/dispatch.subscribers.ts";
import { subscribeOversight } from "./modules/oversight/oversight.subscribers.ts";
import { subscribeUpstream } from "./modules/upstream/upstream.subscribers.ts";
import { subscribeRequests } from "./modules/requests/requests.subscribers.ts";
import { subscribeLegalAid } from "./modules/legal-aid/legal-aid.subscribers.ts";
import { subscribeHotlineCallbacks } from "./modules/hotline/hotline-callbacks.subscribers.ts";
import { subscribeAnalytics } from "./modules/analytics/analytics.subscribers.ts";
import { registerAccountAuditNames } from "./modules/accounts/accounts.audit-names.ts";
import { registerRegionAuditNames } from "./modules/regions/regions.audit-names.ts";
import { registerTicketAuditNames } from "./modules/tickets/tickets.audit-names.ts";
import { registerUpstreamAuditNames } from "./modules/upstream/upstream.audit-names.ts";
import { registerHotlineAuditNames } from "./modules/hotline/hotline.audit-names.ts";
import { registerHotlineDeskActionAuditNames } from "./modules/hotline/hotline-desk-actions.audit-names.ts";
import { registerHotlineCallbackAuditNames } from "./modules/hotline/hotline-callbacks.audit-names.ts";
import { registerVenueAuditNames } from "./modules/venues/venues.audit-names.ts";
import { registerContentAuditNames } from "./modules/content/content.audit-names.ts";
import { registerDirectoryAuditNames } from "./modules/directory/directory.audit-names.ts";
import { registerAppointmentAuditNames } from "./modules/appointments/appointments.audit-names.ts";
import { registerKnowledgeAuditNames } from "./modules/knowledge/knowledge.audit-names.ts";
import { registerLegalAidAuditNames } from "./modules/legal-aid/legal-aid.audit-names.ts";
import { registerDocumentAuditNames } from "./modules/documents/documents.audit-names.ts";
import { registerAidCaseAuditNames } from "./modules/legal-aid/aid-cases.audit-names.ts";
import { registerAidLawyerAuditNames } from "./modules/legal-aid/aid-lawyers.audit-names.ts";
import { registerDefenceNoticeAuditNames } from "./modules/legal-aid/defence-notices.audit-names.ts";
import { registerEarlyWarningAuditNames } from "./modules/early-warning/early-warning.audit-names.ts";
import { registerAssessmentAuditNames } from "./modules/assessment/assessment.audit-names.ts";
import { ensureShippedWordings } from "./modules/knowledge/reference-data.ts";
import { ensureShippedTemplates } from "./modules/documents/reference-data.ts";
import { hasAuditKey } from "./platform/audit-chain.ts";
import { systemActor } from "./policies/actor.ts";
import { recordAudit } from "./modules/audit/record-audit.ts";
import { rechainLegacyAuditLog } from "./modules/audit/commands/rechain-legacy-audit-log.ts";
import { rechainLegacyTicketEvents, type LegacyRechainReport } from "./modules/tickets/commands/rechain-legacy-events.ts";

/**
 * Subscribes the higher modules to the domain events of the lower ones (see
 * docs/architecture.md, "Modules") and registers how the audit log names each
 * module's records. Idempotent: subscriptions are named, registrations replace.
 */
export function wireModules(): void {
  subscribeTickets();
  subscribeDispatch();
  subscribeOversight();
  subscribeUpstream();
  subscribeRequests();
  // After auto-dispatch: where an admin switched it on for legal aid, the ticket keeps the unit it was given.
  subscribeLegalAid();
  // After oversight: a resolved ticket's follow-up task exists when the callback desk looks for it.
  subscribeHotlineCallbacks();
  // The analytics rollups, in the ticket's transaction (docs/analytics.md).
  subscribeAnalytics();
  // How the audit log names the records of each module (audit/audit-subjects.ts).
  registerAccountAuditNames();
  registerRegionAuditNames();
  registerTicketAuditNames();
  registerUpstreamAuditNames();
  registerVenueAuditNames();
  registerContentAuditNames();
  registerDirectoryAuditNames();
  registerAppointmentAuditNames();
  registerKnowledgeAuditNames();
  registerLegalAidAuditNames();
  registerDocumentAuditNames();
  registerAidCaseAuditNames();
  registerAidLawyerAuditNames();
  registerDefenceNoticeAuditNames();
  registerHotlineAuditNames();
  registerHotlineDeskActionAuditNames();
  registerHotlineCallbackAuditNames();
  registerEarlyWarningAuditNames();
  registerAssessmentAuditNames();
}

/** Brings a database up to date: migrations, then the shipped reference data. Wires the modules too. */
export async function prepareDatabase(database: Database): Promise<string[]> {
  wireModules();
  const applied = await migrate(database.pool);
  const now = new Date();
  await rechainLegacyAuditTrail(database, now);
  await database.db.transaction(async (tx) => {
    // Service settings need no rows: the shipped defaults apply where no region has its own.
    await ensureShippedHolidays(tx, now);
    // The starter everyday-to-legal wordings, once each; staff edits are kept.
    await ensureShippedWordings(tx, now);
    // The document templates' shipped texts, once per kind; a deployment's edits are kept.
    await ensureShippedTemplates(tx, now);
  });
  return applied;
}

/**
 * The first start after migration 0013: the ticket events and audit entries
 * written before it, under the old unkeyed chain (or none), are chained under
 * the audit key — after checking each ticket's old chain — and the audit log
 * says so (`audit.rechained`, with the tickets whose old chain was already
 * broken). Later starts find nothing to do (one indexed probe each). See
 * docs/audit-trail.md, "Data from before the keyed chain".
 */
export async function rechainLegacyAuditTrail(database: Database, now: Date): Promise<(LegacyRechainReport & { auditEntries: number }) | null> {
  const { rows } = await database.pool.query<{ n: number }>(
    "select (exists (select 1 from ticket_events where key_id is null) or exists (select 1 from audit_log where seq is null))::int as n",
  );
  if (!rows[0].n) return null;
  if (!hasAuditKey(database)) throw new Error("The audit trail has rows from before the keyed chain, and no audit key is bound to re-chain them (bindAuditKey)");
  // One process at a time (several may start at once); the lock is the migrations' neighbour.
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7224912349)`);
    const total: LegacyRechainReport & { auditEntries: number } = { tickets: 0, events: 0, legacyBroken: [], auditEntries: 0 };
    for (;;) {
      const batch = await rechainLegacyTicketEvents(tx);
      if (batch.tickets === 0) break;
      total.tickets += batch.tickets;
      total.events += batch.events;
      total.legacyBroken.push(...batch.legacyBroken);
    }
    total.auditEntries = await rechainLegacyAuditLog(tx);
    if (total.events > 0 || total.auditEntries > 0) {
      await recordAudit(tx, {
        actor: systemActor("migration"),
        action: "audit.rechained",
        entityType: "audit_trail",
        entityId: "0013",
        at: now,
        detail: {
          tickets: total.tickets,
          ticketEvents: total.events,
          auditEntries: total.auditEntries,
          // The old chain of these was broken before the key sealed it: look at them.
          legacyBroken: total.legacyBroken.slice(0, 100),
          legacyBrokenCount: total.legacyBroken.length,
        },
      });
    }
    return total;
  });
}
