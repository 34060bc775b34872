import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { toKey, type Key, type Keyring } from "../keys.ts";
import type { Db, Tx } from "../db/index.ts";

/**
 * Protects personal data at rest: phone and ID numbers are stored sealed
 * (AES-256-GCM) for the staff who must see them, plus a keyed hash (HMAC-SHA256)
 * so that "earlier tickets of this phone" is an index lookup that reveals nothing.
 * Attachment files are sealed the same way.
 *
 * Formats (docs/keys.md):
 * - text: `v2.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>`, the prefix `v2.<key id>`
 *   authenticated as associated data. The older `v1.<base64url(iv ‖ tag ‖ ciphertext)>`
 *   names no key: it is opened by trying the keyring's keys (GCM's tag tells the right one).
 * - files: `SANTAI-SEALED-v2.<key id>.` then iv ‖ tag ‖ ciphertext, the header authenticated.
 *   A file without the header is an attachment stored before files were sealed.
 *
 * The lookup hash of a value is keyed by the data key that sealed it, so a data
 * key's rotation re-computes the hashes with the seals (`santai rotate-data-key`),
 * and a stolen retired key does not keep opening the hashes of new values. A
 * search hashes the value under every key the keyring holds (lookupHashes): rows
 * sealed under a retired key keep matching until they are re-sealed.
 */
export type Protector = {
  /** Seals with the current key. */
  encrypt(value: string): string;
  /** Opens a sealed value; throws UnreadableError when no key of the keyring opens it. */
  decrypt(sealed: string): string;
  /** Opens a sealed value, or null when it cannot be (reported once per key id): lists show a marker instead of failing. */
  tryDecrypt(sealed: string): string | null;
  /** The keyed hash stored beside a value sealed now (current key). */
  lookupHash(value: string): string;
  /** The value's hash under every key of the keyring, current first: what a search matches. */
  lookupHashes(value: string): string[];
  /** The id of the key that sealed this value; null for the old format, which names none. */
  keyIdOf(sealed: string): string | null;
  /** Is the value sealed under the current key (nothing for rotation to do)? */
  isCurrent(sealed: string): boolean;
  /** Seals a file's bytes with the current key. */
  sealBytes(plain: Buffer): Buffer;
  /** A stored file's plain bytes: opened when sealed, as they are when stored before sealing. Throws UnreadableError. */
  openBytes(stored: Buffer): Buffer;
  /** The id of the key a stored file is sealed under; null for a file stored in the clear. */
  bytesKeyIdOf(stored: Buffer): string | null;
  /** The id of the key new values are sealed with. */
  currentKeyId: string;
};

/** A sealed value that no key of the keyring opens (a key not configured here, or an altered value). */
export class UnreadableError extends Error {
  readonly keyId: string | null;
  constructor(message: string, keyId: string | null) {
    super(message);
    this.name = "UnreadableError";
    this.keyId = keyId;
  }
}

/** What a list shows in place of a value it cannot open. */
export const UNREADABLE_MARKER = "（无法解密）";

const FILE_MAGIC = "SANTAI-SEALED-";
const FILE_HEADER = (keyId: string) => Buffer.from(`${FILE_MAGIC}v2.${keyId}.`, "ascii");
const FILE_HEADER_LENGTH = FILE_HEADER("00000000").length;

export type ProtectorOptions = {
  /** Told once per key id when a value cannot be opened (never the value): the app logs it. */
  onUnreadable?: (error: UnreadableError) => void;
};

/** A protector over the keyring's personal-data keys (or one key, for tests). */
export function createProtector(keys: Buffer | Pick<Keyring, "data" | "dataKeys">, options: ProtectorOptions = {}): Protector {
  const ring = Buffer.isBuffer(keys) ? single(keys) : keys;
  for (const key of ring.dataKeys) {
    if (key.key.length !== 32) throw new Error("A personal-data key must be 32 bytes (base64 in SANTAI_DATA_KEY)");
  }
  const current = ring.data;
  const byId = new Map(ring.dataKeys.map((k) => [k.id, k]));
  const hashKeys = new Map(ring.dataKeys.map((k) => [k.id, createHmac("sha256", k.key).update("santai/lookup").digest()]));
  const hashUnder = (id: string, value: string) => createHmac("sha256", hashKeys.get(id)!).update(value.trim().toUpperCase()).digest("base64url");
  const reported = new Set<string>();

  const seal = (key: Key, aad: Buffer, plain: Buffer) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key.key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const open = (key: Key, aad: Buffer | null, raw: Buffer) => {
    const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, 12));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  };
  const openWith = (keyId: string, aad: Buffer, raw: Buffer, what: string) => {
    const key = byId.get(keyId);
    if (!key) throw new UnreadableError(`${what} is sealed under key ${keyId}, which this server does not have (docs/keys.md: keep retired keys)`, keyId);
    try {
      return open(key, aad, raw);
    } catch {
      throw new UnreadableError(`${what} does not open with key ${keyId}: it was altered, or the key is not the one that sealed it`, keyId);
    }
  };

  const protector: Protector = {
    currentKeyId: current.id,
    encrypt(value) {
      const prefix = `v2.${current.id}`;
      return `${prefix}.${seal(current, Buffer.from(prefix), Buffer.from(value, "utf8")).toString("base64url")}`;
    },
    decrypt(sealed) {
      if (sealed.startsWith("v2.")) {
        const [, keyId, body] = sealed.split(".");
        if (!keyId || body === undefined) throw new UnreadableError("A sealed value is malformed", null);
        return openWith(keyId, Buffer.from(`v2.${keyId}`), Buffer.from(body, "base64url"), "A value").toString("utf8");
      }
      if (sealed.startsWith("v1.")) {
        // The old format names no key: the tag tells which one sealed it.
        const raw = Buffer.from(sealed.slice(3), "base64url");
        for (const key of ring.dataKeys) {
          try {
            return open(key, null, raw).toString("utf8");
          } catch {
            // not this one
          }
        }
        throw new UnreadableError("A value in the old format (v1) opens with no key of this server: its key was the one kept in the database (platform_secrets) or SANTAI_DATA_KEY then; add it to SANTAI_DATA_KEYS_RETIRED", null);
      }
      throw new UnreadableError("Not a sealed value", null);
    },
    tryDecrypt(sealed) {
      try {
        return protector.decrypt(sealed);
      } catch (error) {
        if (!(error instanceof UnreadableError)) throw error;
        const id = error.keyId ?? "v1";
        if (!reported.has(id)) {
          reported.add(id);
          options.onUnreadable?.(error);
        }
        return null;
      }
    },
    lookupHash: (value) => hashUnder(current.id, value),
    lookupHashes: (value) => ring.dataKeys.map((k) => hashUnder(k.id, value)),
    keyIdOf: (sealed) => (sealed.startsWith("v2.") ? (sealed.split(".")[1] ?? null) : null),
    isCurrent: (sealed) => sealed.startsWith(`v2.${current.id}.`),
    sealBytes(plain) {
      const header = FILE_HEADER(current.id);
      return Buffer.concat([header, seal(current, header, plain)]);
    },
    openBytes(stored) {
      const keyId = protector.bytesKeyIdOf(stored);
      if (keyId === null) return stored;
      return openWith(keyId, stored.subarray(0, FILE_HEADER_LENGTH), stored.subarray(FILE_HEADER_LENGTH), "A file");
    },
    bytesKeyIdOf(stored) {
      if (stored.length < FILE_HEADER_LENGTH || stored.subarray(0, FILE_MAGIC.length).toString("ascii") !== FILE_MAGIC) return null;
      const match = /^SANTAI-SEALED-v2\.([0-9a-f]{8})\.$/.exec(stored.subarray(0, FILE_HEADER_LENGTH).toString("ascii"));
      if (!match) throw new UnreadableError("A sealed file has a header this version does not know", null);
      return match[1];
    },
  };
  return protector;
}

function single(key: Buffer): Pick<Keyring, "data" | "dataKeys"> {
  const data = toKey(key);
  return { data, dataKeys: [data] };
}

/**
 * A sealed value as a presenter shows it: null when there is none, the marker
 * when it cannot be opened, else `show(plain)` (masked or in full, as the rule says).
 */
export function presentSealed(protector: Protector, sealed: string | null | undefined, show: (plain: string) => string): string | null {
  if (!sealed) return null;
  const plain = protector.tryDecrypt(sealed);
  return plain === null ? UNREADABLE_MARKER : show(plain);
}

/** What `santai rotate-data-key` did to one kind of record. */
export type ResealReport = { resealed: number; current: number; unreadable: number };

export const emptyResealReport = (): ResealReport => ({ resealed: 0, current: 0, unreadable: 0 });

/** Records re-sealed per batch: each batch is one short transaction, so an interrupted run keeps what it did. */
export const RESEAL_BATCH = 200;

/**
 * A sealed value under the current key: null when it already is (nothing to
 * write), else the value sealed anew. Throws UnreadableError when no key opens it.
 */
export function resealed(protector: Protector, sealed: string): string | null {
  return protector.isCurrent(sealed) ? null : protector.encrypt(protector.decrypt(sealed));
}

/**
 * The loop every re-sealing of database rows shares (`santai rotate-data-key`):
 * `read` gives up to RESEAL_BATCH rows after the last id, in id order, locked
 * (`for update`); `reseal` brings one row under the current key and says what it
 * did. Each batch is its own transaction, so an interrupted run keeps what it did
 * and a run again skips what is current. A row no key opens (UnreadableError) is
 * left as it is and counted.
 */
export async function resealInBatches<R extends { id: string }>(
  db: Db,
  read: (tx: Tx, after: string | null, limit: number) => Promise<R[]>,
  reseal: (tx: Tx, row: R) => Promise<"resealed" | "current" | "skipped">,
): Promise<ResealReport> {
  const report = emptyResealReport();
  let after: string | null = null;
  for (;;) {
    const batch: R[] = await db.transaction(async (tx) => {
      const rows = await read(tx, after, RESEAL_BATCH);
      for (const row of rows) {
        try {
          const outcome = await reseal(tx, row);
          if (outcome !== "skipped") report[outcome] += 1;
        } catch (error) {
          if (!(error instanceof UnreadableError)) throw error;
          report.unreadable += 1;
        }
      }
      return rows;
    });
    if (batch.length === 0) return report;
    after = batch[batch.length - 1].id;
  }
}
