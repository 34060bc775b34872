// Startup bench: seconds from launching `node bin/santai.js serve` to a healthy
// GET /api/health, (a) on a new, empty database (migrations + demo seed) and
// (b) on that existing database, three times (median reported).
//
// Embedded database by default (a temporary SANTAI_DATA_DIR); with DATABASE_URL
// set, a fresh database on that server (created here, `--demo` passed so the seed
// runs, dropped afterwards). Progress goes to stderr; the last stdout line is JSON.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAUNCH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const POLL_MS = 50;
const EXISTING_RUNS = 3;
const AIM_EXISTING_SECONDS = 2;

const log = (message: string) => process.stderr.write(`[startup] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (seconds: number) => Math.round(seconds * 100) / 100;

/** Every server still running, so that nothing outlives the bench. */
const running = new Set<ChildProcess>();
function killAll() {
  for (const child of running) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}
/** Removes the temporary directory or database; set once it exists. */
let cleanup: (() => Promise<void>) | null = null;
let cleaning: Promise<void> | null = null;
/** Runs the cleanup once; every caller (normal end, error, signal) waits for the same run. */
function runCleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (!cleanup) return;
    try {
      await Promise.race([cleanup(), sleep(15_000).then(() => Promise.reject(new Error("timed out")))]);
    } catch (error) {
      log(`cleanup failed: ${(error as Error).message}`);
    }
  })();
  return cleaning;
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    killAll();
    void runCleanup().finally(() => process.exit(130));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

type Target = { kind: "embedded"; dataDir: string } | { kind: "postgres"; url: string };

type Server = { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; output: () => string };

function launch(target: Target, port: number): Server {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  const args = [join(ROOT, "bin/santai.js"), "serve"];
  if (target.kind === "embedded") {
    delete env.DATABASE_URL;
    env.SANTAI_DATA_DIR = target.dataDir;
  } else {
    env.DATABASE_URL = target.url;
    args.push("--demo");
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.on("error", (error) => {
      keep(Buffer.from(`spawn error: ${error.message}\n`));
      running.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  return { child, exited, output: () => output };
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    if (response.status !== 200) return false;
    const body = (await response.json()) as { status?: string };
    return body.status === "ok";
  } catch {
    return false;
  }
}

/** Launches the server, returns seconds to healthy, and stops it again (SIGINT). */
async function measure(target: Target, label: string): Promise<number> {
  const port = await freePort();
  const startedAt = performance.now();
  const server = launch(target, port);
  let hasExited = false;
  void server.exited.then(() => (hasExited = true));
  try {
    const deadline = startedAt + LAUNCH_TIMEOUT_MS;
    let seconds: number | null = null;
    while (performance.now() < deadline) {
      if (hasExited) break;
      if (await isHealthy(port)) {
        seconds = (performance.now() - startedAt) / 1000;
        break;
      }
      await sleep(POLL_MS);
    }
    if (seconds === null) {
      const why = hasExited ? `the server exited (${JSON.stringify(await server.exited)})` : `not healthy within ${LAUNCH_TIMEOUT_MS / 1000}s`;
      throw new Error(`${label}: ${why}; its output:\n${server.output()}`);
    }
    log(`${label}: healthy after ${seconds.toFixed(2)}s`);
    await stop(server, label);
    return seconds;
  } finally {
    if (running.has(server.child)) {
      server.child.kill("SIGKILL");
      await Promise.race([server.exited, sleep(5000)]);
    }
  }
}

async function stop(server: Server, label: string): Promise<void> {
  server.child.kill("SIGINT");
  const result = await Promise.race([server.exited, sleep(STOP_TIMEOUT_MS).then(() => null)]);
  if (result === null) {
    server.child.kill("SIGKILL");
    await Promise.race([server.exited, sleep(5000)]);
    throw new Error(`${label}: did not stop within ${STOP_TIMEOUT_MS / 1000}s of SIGINT; its output:\n${server.output()}`);
  }
  if (result.code !== 0) log(`${label}: warning: stopped with ${JSON.stringify(result)}; its output:\n${server.output()}`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function main() {
  const serverUrl = process.env.DATABASE_URL?.trim() || null;
  let target: Target;
  if (serverUrl) {
    const name = `santai_bench_${randomBytes(6).toString("hex")}`;
    await withAdmin(serverUrl, (client) => client.query(`create database ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = { kind: "postgres", url: url.toString() };
    log(`database: PostgreSQL server, fresh database ${name}`);
    cleanup = async () => {
      await withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), "santai-bench-startup-"));
    target = { kind: "embedded", dataDir: join(dir, "data") };
    log(`database: embedded, data directory ${target.dataDir}`);
    cleanup = () => rm(dir, { recursive: true, force: true });
  }

  try {
    const newSeconds = await measure(target, "new database");
    const existingRuns: number[] = [];
    for (let run = 1; run <= EXISTING_RUNS; run++) existingRuns.push(await measure(target, `existing database, run ${run}/${EXISTING_RUNS}`));
    const result = {
      bench: "startup",
      database: target.kind,
      newSeconds: round(newSeconds),
      existingSeconds: round(median(existingRuns)),
      existingRuns: existingRuns.map(round),
      aimExistingSeconds: AIM_EXISTING_SECONDS,
    };
    if (result.existingSeconds > AIM_EXISTING_SECONDS) log(`note: existing-database startup ${result.existingSeconds}s is over the ${AIM_EXISTING_SECONDS}s aim`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    killAll();
    await runCleanup();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    killAll();
    await runCleanup();
    process.exit(1);
  },
);
