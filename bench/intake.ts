// Intake bench: sustained ticket creation over HTTP, and the same rows as plain
// INSERTs for comparison.
//
// A real server (buildApp + listen on a random 127.0.0.1 port) on the database in
// use — embedded in memory by default, or a fresh database on the server named by
// DATABASE_URL (dropped afterwards) — with the demo city seeded. N clients
// (default 16), signed in as the demo `window` account, POST /api/tickets with
// unique bodies for a warm-up and then ~15 s measured. The clients run in a worker
// thread so the server's event loop is not shared with them. Then, in the same
// run, N connections INSERT equivalent rows into `tickets` one row per statement
// for as long: ratioToInsert = ticketsPerSecond / insertsPerSecond. Last, the
// HTTP floor: the same load generator against a bare Fastify route that only
// INSERTs one row (httpFloorPerSecond) — the most any HTTP intake could reach here.
//
//   npm run bench -- intake [--clients 16] [--seconds 15] [--warmup 3]
//
// Besides the rates, it counts what one create costs, figures that a busy machine
// does not change: statements and transactions per created ticket (every query
// the server's pg clients send, counted from pg.Client; a transaction is a
// begin…commit block or a statement outside one), and CPU milliseconds per
// ticket of the server's threads (the process less the client worker thread) and,
// on a PostgreSQL server on this machine, of the bench database's backends (from
// /proc/<pid>/stat; with the embedded database the database's CPU is inside the
// server process).
//
// Progress on stderr; the last stdout line is JSON.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import Fastify from "fastify";
import pg from "pg";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/platform/config.ts";
import { DEMO_PASSWORD, DEMO_REGIONS, seedDemo } from "../src/server/seed/demo.ts";
import { logger, numberArg, onceCleanup, openBenchDatabase, percentile, round } from "./_bench-database.ts";

const log = logger("intake");
const CLIENTS = numberArg("clients", 16);
const SECONDS = numberArg("seconds", 15);
const WARMUP_SECONDS = numberArg("warmup", 3);
const AIM = { ticketsPerSecond: 500, p99Ms: 100, ratioToInsert: 0.3 };

/** The demo `window` account works in 青川区 (990102): its matters are there. */
const REGIONS = DEMO_REGIONS.filter(([code]) => code.startsWith("990102")).map(([code]) => code);

type LoadResult = { latencies: number[]; completed: number; created: number; errors: number; firstError: string | null; measuredMs: number; workerCpuMs: number };

/** CPU time (user + system, ms) of a process or thread, from its /proc stat line; null where unreadable. */
function procCpuMs(statPath: string): number | null {
  try {
    const stat = readFileSync(statPath, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

/**
 * Counts what the server's pg clients send: statements, and transactions (a
 * begin…commit block, or a statement outside one). Installed on pg.Client, so
 * the pool's clients and drizzle's transactions are all seen.
 */
function countStatements() {
  const counts = { statements: 0, transactions: 0 };
  const traced: string[] = [];
  let isTracing = false;
  const inBlock = new WeakSet<object>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === "string" ? first : first?.text ?? "").trimStart().slice(0, 8).toLowerCase();
    counts.statements++;
    if (isTracing) traced.push((typeof first === "string" ? first : first?.text ?? "").replace(/\s+/g, " ").slice(0, 160));
    if (text.startsWith("begin")) {
      inBlock.add(this);
      counts.transactions++;
    } else if (text.startsWith("commit") || text.startsWith("rollback")) {
      inBlock.delete(this);
    } else if (!inBlock.has(this)) {
      counts.transactions++;
    }
    return query.apply(this, args);
  };
  return {
    snapshot: () => ({ ...counts }),
    /** The statements sent while `work` runs, in order (for `--trace`). */
    async trace(work: () => Promise<unknown>): Promise<string[]> {
      traced.length = 0;
      isTracing = true;
      try {
        await work();
      } finally {
        isTracing = false;
      }
      return [...traced];
    },
  };
}

/** The CPU ms so far of the backends serving this database (null off this machine or on the embedded database). */
async function backendCpuMs(pool: pg.Pool, name: string | null, known: Map<number, number>): Promise<void> {
  if (!name) return;
  const { rows } = await pool.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
  for (const { pid } of rows) {
    const ms = procCpuMs(`/proc/${pid}/stat`);
    if (ms !== null) known.set(pid, ms);
  }
}

// The load generator: plain JS run in a worker thread (Node's fetch keeps connections alive).
const CLIENT_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, cookie, csrf, clients, warmupMs, measureMs, regions } = workerData;
const SERVICES = ["consultation", "consultation", "consultation", "legal_aid", "mediation"];
const CATEGORIES = ["劳动争议", "婚姻家庭", "邻里", "合同", "借贷", "物业"];
let seq = 0;
const latencies = [];
let completed = 0, created = 0, errors = 0, firstError = null;
const fs = require("node:fs");
const threadCpuMs = () => { try { const stat = fs.readFileSync("/proc/thread-self/stat", "utf8"); const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) * 10; } catch { return 0; } };
const cpuAtStart = threadCpuMs();
const start = performance.now();
const measureFrom = start + warmupMs;
const end = measureFrom + measureMs;
const headers = { "content-type": "application/json", cookie, "x-csrf-token": csrf };
async function client() {
  for (;;) {
    const t0 = performance.now();
    if (t0 >= end) return;
    const i = seq++;
    const body = JSON.stringify({
      channel: "window",
      serviceType: SERVICES[i % SERVICES.length],
      category: CATEGORIES[i % CATEGORIES.length],
      regionCode: regions[i % regions.length],
      applicant: { name: "压测" + i, phone: "138" + String(10000000 + (i % 89999999)).padStart(8, "0"), specialGroups: i % 10 === 0 ? ["elderly"] : [] },
      description: "压测工单 " + i + " " + Math.random().toString(36).slice(2),
    });
    let status = 0, text = "";
    try {
      const response = await fetch(url + "/api/tickets", { method: "POST", headers, body });
      status = response.status;
      text = status === 201 ? "" : await response.text();
      if (status === 201) await response.arrayBuffer();
    } catch (error) {
      text = String(error && error.cause ? error.cause.message : error);
    }
    const t1 = performance.now();
    if (status !== 201) {
      errors++;
      if (firstError === null) firstError = status + " " + text.slice(0, 300);
      continue;
    }
    created++;
    if (t1 >= measureFrom && t1 <= end) {
      completed++;
      latencies.push(t1 - t0);
    }
  }
}
const progress = setInterval(() => parentPort.postMessage({ type: "progress", seq, completed, errors, elapsed: performance.now() - start }), 1000);
Promise.all(Array.from({ length: clients }, client)).then(() => {
  clearInterval(progress);
  parentPort.postMessage({ type: "done", result: { latencies, completed, created, errors, firstError, measuredMs: measureMs, workerCpuMs: threadCpuMs() - cpuAtStart } });
});
`;

function runClients(url: string, cookie: string, csrf: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true,
      workerData: { url, cookie, csrf, clients: CLIENTS, warmupMs: WARMUP_SECONDS * 1000, measureMs: SECONDS * 1000, regions: REGIONS },
    });
    worker.on("message", (message: { type: string; seq?: number; completed?: number; errors?: number; elapsed?: number; result?: LoadResult }) => {
      if (message.type === "progress") log(`  ${(message.elapsed! / 1000).toFixed(0)} s: ${message.seq} sent, ${message.completed} measured, ${message.errors} errors`);
      else if (message.type === "done") {
        resolve(message.result!);
        void worker.terminate();
      }
    });
    worker.on("error", reject);
  });
}

/** One ticket-shaped row in one INSERT: what "plain INSERT" means in this bench. */
function insertTicketRow(pool: pg.Pool, sample: Record<string, unknown>, number: string, i: number) {
  const at = new Date();
  return pool.query(
    `insert into tickets (number, channel, service_type, category, region_code, region_path, applicant_name,
       applicant_phone_enc, applicant_phone_hash, special_groups, is_priority, description, language, materials_provided,
       status, bounce_count, is_flagged_to_lead, due_state, is_supervised, created_by, created_by_kind, next_due_at, created_at, updated_at)
     values ($1, 'window', $2, $3, $4, $5, $6, $7, $8, '{}', false, $9, 'zh', '{}', 'submitted', 0, false, 'ok', false, $10, 'staff', $11, $12, $12)`,
    [
      number,
      sample.serviceType,
      sample.category,
      sample.regionCode,
      sample.regionPath,
      `压测${i}`,
      sample.phoneEnc,
      `${sample.phoneHash}${number}`,
      `直接插入 ${i} ${Math.random().toString(36).slice(2)}`,
      sample.createdBy,
      new Date(at.getTime() + 86_400_000),
      at,
    ],
  );
}

/**
 * The HTTP floor: the least a ticket-shaped HTTP request can cost here — a bare
 * Fastify server (no sign-in, validation, encryption, audit, deadlines or outbox)
 * whose one route INSERTs one row and answers 201, driven by the same load
 * generator. It bounds what any intake built on HTTP could reach on this machine.
 */
async function runHttpFloor(pool: pg.Pool, sample: Record<string, unknown>): Promise<LoadResult> {
  const floor = Fastify({ logger: false });
  let seq = 0;
  floor.post("/api/tickets", async (request, reply) => {
    const i = seq++;
    const body = request.body as { description?: string };
    await insertTicketRow(pool, { ...sample }, `FLOOR-${process.pid}-${i}`, i);
    return reply.code(201).send({ id: i, description: body.description?.length ?? 0 });
  });
  await floor.listen({ port: 0, host: "127.0.0.1" });
  try {
    const address = floor.server.address();
    return await runClients(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, "", "");
  } finally {
    await floor.close();
  }
}

/** Equivalent rows, one INSERT each, from N connections at once, for `ms`. */
async function runInserts(pool: pg.Pool, sample: Record<string, unknown>, ms: number): Promise<{ completed: number; seconds: number; p50: number; p99: number }> {
  let seq = 0;
  let completed = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + ms;
  const client = async () => {
    while (performance.now() < end) {
      const i = seq++;
      const t0 = performance.now();
      await insertTicketRow(pool, sample, `BENCH-${process.pid}-${i}`, i);
      const t1 = performance.now();
      if (t1 <= end) {
        completed++;
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { completed, seconds: ms / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((line) => line.split(";")[0].split("=") as [string, string]));
}

async function main() {
  const cleanup = onceCleanup(log);
  try {
    const database = await openBenchDatabase("intake", Math.max(20, CLIENTS + 4));
    cleanup.add(() => database.close());
    log(`database: ${database.kind}${database.name ? ` (fresh database ${database.name})` : " (in memory)"}`);
    await database.db.transaction((tx) => seedDemo(tx, new Date()));
    const config = loadConfig({}, { dataDir: null, webRoot: null, host: "127.0.0.1", port: 0 });
    const counter = countStatements();
    const app = await buildApp({ config, database });
    cleanup.add(() => app.close());
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    log(`server on ${url}`);

    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "window", password: DEMO_PASSWORD }) });
    if (login.status !== 200) throw new Error(`sign-in as window failed: ${login.status} ${await login.text()}`);
    const cookies = cookiesOf(login);
    const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join("; ");

    if (process.argv.includes("--trace")) {
      // What one create sends, statement by statement (after a first one has warmed the caches).
      const createOne = (i: number) =>
        fetch(`${url}/api/tickets`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-csrf-token": cookies.santai_csrf ?? "" },
          body: JSON.stringify({ channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: REGIONS[0], applicant: { name: `追踪${i}`, phone: "13800000000" }, description: `追踪 ${i}` }),
        }).then(async (response) => {
          if (response.status !== 201) throw new Error(`trace create: ${response.status} ${await response.text()}`);
        });
      await createOne(0);
      const statements = await counter.trace(() => createOne(1));
      log(`one create, ${statements.length} statements:\n${statements.map((text, i) => `  ${i + 1}. ${text}`).join("\n")}`);
    }
    log(`${CLIENTS} clients: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured`);
    const backendsBefore = new Map<number, number>();
    await backendCpuMs(database.pool, database.name, backendsBefore);
    const statementsBefore = counter.snapshot();
    const cpuBefore = process.cpuUsage();
    const load = await runClients(url, cookie, cookies.santai_csrf);
    const cpu = process.cpuUsage(cpuBefore);
    const statementsAfter = counter.snapshot();
    const backendsAfter = new Map<number, number>();
    await backendCpuMs(database.pool, database.name, backendsAfter);
    const perCreate = (n: number) => round(n / load.created, 2);
    const serverCpuMs = (cpu.user + cpu.system) / 1000 - load.workerCpuMs;
    const databaseCpuMs = database.name && backendsAfter.size ? [...backendsAfter].reduce((sum, [pid, ms]) => sum + ms - (backendsBefore.get(pid) ?? 0), 0) : null;
    const cost = {
      statementsPerCreate: perCreate(statementsAfter.statements - statementsBefore.statements),
      transactionsPerCreate: perCreate(statementsAfter.transactions - statementsBefore.transactions),
      serverCpuMsPerCreate: perCreate(serverCpuMs),
      databaseCpuMsPerCreate: databaseCpuMs === null ? null : perCreate(databaseCpuMs),
    };
    log(`per create: ${cost.statementsPerCreate} statements in ${cost.transactionsPerCreate} transactions; CPU ${cost.serverCpuMsPerCreate} ms server${cost.databaseCpuMsPerCreate === null ? " (embedded: database included)" : `, ${cost.databaseCpuMsPerCreate} ms PostgreSQL`} (${load.created} created in all)`);
    if (load.errors > 0) log(`${load.errors} requests failed; first: ${load.firstError}`);
    if (load.completed === 0) throw new Error(`no ticket was created: ${load.firstError}`);
    const ticketsPerSecond = load.completed / (load.measuredMs / 1000);
    log(`HTTP: ${load.completed} tickets in ${SECONDS} s = ${ticketsPerSecond.toFixed(0)}/s, p50 ${percentile(load.latencies, 50).toFixed(1)} ms, p99 ${percentile(load.latencies, 99).toFixed(1)} ms`);

    // A real created row gives the INSERTs the same shapes and sizes.
    const sample = (
      await database.pool.query(
        `select service_type as "serviceType", category, region_code as "regionCode", region_path as "regionPath",
           applicant_phone_enc as "phoneEnc", applicant_phone_hash as "phoneHash", created_by as "createdBy"
         from tickets where applicant_phone_enc is not null limit 1`,
      )
    ).rows[0] as Record<string, unknown>;
    const insertPool = database.url ? new pg.Pool({ connectionString: database.url, max: CLIENTS }) : database.pool;
    if (database.url) {
      insertPool.on("error", () => undefined); // the database is dropped at the end
      cleanup.add(() => insertPool.end());
    }
    log(`plain INSERTs: ${CLIENTS} connections${database.url ? "" : " (the embedded database's one connection, shared)"} for ${SECONDS} s`);
    const inserts = await runInserts(insertPool, sample, SECONDS * 1000);
    const insertsPerSecond = inserts.completed / inserts.seconds;
    log(`INSERT: ${inserts.completed} rows = ${insertsPerSecond.toFixed(0)}/s, p50 ${inserts.p50.toFixed(2)} ms, p99 ${inserts.p99.toFixed(2)} ms`);
    log(`HTTP floor: a bare route that INSERTs one row, same load generator, ${SECONDS} s`);
    const floor = await runHttpFloor(insertPool, sample);
    const floorPerSecond = floor.completed / (floor.measuredMs / 1000);
    log(`HTTP floor: ${floor.completed} requests = ${floorPerSecond.toFixed(0)}/s, p99 ${percentile(floor.latencies, 99).toFixed(1)} ms${floor.errors ? `, ${floor.errors} errors (${floor.firstError})` : ""}`);

    const result = {
      bench: "intake",
      database: database.kind,
      ticketsPerSecond: round(ticketsPerSecond),
      p50Ms: round(percentile(load.latencies, 50), 2),
      p99Ms: round(percentile(load.latencies, 99), 2),
      ratioToInsert: round(ticketsPerSecond / insertsPerSecond, 3),
      insertsPerSecond: round(insertsPerSecond),
      // What a bare HTTP route with one INSERT reaches: the ceiling for ratioToInsert on this machine.
      httpFloorPerSecond: round(floorPerSecond),
      httpFloorRatioToInsert: round(floorPerSecond / insertsPerSecond, 3),
      ...cost,
      errors: load.errors,
      clients: CLIENTS,
      seconds: SECONDS,
    };
    if (database.kind === "postgres") {
      const misses = [
        result.ticketsPerSecond < AIM.ticketsPerSecond && `${result.ticketsPerSecond}/s < ${AIM.ticketsPerSecond}/s`,
        result.p99Ms >= AIM.p99Ms && `p99 ${result.p99Ms} ms ≥ ${AIM.p99Ms} ms`,
        result.ratioToInsert < AIM.ratioToInsert && `ratio ${result.ratioToInsert} < ${AIM.ratioToInsert}`,
      ].filter(Boolean);
      if (misses.length) log(`note: under the PostgreSQL aim: ${misses.join(", ")}`);
    }
    await cleanup.run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
