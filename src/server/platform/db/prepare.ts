import type { Database } from "./index.ts";
import { migrate } from "./migrate.ts";
import { ensureTicketReferenceData } from "../../modules/tickets/reference-data.ts";

/** Brings a database up to date: migrations, then the shipped reference data. */
export async function prepareDatabase(database: Database): Promise<string[]> {
  const applied = await migrate(database.pool);
  await database.db.transaction((tx) => ensureTicketReferenceData(tx));
  return applied;
}
