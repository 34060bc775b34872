import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Config } from "../../platform/config.ts";

/** Where attachment bytes live; the database keeps only the key, type, size and hash. */
export type AttachmentStore = {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when the key holds nothing. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
};

/** Keys are made by the server (`<ticket id>/<uuid>`); anything else is refused before it reaches the disk. */
const KEY_PATTERN = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function pathOf(root: string, key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Bad attachment key ${JSON.stringify(key)}`);
  return join(root, key);
}

/** Files on disk under `root`, one per key; written to a temporary name and renamed, so a reader never sees half a file. */
export function diskAttachmentStore(root: string): AttachmentStore {
  return {
    async put(key, bytes) {
      const path = pathOf(root, key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomBytes(6).toString("hex")}.part`;
      await writeFile(partial, bytes, { flag: "wx", mode: 0o600 });
      await rename(partial, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(root, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(root, key), { force: true });
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
