/**
 * The composition root's module wiring: what every entry point (the server, the
 * CLI, the tests, the benches) does once before using the modules.
 */
import type { Database } from "./platform/db/index.ts";
import { migrate } from "./platform/db/migrate.ts";
import { ensureShippedHolidays } from "./modules/calendar/reference-data.ts";
import { subscribeTickets } from "./modules/tickets/tickets.subscribers.ts";
import { subscribeDispatch } from "./modules/dispatch/dispatch.subscribers.ts";
import { subscribeOversight } from "./modules/oversight/oversight.subscribers.ts";
import { subscribeUpstream } from "./modules/upstream/upstream.subscribers.ts";
import { registerAccountAuditNames } from "./modules/accounts/accounts.audit-names.ts";
import { registerRegionAuditNames } from "./modules/regions/regions.audit-names.ts";
import { registerTicketAuditNames } from "./modules/tickets/tickets.audit-names.ts";
import { registerUpstreamAuditNames } from "./modules/upstream/upstream.audit-names.ts";
import { registerVenueAuditNames } from "./modules/venues/venues.audit-names.ts";

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
  // How the audit log names the records of each module (audit/audit-subjects.ts).
  registerAccountAuditNames();
  registerRegionAuditNames();
  registerTicketAuditNames();
  registerUpstreamAuditNames();
  registerVenueAuditNames();
}

/** Brings a database up to date: migrations, then the shipped reference data. Wires the modules too. */
export async function prepareDatabase(database: Database): Promise<string[]> {
  wireModules();
  const applied = await migrate(database.pool);
  const now = new Date();
  await database.db.transaction(async (tx) => {
    // Service settings need no rows: the shipped defaults apply where no region has its own.
    await ensureShippedHolidays(tx, now);
  });
  return applied;
}
