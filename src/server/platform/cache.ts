import { sql } from "drizzle-orm";
import { databaseTagOf, type Tx } from "./db/index.ts";

/**
 * In-process caches of reference data that changes rarely and is read on every
 * intake: regions, service settings, the working-day calendar (issue 7, item 9).
 *
 * Several Santai processes may serve one PostgreSQL database, so a cache must see
 * a change made through another process. Each cached set has a row in
 * `cache_versions` (migration 0017) whose version a statement-level trigger on
 * the cached tables bumps in the changing transaction, whoever writes. A process
 * remembers the versions it last saw per database, and a cached value is used
 * only while it was loaded under the version seen now.
 *
 * The versions are seen without a statement of their own: every staff request's
 * session lookup reads them in the same query (`cacheVersionsColumn`). So a staff
 * request sees every change committed before its own session was read, in any
 * process. A lookup with no fresh sighting (the scheduler, upstream requests,
 * code run outside a request) asks the database first, at most once per
 * CACHE_MAX_AGE_MS per process; its staleness is bounded by that.
 *
 * A transaction that changes a cached table and then reads it through a cache
 * must call `expireCacheVersions(tx)` (the save commands do): the next lookup
 * then asks, sees that the version row was changed by its own transaction, and
 * reads past the cache (an uncommitted change is never cached).
 *
 * Why not LISTEN/NOTIFY: a notification arrives some time after the commit, on a
 * connection that can drop (and lose notifications), so a request could still use
 * what was just replaced; reading the version with the session is exact and costs
 * no round trip.
 */
export const CACHE_MAX_AGE_MS = 1000;

/** Entries per cache before it starts again (a bound on memory, not an eviction policy). */
const MAX_ENTRIES = 10_000;

type Entry = { version: string; values: Map<string, unknown> };
type DatabaseState = { versions: Map<string, { token: string; version: number }>; checkedAt: number; entries: Map<string, Entry> };

const states = new WeakMap<object, DatabaseState>();
function stateOf(tag: object): DatabaseState {
  let state = states.get(tag);
  if (!state) states.set(tag, (state = { versions: new Map(), checkedAt: Number.NEGATIVE_INFINITY, entries: new Map() }));
  return state;
}

const label = (v: { token: string; version: number }) => `${v.token}:${v.version}`;

/** A column for a query every request makes anyway: the versions, `{ name: "token:version" }`. */
export const cacheVersionsColumn = sql<Record<string, string> | null>`(select json_object_agg(name, token || ':' || version) from cache_versions)`.as("cache_versions");

/** Records versions read from the database (monotonically: a late answer never takes a version back). */
export function observeCacheVersions(tx: Tx, versions: Record<string, string> | null | undefined): void {
  const tag = databaseTagOf(tx);
  if (!tag || !versions) return;
  const state = stateOf(tag);
  for (const [name, value] of Object.entries(versions)) see(state, name, value);
  state.checkedAt = performance.now();
}

function see(state: DatabaseState, name: string, value: string): void {
  const cut = value.lastIndexOf(":");
  const seen = { token: value.slice(0, cut), version: Number(value.slice(cut + 1)) };
  const known = state.versions.get(name);
  if (!known || known.token !== seen.token || seen.version > known.version) state.versions.set(name, seen);
}

/** The next lookup on this database asks for the versions (call after changing a cached table). */
export function expireCacheVersions(tx: Tx): void {
  const tag = databaseTagOf(tx);
  if (tag) stateOf(tag).checkedAt = Number.NEGATIVE_INFINITY;
}

/** The version of `name` to use now; null: read past the cache (unknown database, or changed by this very transaction). */
async function currentVersion(tx: Tx, state: DatabaseState, name: string): Promise<string | null> {
  const known = state.versions.get(name);
  if (known && performance.now() - state.checkedAt <= CACHE_MAX_AGE_MS) return label(known);
  const { rows } = await tx.execute<{ name: string; value: string; is_mine: boolean }>(
    sql`select name, token || ':' || version as value, coalesce(changed_by_xact = pg_current_xact_id_if_assigned(), false) as is_mine from cache_versions`,
  );
  let isAnyMine = false;
  let isWantedMine = false;
  for (const row of rows) {
    if (row.is_mine) {
      isAnyMine = true;
      if (row.name === name) isWantedMine = true;
    } else {
      see(state, row.name, row.value);
    }
  }
  // Seen inside a transaction that changed something cached: ask again next time.
  if (!isAnyMine) state.checkedAt = performance.now();
  const now = state.versions.get(name);
  return isWantedMine || !now ? null : label(now);
}

export type VersionedCache<K extends string, V> = {
  get(tx: Tx, key: K): Promise<V>;
  /** Several keys at once; the misses are loaded together. */
  getMany(tx: Tx, keys: readonly K[]): Promise<Map<K, V>>;
};

let nextCacheId = 0;

/**
 * A cache of values of the data set `name` (a row of cache_versions), per key,
 * filled by `loadMany` (misses only, in one call). Values are shared: callers must
 * not change them.
 */
export function versionedCache<K extends string, V>(name: string, loadMany: (tx: Tx, keys: readonly K[]) => Promise<Map<K, V>>): VersionedCache<K, V> {
  const id = `${name}#${nextCacheId++}`;
  const getMany = async (tx: Tx, keys: readonly K[]): Promise<Map<K, V>> => {
    const tag = databaseTagOf(tx);
    const state = tag ? stateOf(tag) : null;
    const version = state ? await currentVersion(tx, state, name) : null;
    if (!state || !version) return loadMany(tx, keys);
    let current = state.entries.get(id);
    if (!current || current.version !== version || current.values.size >= MAX_ENTRIES) state.entries.set(id, (current = { version, values: new Map() }));
    const entry = current;
    const misses = [...new Set(keys)].filter((key) => !entry.values.has(key));
    // Only loaded values are shared, never a load in progress: a caller must not wait
    // on another's statement (the embedded database has one connection, which a
    // transaction holds).
    if (misses.length) {
      const loaded = await loadMany(tx, misses);
      for (const key of misses) entry.values.set(key, loaded.get(key));
    }
    const found = new Map<K, V>();
    for (const key of keys) found.set(key, entry.values.get(key) as V);
    return found;
  };
  return {
    getMany,
    get: async (tx, key) => (await getMany(tx, [key])).get(key) as V,
  };
}
