import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../../platform/config.ts";
import type { Protector } from "../../platform/personal/protect.ts";

/** Where attachment bytes live; the database keeps only the key, type, size and hash (of the plain bytes). */
export type AttachmentStore = {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The plain bytes, or null when the key holds nothing. Throws UnreadableError when no key opens them. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /**
   * Brings one file under the current data key: `current` when it already is,
   * `missing` when there is no file. `sha256` is the recorded hash of the plain
   * bytes: a file that does not open to them is left as it is (UnreadableError).
   */
  reseal(key: string, sha256: string): Promise<"resealed" | "current" | "missing">;
};

/** Keys are made by the server (`<ticket id>/<uuid>`); anything else is refused before it reaches the disk. */
const KEY_PATTERN = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function pathOf(root: string, key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Bad attachment key ${JSON.stringify(key)}`);
  return join(root, key);
}

/**
 * Files on disk under `root`, one per key, sealed with the current data key
 * (scans of ID cards are personal data; the header names the key: protect.ts).
 * Files stored before sealing have no header and are read as they are. Written
 * to a temporary name and renamed, so a reader never sees half a file.
 */
export function diskAttachmentStore(root: string, protector: Protector): AttachmentStore {
  const write = async (path: string, bytes: Buffer) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${randomBytes(6).toString("hex")}.part`;
    await writeFile(partial, bytes, { flag: "wx", mode: 0o600 });
    await rename(partial, path);
  };
  const read = async (path: string) => {
    try {
      return await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };
  return {
    put: (key, bytes) => write(pathOf(root, key), protector.sealBytes(bytes)),
    async get(key) {
      const stored = await read(pathOf(root, key));
      return stored && protector.openBytes(stored);
    },
    async delete(key) {
      await rm(pathOf(root, key), { force: true });
    },
    async reseal(key, sha256) {
      const path = pathOf(root, key);
      const stored = await read(path);
      if (!stored) return "missing";
      if (protector.bytesKeyIdOf(stored) === protector.currentKeyId) return "current";
      const plain = protector.openBytes(stored);
      if (createHash("sha256").update(plain).digest("hex") !== sha256) {
        throw new Error(`attachment ${key}: the file does not match its recorded sha256; left as it is`);
      }
      await write(path, protector.sealBytes(plain));
      return "resealed";
    },
  };
}

/**
 * `<dataDir>/attachments`; with no data directory (in-memory database, or a
 * server without SANTAI_DATA_DIR use) a directory of this process under the system's temp.
 */
export function attachmentRoot(config: Pick<Config, "dataDir">): string {
  return config.dataDir ? join(config.dataDir, "attachments") : join(tmpdir(), `santai-attachments-${process.pid}`);
}
