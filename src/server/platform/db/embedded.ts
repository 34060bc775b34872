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

/**
 * Takes the data directory's lock file, which holds `<pid> <start time>` of the
 * process using it. A lock left by a process that is gone is taken over; "gone"
 * includes a killed process its parent has not reaped yet (a zombie answers
 * kill(pid, 0) but holds nothing) and a pid reused by another program since
 * (its start time differs). The file is created with O_EXCL so two processes
 * starting at once cannot both take it.
 */
export function takeLock(lockPath: string): void {
  const mine = `${process.pid} ${processStartTime(process.pid) ?? ""}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, mine, { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const [pidText, startTime] = readFileSync(lockPath, "utf8").trim().split(/\s+/);
    const pid = Number(pidText);
    if (pid && pid !== process.pid && isRunning(pid, startTime)) {
      throw new AppError(
        "DATA_DIR_LOCKED",
        `The data directory is in use by process ${pid}; stop it first (the embedded database allows one process).`,
      );
    }
    // Stale: the holder is gone (or is this process). Remove it and take it with
    // O_EXCL again, so a process that got in between wins and we stop.
    rmSync(lockPath, { force: true });
  }
  throw new AppError("DATA_DIR_LOCKED", "Another process took the data directory's lock at the same time; stop it first.");
}

type ProcessStat = { state: string; startTime: string };

/** State and start time (clock ticks after boot) from /proc/<pid>/stat; null when there is no such process or no /proc. */
function readProcessStat(pid: number): ProcessStat | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
  // Fields from the state on: state is field 3, starttime field 22.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], startTime: fields[19] };
}

function processStartTime(pid: number): string | null {
  return readProcessStat(pid)?.startTime ?? null;
}

const hasProc = existsSync("/proc/self/stat");

/**
 * Whether `pid` is still the process that wrote the lock. With /proc (Linux): it
 * exists, is not a zombie (Z) or dead (X), and started when the lock says (a lock
 * written without a start time, by an older version, trusts the pid). Elsewhere
 * only kill(pid, 0) is available, which counts a zombie as running.
 */
function isRunning(pid: number, startTime: string | undefined): boolean {
  if (hasProc) {
    const stat = readProcessStat(pid);
    if (!stat) return false;
    if (stat.state === "Z" || stat.state === "X") return false;
    return !startTime || stat.startTime === startTime;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
