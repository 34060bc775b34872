import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Database, Tx } from "./db/index.ts";
import type { Key } from "./keys.ts";

/**
 * The keyed hash chains of the audit trail (docs/audit-trail.md): the ticket
 * events (one chain per ticket), the audit log (one global chain) and the daily
 * checkpoints. No domain knowledge here: the HMAC, the canonical form, and which
 * key a database's chains are written and checked with.
 */

/** The first link of every chain points at this. */
export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * One link: HMAC-SHA256 under the audit key over a domain label (so a ticket
 * event's MAC can never pass for an audit-log row's), the previous link's hash
 * and the canonical JSON of every stored field of the row.
 */
export function chainMac(key: Key, domain: string, prevHash: string, content: Record<string, unknown>): string {
  return createHmac("sha256", key.key).update(domain).update("\n").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

/** Constant-time comparison of two hex MACs. */
export function isSameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The old, unkeyed link (before migration 0013): SHA-256 over the previous hash and the content. Used once, to check legacy rows before they are re-chained. */
export const legacyHash = (prevHash: string, content: Record<string, unknown>) =>
  createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");

/**
 * The audit keys a database's chains use: `signing` writes new links; `keys`
 * (by id) are every key a link may name — the signing key and, after an audit-key
 * rotation, the retired ones (docs/audit-trail.md, "Rotating the audit key").
 */
export type AuditChainKeys = { signing: Key; keys: ReadonlyMap<string, Key> };

/**
 * Which audit keys a database's chains are written with. The binding belongs to
 * the opened database (its drizzle instance), not to the process: several apps
 * with different keyrings on different databases can live in one process (the
 * tests do). Why bound to the database rather than passed to every command: the
 * writers of the chains (recordTicketEvent, recordAudit) are called from some
 * forty commands through every module, all of which already receive the
 * transaction; the transaction is the one thing they all carry.
 */
const bindings = new WeakMap<object, { signing: Key | null; keys: Map<string, Key> }>();

/** Every transaction and the database itself share their drizzle instance's dialect object: the handle the binding hangs on. */
const handleOf = (tx: Tx | Database["db"]): object => {
  const dialect = (tx as unknown as { dialect?: object }).dialect;
  if (!dialect) throw new Error("audit chain: not a drizzle database or transaction");
  return dialect;
};

/**
 * Binds the audit key that new links of this database are signed with; keys
 * bound earlier (and `retired`) still verify the links they made. Called by
 * buildApp with the keyring's audit key, by the CLI before it writes, and by the
 * test database helper.
 */
export function bindAuditKey(database: Pick<Database, "db">, key: Key, retired: readonly Key[] = []): void {
  const handle = handleOf(database.db);
  const binding = bindings.get(handle) ?? { signing: null, keys: new Map<string, Key>() };
  for (const k of [key, ...retired]) binding.keys.set(k.id, k);
  binding.signing = key;
  bindings.set(handle, binding);
}

/** The audit keys of the database this transaction belongs to; throws if none was bound (a chain must never be written unkeyed). */
export function auditChainKeys(tx: Tx): AuditChainKeys {
  const binding = bindings.get(handleOf(tx));
  if (!binding?.signing) throw new Error("No audit key is bound to this database: call bindAuditKey (buildApp does) before writing the audit trail");
  return { signing: binding.signing, keys: binding.keys };
}

/**
 * Whether `tx` is a transaction (not the database itself): a chain append reads
 * its head `for update` and writes in a second statement, which only hold
 * together inside one transaction.
 */
export const isTransaction = (tx: Tx): boolean => typeof (tx as { rollback?: unknown }).rollback === "function";

/** Whether an audit key is bound (the legacy re-chain needs one only when there is something to re-chain). */
export const hasAuditKey = (database: Pick<Database, "db">): boolean => Boolean(bindings.get(handleOf(database.db))?.signing);
