import { createHash, randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "./config.ts";
import type { Database } from "./db/index.ts";

/**
 * The keyring: every secret key the app holds, kept OUTSIDE the database so a
 * database backup never carries the key that opens it (see docs/keys.md).
 *
 * - Personal-data keys (AES-256-GCM, and the HMAC of the lookup hashes): one
 *   current key seals new values; retired keys still open older values and
 *   backups. Each sealed value names its key by id.
 * - The audit key (HMAC-SHA256) keys the ticket event chain and the audit log
 *   chain. It is never rotated with the data keys: old chains must still verify.
 *
 * Sources, per kind, the environment first:
 * - SANTAI_DATA_KEY (current), SANTAI_DATA_KEYS_RETIRED (comma-separated),
 *   SANTAI_AUDIT_KEY — each base64 of 32 random bytes;
 * - a key file (`keys.json`, mode 0600 in a 0700 directory): SANTAI_KEY_FILE, or by
 *   default `<SANTAI_DATA_DIR>/keys.json` with the embedded database. A kind the
 *   environment does not give is generated there on first start.
 * - On a PostgreSQL server (DATABASE_URL) there is no default file: without the
 *   variables or SANTAI_KEY_FILE the server refuses to start (KeyConfigError).
 * - An in-memory database (tests) gets keys made for the process.
 */

/** A key and its id: the id is derived from the key, so ids need no bookkeeping and are the same everywhere. */
export type Key = { id: string; key: Buffer };

export type Keyring = {
  /** The personal-data key new values are sealed with. */
  data: Key;
  /** Every personal-data key that can open a value: the current one first, then the retired ones. */
  dataKeys: readonly Key[];
  /** The audit-chain HMAC key (ticket events, audit log). */
  audit: Key;
  /** Where the keys come from, for messages and `santai rotate-data-key`. */
  source: KeySettings;
};

/** Raised when the keys are missing or malformed: the process must not start. The message says what to set. */
export class KeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyConfigError";
  }
}

/** Where the keys come from, resolved from the configuration before the database is opened. */
export type KeySettings = {
  env: { data: Key | null; retired: Key[]; audit: Key | null };
  /**
   * The key file: holds what the environment does not give (made on first start),
   * and is read when it exists even if the environment gives everything, so keys
   * set later do not orphan what the file's keys sealed. null: none (a server
   * without SANTAI_KEY_FILE, or in memory).
   */
  file: string | null;
  /** The environment does not give every kind: the file must hold the rest. */
  isFileNeeded: boolean;
  /** No file and no environment: keys live and die with the process (an in-memory database). */
  isEphemeral: boolean;
};

/** The key file's content. Keys only; their ids are derived. */
export type KeyFile = {
  about?: string;
  /** `current` seals (absent when SANTAI_DATA_KEY gives it); `retired` still open older values, newest first. */
  data?: { current?: string; retired: string[] };
  audit?: string;
  /** Set while `santai rotate-data-key` re-seals under a new current key, so a re-run continues instead of making another. */
  rotation?: { to: string; startedAt: string };
};

const KEY_BYTES = 32;
const ABOUT =
  "Santai's keys (docs/keys.md). Keep this file out of database backups and back it up separately: without it the personal data and the audit chains cannot be read or verified.";

/** First 8 hex digits of SHA-256("santai-key-id" ‖ key): stable, short, and reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("santai-key-id").update(key).digest("hex").slice(0, 8);
}

export const toKey = (key: Buffer): Key => ({ id: keyIdOf(key), key });

/** A new random key. */
export const generateKey = (): Key => toKey(randomBytes(KEY_BYTES));

/** base64 of exactly 32 bytes, or a KeyConfigError naming where the text came from. */
export function parseKey(text: string, from: string): Key {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || bytes.length !== KEY_BYTES) {
    throw new KeyConfigError(`${from} must be base64 of ${KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`), got ${bytes.length} bytes`);
  }
  return toKey(bytes);
}

/** The keys of the environment and where the rest come from. Throws KeyConfigError on a server without keys. */
export function resolveKeySettings(config: Pick<Config, "dataDir" | "databaseUrl">, env: NodeJS.ProcessEnv = process.env): KeySettings {
  const data = env.SANTAI_DATA_KEY?.trim() ? parseKey(env.SANTAI_DATA_KEY, "SANTAI_DATA_KEY") : null;
  const retired = (env.SANTAI_DATA_KEYS_RETIRED ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((text, i) => parseKey(text, `SANTAI_DATA_KEYS_RETIRED (key ${i + 1})`));
  const audit = env.SANTAI_AUDIT_KEY?.trim() ? parseKey(env.SANTAI_AUDIT_KEY, "SANTAI_AUDIT_KEY") : null;
  const needsFile = !data || !audit;
  const explicitFile = env.SANTAI_KEY_FILE?.trim() ? resolve(env.SANTAI_KEY_FILE.trim()) : null;
  // The embedded database's directory is this install's own; a server's database lives elsewhere, and
  // generated keys are kept beside it only when the operator names the file.
  const file = explicitFile ?? (!config.databaseUrl && config.dataDir ? join(config.dataDir, "keys.json") : null);
  if (needsFile && !file && config.databaseUrl) {
    const missing = [data ? null : "SANTAI_DATA_KEY", audit ? null : "SANTAI_AUDIT_KEY"].filter(Boolean).join(" and ");
    throw new KeyConfigError(
      `On a PostgreSQL server (DATABASE_URL) the keys must be configured, so that no key is kept in the database and its backups: ` +
        `set ${missing} (each base64 of 32 random bytes: \`openssl rand -base64 32\`), ` +
        `or SANTAI_KEY_FILE=/path/keys.json to generate them into that file (back it up apart from the database). See docs/keys.md.`,
    );
  }
  return { env: { data, retired, audit }, file, isFileNeeded: needsFile, isEphemeral: needsFile && !file };
}

/** Reads the key file; null when it does not exist. Refuses a file other users may read. */
export function readKeyFile(path: string): KeyFile | null {
  if (!existsSync(path)) return null;
  if (process.platform !== "win32") {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) throw new KeyConfigError(`${path} is readable by other users (mode ${mode.toString(8)}): \`chmod 600 ${path}\``);
  }
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as KeyFile;
  } catch (error) {
    throw new KeyConfigError(`${path} is not a key file (${(error as Error).message})`);
  }
  if (parsed.data) {
    if (parsed.data.current) parseKey(parsed.data.current, `${path}: data.current`);
    parsed.data.retired ??= [];
    parsed.data.retired.forEach((k, i) => parseKey(k, `${path}: data.retired[${i}]`));
  }
  if (parsed.audit) parseKey(parsed.audit, `${path}: audit`);
  return parsed;
}

/**
 * Writes the key file whole: to a new file of mode 0600, flushed, then renamed over
 * the old one, so a crash leaves the old file or the new one, never half of one.
 * A missing directory is made with mode 0700.
 */
export function writeKeyFile(path: string, content: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(partial, "wx", 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ ...content, about: ABOUT }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  // The rename is durable once the directory is flushed.
  try {
    const dir = openSync(dirname(path), "r");
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Not every platform can open a directory; the rename itself is atomic.
  }
}

/**
 * Ensures the key file holds every kind the environment does not give, generating
 * what is missing, and returns it. The data directory of the embedded database
 * is tightened to 0700: it holds the database, the attachments and this file.
 */
export function ensureKeyFile(settings: KeySettings, dataDir: string | null): KeyFile | null {
  if (!settings.file) return null;
  if (!settings.isFileNeeded && !existsSync(settings.file)) return null;
  if (dataDir && resolve(dirname(settings.file)) === resolve(dataDir) && existsSync(dataDir) && process.platform !== "win32") {
    if (statSync(dataDir).mode & 0o077) chmodSync(dataDir, 0o700);
  }
  const existing = readKeyFile(settings.file) ?? {};
  const next: KeyFile = { ...existing };
  if (!settings.env.data && !next.data?.current) next.data = { retired: [], ...next.data, current: generateKey().key.toString("base64") };
  if (!settings.env.audit && !next.audit) next.audit = generateKey().key.toString("base64");
  if (next.data !== existing.data || next.audit !== existing.audit || !existsSync(settings.file)) writeKeyFile(settings.file, next);
  return next;
}

/** The keyring from the settings, the key file and (for an install from before keys left the database) its legacy key. */
export function buildKeyring(settings: KeySettings, file: KeyFile | null, legacy: Buffer | null = null, ephemeral?: { data: Key; audit: Key }): Keyring {
  const fromFile = (text: string | undefined) => (text ? toKey(Buffer.from(text, "base64")) : null);
  const fileCurrent = fromFile(file?.data?.current);
  const fileRetired = (file?.data?.retired ?? []).map((k) => toKey(Buffer.from(k, "base64")));
  const made = settings.isEphemeral ? (ephemeral ?? { data: generateKey(), audit: generateKey() }) : null;
  const data = settings.env.data ?? fileCurrent ?? made?.data;
  const audit = settings.env.audit ?? fromFile(file?.audit) ?? made?.audit;
  if (!data || !audit) throw new KeyConfigError("No personal-data or audit key: set SANTAI_DATA_KEY and SANTAI_AUDIT_KEY, or SANTAI_KEY_FILE (docs/keys.md)");
  // A key set in the environment later does not orphan what the file's key sealed: every key known still opens.
  const candidates = [data, ...settings.env.retired, fileCurrent, ...fileRetired, legacy ? toKey(legacy) : null];
  const dataKeys: Key[] = [];
  for (const key of candidates) if (key && !dataKeys.some((k) => k.id === key.id)) dataKeys.push(key);
  return { data, dataKeys, audit, source: settings };
}

/** A keyring for an in-memory database or a test: made now, forgotten with the process. */
export function ephemeralKeyring(): Keyring {
  return buildKeyring({ env: { data: null, retired: [], audit: null }, file: null, isFileNeeded: true, isEphemeral: true }, null);
}

/**
 * Opens the keyring for a database. Before keys left the database, an install
 * without SANTAI_DATA_KEY kept a generated key in `platform_secrets`; that key
 * still opens its old values (format v1), so it joins the keyring as a retired
 * key. With a key file it is moved there and its row deleted, so backups taken
 * from now on hold no key; without one (keys from the environment) it is read
 * from the row until `santai rotate-data-key` has re-sealed everything, which
 * then deletes it.
 */
export async function openKeyring(settings: KeySettings, database: Pick<Database, "pool">, dataDir: string | null): Promise<Keyring> {
  let file = ensureKeyFile(settings, dataDir);
  const legacy = await readLegacyKey(database);
  if (legacy && file && settings.file) {
    const text = legacy.toString("base64");
    const data = file.data ?? { retired: [] };
    if (data.current !== text && !data.retired.includes(text)) {
      file = { ...file, data: { ...data, retired: [...data.retired, text] } };
      writeKeyFile(settings.file, file);
    }
    await forgetLegacyKey(database);
    return buildKeyring(settings, file);
  }
  return buildKeyring(settings, file, legacy);
}

/** The key an earlier version generated into the database, if it is still there. */
export async function readLegacyKey(database: Pick<Database, "pool">): Promise<Buffer | null> {
  const { rows } = await database.pool.query<{ value: string }>("select value from platform_secrets where name = 'data_key'");
  return rows[0] ? Buffer.from(rows[0].value, "base64") : null;
}

/** Deletes the key an earlier version kept in the database (once it is kept elsewhere, or nothing needs it). */
export async function forgetLegacyKey(database: Pick<Database, "pool">): Promise<void> {
  await database.pool.query("delete from platform_secrets where name = 'data_key'");
}
