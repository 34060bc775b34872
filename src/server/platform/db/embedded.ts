import { Worker } from "node:worker_threads";
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AppError } from "../errors.ts";

export type EmbeddedDatabase = {
  /** Directory that holds the `.s.PGSQL.5432` socket; `pg` takes it as `host`. */
  socketDir: string;
  stop(): Promise<void>;
};

const WORKER_URL = new URL("./embedded-worker.mjs", import.meta.url);

/**
 * Starts PGlite in a worker thread. `dataDir` null means an in-memory database
 * (tests). A lock file keeps two processes from opening the same data directory,
 * which would corrupt it: PGlite is single-process.
 */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let pgDir: string | null = null;
  let lockPath: string | null = null;
  if (dataDir) {
    const root = resolve(dataDir);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    pgDir = join(root, "pg");
    lockPath = join(root, "santai.lock");
    takeLock(lockPath);
  }
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short
  // private temp directory rather than inside the data directory.
  const socketDir = mkdtempSync(join(tmpdir(), "santai-pg-"));
  const socketPath = join(socketDir, ".s.PGSQL.5432");
  const worker = new Worker(WORKER_URL, { workerData: { dataDir: pgDir, socketPath } });

  await new Promise<void>((ready, fail) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === "ready") {
        worker.off("message", onMessage);
        ready();
      } else if (message.type === "error") {
        fail(new AppError("INTERNAL", `Embedded database failed to start: ${message.message}`));
      }
    };
    worker.on("message", onMessage);
    worker.once("error", fail);
  }).catch((error) => {
    if (lockPath) rmSync(lockPath, { force: true });
    void worker.terminate();
    throw error;
  });

  let stopping: Promise<void> | null = null;
  return {
    socketDir,
    stop() {
      stopping ??= new Promise<void>((done) => {
        const timer = setTimeout(() => void worker.terminate().then(() => done()), 10_000);
        worker.on("message", (message: { type: string }) => {
          if (message.type !== "stopped") return;
          clearTimeout(timer);
          void worker.terminate().then(() => done());
        });
        worker.postMessage({ type: "stop" });
      }).finally(() => {
        rmSync(socketDir, { recursive: true, force: true });
        if (lockPath) rmSync(lockPath, { force: true });
      });
      return stopping;
    },
  };
}

function takeLock(lockPath: string): void {
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new AppError(
        "DATA_DIR_LOCKED",
        `The data directory is in use by process ${pid}; stop it first (the embedded database allows one process).`,
      );
    }
  }
  writeFileSync(lockPath, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
