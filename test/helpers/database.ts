import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/server/platform/db/index.ts";
import { prepareDatabase } from "../../src/server/wiring.ts";
import { bindAuditKey } from "../../src/server/platform/audit-chain.ts";
import { generateKey } from "../../src/server/platform/keys.ts";

/**
 * A fresh, migrated database for one test file: an in-memory embedded database
 * by default, or a new database on the PostgreSQL server named by DATABASE_URL
 * (dropped again on close), so the same tests run on both. On a server, `url`
 * names the new database, for tests that start other processes on it. With
 * `isEmpty`, nothing is migrated (a migration's own test applies them).
 */
export async function createTestDatabase(options: { isEmpty?: boolean } = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  const prepare = async (database: Database) => {
    // Commands called straight from a test chain the audit trail under a key made for this database;
    // an app built on it later (createTestApp) signs with its own, and both keys verify (bindAuditKey).
    bindAuditKey(database, generateKey());
    if (!options.isEmpty) await prepareDatabase(database);
  };
  if (!serverUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null });
    await prepare(database);
    return database;
  }
  const name = `santai_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 10 });
  await prepare(database);
  const close = database.close;
  return {
    ...database,
    url: url.toString(),
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const databaseKind = () => (process.env.DATABASE_URL ? "postgres" : "embedded");
