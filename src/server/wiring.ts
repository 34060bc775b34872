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

/**
 * Subscribes the higher modules to the domain events of the lower ones (see
 * docs/architecture.md, "Modules"). Idempotent: subscriptions are named.
 */
export function wireModules(): void {
  subscribeTickets();
  subscribeDispatch();
  subscribeOversight();
  subscribeUpstream();
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
