// Shared by the benches: a fresh database of the kind in use, and cleanup that
// runs once on normal end, error or Ctrl-C. Not a bench itself (the leading `_`
// keeps it out of `npm run bench`).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../src/server/platform/db/index.ts";
import { prepareDatabase } from "../src/server/wiring.ts";
import { bindAuditKey } from "../src/server/platform/audit-chain.ts";
import { generateKey } from "../src/server/platform/keys.ts";

export type BenchDatabase = Database & { url: string | null; name: string | null };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const logger = (bench: string) => (message: string) => process.stderr.write(`[${bench}] ${message}\n`);

/**
 * The embedded database in memory by default; with DATABASE_URL a new database on
 * that server (dropped again by `close`). Migrated, with the reference data.
 */
export async function openBenchDatabase(bench: string, poolSize: number): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL?.trim() || null;
  if (!serverUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null });
    bindAuditKey(database, generateKey());
    await prepareDatabase(database);
    return { ...database, url: null, name: null };
  }
  const name = `santai_bench_${bench}_${randomBytes(5).toString("hex")}`;
  await withAdmin(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize });
    bindAuditKey(database, generateKey());
    await prepareDatabase(database);
  } catch (error) {
    await withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
    throw error;
  }
  const close = database.close;
  return {
    ...database,
    url: url.toString(),
    name,
    async close() {
      await close().catch(() => undefined);
      await withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Registers `cleanup` to run once, on normal end, on error and on SIGINT/SIGTERM. */
export function onceCleanup(log: (message: string) => void) {
  const steps: (() => Promise<unknown>)[] = [];
  let running: Promise<void> | null = null;
  const run = () =>
    (running ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await Promise.race([step(), sleep(20_000).then(() => Promise.reject(new Error("timed out")))]);
        } catch (error) {
          log(`cleanup step failed: ${(error as Error).message}`);
        }
      }
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`);
      void run().finally(() => process.exit(130));
    });
  }
  return { add: (step: () => Promise<unknown>) => steps.push(step), run };
}

/** The p-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `--name value` from the command line, as a number. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
