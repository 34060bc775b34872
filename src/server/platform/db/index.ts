import { createHash } from "node:crypto";
import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded.ts";

// pg returns bigint (int8) and numeric as strings; counts and ids here fit in a
// JS number, so parse them once, globally, instead of at every call site.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export type DatabaseKind = "embedded" | "postgres";
export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction or the database itself: commands accept either. */
export type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Database = {
  kind: DatabaseKind;
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** PostgreSQL server URL; null starts the embedded database. */
  databaseUrl: string | null;
  /** Embedded data directory; null keeps the embedded database in memory. */
  dataDir: string | null;
  /** Pool size for a PostgreSQL server. */
  poolSize?: number;
};

/**
 * Marks the pool and every connection it opens with one object per opened
 * database, so that code given only a transaction can tell which database it is
 * on (platform/cache.ts keeps one cache per database).
 */
const DATABASE_TAG = Symbol("santai.database");

/** The tag of the database this transaction or database handle is on; null when unknown (then nothing is cached). */
export function databaseTagOf(tx: Tx): object | null {
  const client = (tx as unknown as { session?: { client?: Record<symbol, unknown> } }).session?.client;
  const tag = client?.[DATABASE_TAG];
  return typeof tag === "object" && tag !== null ? tag : null;
}

/** Distinct statements a connection keeps prepared; past that, statements are parsed each time as before. */
const PREPARED_PER_CONNECTION = 1000;
/** Longer statements (large IN lists, bulk inserts) are rarely repeated: not worth a slot. */
const PREPARED_MAX_LENGTH = 8000;

/**
 * Every statement with parameters becomes a named prepared statement on its
 * connection, named by a hash of its text: the first use parses it, later uses
 * only bind and execute, so PostgreSQL neither parses nor (once it settles on a
 * generic plan) plans it again, and less is sent. Drizzle builds the same text
 * for the same query, so the set is small. Statements without parameters (DDL,
 * begin/commit, migrations) are left alone.
 */
function prepareStatements(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const base = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.PoolClient, config: unknown, ...rest: unknown[]) {
    const query = config as { text?: unknown; values?: unknown[]; name?: string } | null;
    if (query && typeof query === "object" && typeof query.text === "string" && !query.name && query.values?.length && query.text.length <= PREPARED_MAX_LENGTH) {
      const name = `s${createHash("sha1").update(query.text).digest("base64url")}`;
      if (prepared.has(name) || prepared.size < PREPARED_PER_CONNECTION) {
        prepared.add(name);
        return base.query.call(this, { ...query, name }, ...rest);
      }
    }
    return base.query.call(this, config, ...rest);
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let pool: pg.Pool;
  if (options.databaseUrl) {
    // Idle connections are kept five minutes (pg's default is 10 s): a connection closed in a lull
    // is opened again under the next burst with a cold backend (its catalog caches and our prepared
    // statements gone), which stalled every request for half a second in the hotline bench.
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20, idleTimeoutMillis: 300_000 });
  } else {
    embedded = await startEmbeddedDatabase(options.dataDir);
    // PGlite is one session: a single pooled connection serialises access, and
    // a transaction holds it until commit, which gives the same isolation the
    // server gives.
    pool = new pg.Pool({ host: embedded.socketDir, port: 5432, user: "postgres", database: "postgres", max: 1 });
  }
  const tag = {};
  (pool as unknown as Record<symbol, unknown>)[DATABASE_TAG] = tag;
  pool.on("connect", (client) => {
    (client as unknown as Record<symbol, unknown>)[DATABASE_TAG] = tag;
    prepareStatements(client);
  });
  pool.on("error", () => {
    // An idle client lost its connection (server restart); the pool replaces it.
  });
  // Fail fast with a clear error when the server is unreachable.
  await pool.query("select 1");
  const db = drizzle(pool) as Db;
  let closing: Promise<void> | null = null;
  return {
    kind: embedded ? "embedded" : "postgres",
    pool,
    db,
    close() {
      closing ??= (async () => {
        await pool.end();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}
