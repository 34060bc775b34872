// Hotline bench: call events posted at a rising rate while operators' desks are
// connected; how long until the right desk has the pop-up.
//
// A real server (buildApp + listen on a random 127.0.0.1 port) on the database in
// use — embedded in memory by default, or a fresh database on the server named by
// DATABASE_URL (dropped afterwards) — with the demo city. A phone system is
// registered and N operators (default 20) each get a seat (8001…) and a desk
// connected to /api/hotline/desk/live. Then, in steps (default 50, 100, 200, 400
// events/s, 5 s each), signed events are posted open-loop at that rate from a
// worker thread (so the server's event loop is not shared with the clients):
// each call is `ringing` → `answered` → `ended` at one seat, each event a POST,
// requests concurrent (up to --inflight at once). For every event the worker
// measures from just before its POST to the moment the seat's desk receives the
// matching push (same thread, one clock): the pop-up time as the phone system
// sees it, which includes signing, the HTTP request, the event's transaction, the
// NOTIFY round trip through PostgreSQL (or the in-process fan-out on the embedded
// database), loading the call and the WebSocket frame. A step passes when every
// event was accepted and pushed, the rate was kept (≥ 95 % sent on time) and the
// p99 stayed under 200 ms; the run stops at the first step that fails.
//
//   npm run bench -- hotline [--operators 20] [--seconds 5] [--inflight 256] [--quick]
//
// Progress on stderr; the last stdout line is JSON:
//   {"bench":"hotline","eventsPerSecond":<highest passing rate>,"p99PopupMs":<its p99>,"steps":[…]}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/platform/config.ts";
import { systemActor } from "../src/server/policies/actor.ts";
import { createAccount } from "../src/server/modules/accounts/commands/manage-account.ts";
import { DEMO_PASSWORD, seedDemo } from "../src/server/seed/demo.ts";
import { logger, numberArg, onceCleanup, openBenchDatabase, percentile, round } from "./_bench-database.ts";

const log = logger("hotline");
const isQuick = process.argv.includes("--quick");
const OPERATORS = numberArg("operators", isQuick ? 10 : 20);
const SECONDS = numberArg("seconds", isQuick ? 2 : 5);
const INFLIGHT = numberArg("inflight", 256);
const WARMUP_SECONDS = process.argv.includes("--warmup") ? numberArg("warmup", 2) : isQuick ? 1 : 3;
const RATES = process.argv.includes("--rates")
  ? process.argv[process.argv.indexOf("--rates") + 1].split(",").map(Number)
  : isQuick
    ? [50, 100, 200]
    : [50, 100, 200, 400];
const AIM = { eventsPerSecond: 200, p99PopupMs: 200 };
/** The demo city (云岭市), where the demo admin works. */
const REGION = "990100";
const OPERATOR_PASSWORD = "bench-operator-9";

type StepResult = {
  rate: number;
  sent: number;
  accepted: number;
  pushed: number;
  errors: number;
  missing: number;
  sentOnTimeShare: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The POST's own answer time (the push may arrive before it). */
  httpP50: number;
  httpP99: number;
  firstError: string | null;
  latencies?: number[];
  httpLatencies?: number[];
};

// The load generator and the desks: plain JS in a worker thread.
const CLIENT_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHmac } = require("node:crypto");
const WebSocket = require("node:module").createRequire(workerData.requireFrom)("ws");
const { url, apiKey, secret, desks, rates, inflightMax, runId, warmupSeconds } = workerData;
const TYPES = ["ringing", "answered", "ended"];
const threadCpuMs = () => { try { const stat = require("node:fs").readFileSync("/proc/thread-self/stat", "utf8"); const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) * 10; } catch { return 0; } };
const pending = new Map(); // callId|type -> { t0, step }
const sockets = [];

function sign(body) {
  const ts = Math.floor(Date.now() / 1000);
  return { "content-type": "application/json", "x-santai-key": apiKey, "x-santai-timestamp": String(ts), "x-santai-signature": createHmac("sha256", secret).update(ts + "." + body).digest("hex") };
}

async function connectDesks() {
  await Promise.all(desks.map((d) => new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace("http", "ws") + "/api/hotline/desk/live", { headers: { cookie: d.cookie } });
    sockets.push(socket);
    socket.on("message", (data) => {
      const t1 = performance.now();
      const m = JSON.parse(data.toString());
      if (m.type === "hello") return resolve();
      if (m.type !== "call") return;
      const key = m.call.callId + "|" + m.eventType;
      const p = pending.get(key);
      if (!p || p.seat !== d.extension) return;
      pending.delete(key);
      p.step.latencies.push(t1 - p.t0);
      p.step.pushed++;
      if (p.step.finishedSending && p.step.settled === p.step.sent && p.step.pushed + p.step.errors === p.step.sent) p.step.done();
    });
    socket.on("error", reject);
    socket.on("unexpected-response", (_req, res) => reject(new Error("desk refused: " + res.statusCode)));
  })));
}

let stepCount = 0;
async function runStep(rate, seconds = workerData.seconds) {
  const step = { index: stepCount++, settled: 0, rate, sent: 0, accepted: 0, pushed: 0, errors: 0, late: 0, latencies: [], httpLatencies: [], firstError: null, finishedSending: false };
  const total = rate * seconds;
  let inflight = 0;
  const start = performance.now();
  const finished = new Promise((resolve) => (step.done = resolve));
  const post = async (i) => {
    const callNo = Math.floor(i / 3);
    const type = TYPES[i % 3];
    const callId = runId + "-s" + step.index + "-c" + callNo;
    const seat = desks[callNo % desks.length].extension;
    const at = new Date().toISOString();
    const event = { eventId: callId + "-" + type, callId, type, at };
    // Every event names the seat (an ended one too): events sent at once may be applied out of order, and the
    // end of a call whose ringing is not applied yet would have nobody to tell.
    event.seat = seat;
    if (type === "ringing") event.caller = "139" + String(10000000 + (callNo % 89999999)).padStart(8, "0");
    const body = JSON.stringify(event);
    const entry = { t0: performance.now(), seat, step };
    pending.set(callId + "|" + type, entry);
    inflight++;
    try {
      const response = await fetch(url + "/api/hotline/events", { method: "POST", headers: sign(body), body });
      const text = await response.text();
      if (response.status !== 201) throw new Error(response.status + " " + text.slice(0, 200));
      step.accepted++;
      step.httpLatencies.push(performance.now() - entry.t0);
    } catch (error) {
      pending.delete(callId + "|" + type);
      step.errors++;
      if (!step.firstError) step.firstError = String(error && error.cause ? error.cause.message : error && error.message ? error.message : error);
    } finally {
      inflight--;
      step.settled++;
    }
    if (step.finishedSending && step.settled === step.sent && step.pushed + step.errors === step.sent) step.done();
  };
  // Open loop: at each tick, send what the schedule says is due (none beyond the in-flight cap: those are late).
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      while (step.sent < due) {
        if (inflight >= inflightMax) { step.late += due - step.sent; break; }
        void post(step.sent++);
      }
      if (step.sent >= total) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  step.sendSeconds = (performance.now() - start) / 1000;
  step.finishedSending = true;
  if (step.settled === step.sent && step.pushed + step.errors === step.sent) step.done();
  // What has not arrived 10 s after the last send is missing.
  await Promise.race([finished, new Promise((r) => setTimeout(r, 10000))]);
  let missing = 0;
  for (const [key, p] of pending) if (p.step === step) { missing++; pending.delete(key); }
  const onTime = Math.min(1, seconds / step.sendSeconds);
  return { rate, sent: step.sent, accepted: step.accepted, pushed: step.pushed, errors: step.errors, missing, sentOnTimeShare: onTime, firstError: step.firstError, latencies: step.latencies, httpLatencies: step.httpLatencies };
}

(async () => {
  await connectDesks();
  parentPort.postMessage({ type: "connected", desks: sockets.length });
  // Warm-up (not reported): the server's code paths compiled, its connections and statements prepared.
  if (warmupSeconds > 0) parentPort.postMessage({ type: "warmup", result: await runStep(20, warmupSeconds) });
  for (const rate of rates) {
    await new Promise((resolve) => { parentPort.once("message", resolve); parentPort.postMessage({ type: "stepStart", rate }); });
    const cpu0 = threadCpuMs();
    const result = await runStep(rate);
    result.workerCpuMs = threadCpuMs() - cpu0;
    parentPort.postMessage({ type: "step", result });
    const sorted = result.latencies.slice().sort((a, b) => a - b);
    const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] : Infinity;
    if (result.errors || result.missing || p99 >= workerData.p99Limit || result.sentOnTimeShare < 0.95) break;
  }
  for (const s of sockets) s.close();
  parentPort.postMessage({ type: "done" });
})().catch((error) => parentPort.postMessage({ type: "error", message: String(error && error.stack || error) }));
`;

/** CPU ms (user + system) of this whole process so far. */
const processCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** CPU ms so far of the PostgreSQL backends serving the bench database (on this machine); empty on the embedded database. */
async function backendCpu(database: { kind: string; name: string | null; pool: { query: <T>(text: string, values: unknown[]) => Promise<{ rows: T[] }> } }): Promise<Map<number, number>> {
  const known = new Map<number, number>();
  if (database.kind !== "postgres" || !database.name) return known;
  const { rows } = await database.pool.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [database.name]);
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      known.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // not on this machine, or gone
    }
  }
  return known;
}

async function main(): Promise<void> {
  const cleanup = onceCleanup(log);
  const database = await openBenchDatabase("hotline", 20);
  cleanup.add(() => database.close());
  try {
    log(`database: ${database.kind}; ${OPERATORS} operators, steps ${RATES.join(", ")} events/s × ${SECONDS} s`);
    await database.db.transaction((tx) => seedDemo(tx, new Date()));
    const usernames: string[] = [];
    await database.db.transaction(async (tx) => {
      for (let i = 1; i <= OPERATORS; i++) {
        const username = `bench_op${i}`;
        await createAccount(tx, systemActor("bench"), { username, displayName: `话务员${i}`, password: OPERATOR_PASSWORD, roles: ["operator"], regionCode: REGION }, new Date());
        usernames.push(username);
      }
    });
    // Many sign-ins from one address in a moment: the bench's, not an attack.
    const config = loadConfig({}, { dataDir: null, webRoot: null, host: "127.0.0.1", port: 0, signInRateLimit: 10_000, lockoutThreshold: 10_000, accountLockoutThreshold: 10_000 });
    const app = await buildApp({ config, database });
    cleanup.add(() => app.close());
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    const signIn = async (username: string, password: string) => {
      const response = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
      if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
      const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
      return { cookie: cookies.join("; "), csrf: cookies.find((c) => c.startsWith("santai_csrf="))!.split("=")[1] };
    };
    const admin = await signIn("admin", DEMO_PASSWORD);
    const adminHeaders = { "content-type": "application/json", cookie: admin.cookie, "x-csrf-token": admin.csrf };
    const created = await fetch(`${url}/api/hotline/sources`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ name: "压测 12348", regionCode: REGION }) });
    if (created.status !== 201) throw new Error(`source: ${created.status} ${await created.text()}`);
    const source = (await created.json()) as { id: string; apiKey: string; secret: string };
    const { rows } = await database.pool.query<{ id: string; username: string }>("select id, username from accounts where username like 'bench_op%'");
    const idOf = new Map(rows.map((r) => [r.username, r.id]));
    const desks: { cookie: string; extension: string }[] = [];
    for (const [i, username] of usernames.entries()) {
      const extension = String(8001 + i);
      const seat = await fetch(`${url}/api/hotline/seats`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ sourceId: source.id, extension, name: `坐席 ${extension}`, operatorId: idOf.get(username) }) });
      if (seat.status !== 201) throw new Error(`seat: ${seat.status} ${await seat.text()}`);
      desks.push({ cookie: (await signIn(username, OPERATOR_PASSWORD)).cookie, extension });
    }

    const cpu: { rate: number; serverCpuMsPerEvent: number; databaseCpuMsPerEvent: number | null }[] = [];
    const steps = await new Promise<StepResult[]>((resolve, reject) => {
      const results: StepResult[] = [];
      const worker = new Worker(CLIENT_CODE, {
        eval: true,
        workerData: { url, apiKey: source.apiKey, secret: source.secret, desks, rates: RATES, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, inflightMax: INFLIGHT, runId: `b${Date.now().toString(36)}`, p99Limit: AIM.p99PopupMs, requireFrom: createRequire(import.meta.url).resolve("../package.json") },
      });
      let cpuRead: Promise<void> = Promise.resolve();
      let cpuAtStart = { process: 0, backends: new Map<number, number>() };
      worker.on("message", (message: { type: string; desks?: number; result?: StepResult & { latencies: number[]; httpLatencies: number[]; workerCpuMs: number }; message?: string }) => {
        if (message.type === "connected") log(`${message.desks} desks connected; warming up at 20 events/s for ${WARMUP_SECONDS} s`);
        else if (message.type === "warmup") log(`warm-up: ${message.result!.pushed} pushed, ${message.result!.errors} errors`);
        else if (message.type === "stepStart") {
          void cpuRead.then(() => backendCpu(database)).then((backends) => {
            cpuAtStart = { process: processCpuMs(), backends };
            worker.postMessage("go");
          });
        } else if (message.type === "step") {
          const r = message.result!;
          const processMs = processCpuMs() - cpuAtStart.process;
          cpuRead = backendCpu(database).then((backends) => {
            let dbMs = 0;
            for (const [pid, ms] of backends) dbMs += ms - (cpuAtStart.backends.get(pid) ?? 0);
            const events = Math.max(1, r.accepted);
            cpu.push({ rate: r.rate, serverCpuMsPerEvent: round((processMs - r.workerCpuMs) / events, 2), databaseCpuMsPerEvent: database.kind === "postgres" ? round(dbMs / events, 2) : null });
            log(`  CPU per event: server ${cpu.at(-1)!.serverCpuMsPerEvent} ms, database ${cpu.at(-1)!.databaseCpuMsPerEvent ?? "(inside the server)"} ms`);
          });
        }
        if (message.type === "step") {
          const r = message.result!;
          const step: StepResult = { ...r, sentOnTimeShare: round(r.sentOnTimeShare, 3), p50: round(percentile(r.latencies, 50)), p95: round(percentile(r.latencies, 95)), p99: round(percentile(r.latencies, 99)), max: round(Math.max(...r.latencies, 0)), httpP50: round(percentile(r.httpLatencies, 50)), httpP99: round(percentile(r.httpLatencies, 99)) };
          delete step.latencies;
          delete step.httpLatencies;
          delete (step as { workerCpuMs?: number }).workerCpuMs;
          results.push(step);
          log(`${step.rate}/s: sent ${step.sent}, accepted ${step.accepted}, pushed ${step.pushed}, errors ${step.errors}, missing ${step.missing}, on time ${step.sentOnTimeShare}; pop-up p50 ${step.p50} ms, p95 ${step.p95}, p99 ${step.p99}, max ${step.max}; POST answered p50 ${step.httpP50} ms, p99 ${step.httpP99}${step.firstError ? `; first error: ${step.firstError}` : ""}`);
        } else if (message.type === "done") {
          void worker.terminate();
          // The last step's CPU figures are read asynchronously: wait for them.
          void cpuRead.then(() => resolve(results));
        } else if (message.type === "error") reject(new Error(message.message));
      });
      worker.on("error", reject);
    });

    const passing = steps.filter((s) => s.errors === 0 && s.missing === 0 && s.sentOnTimeShare >= 0.95 && s.p99 < AIM.p99PopupMs);
    const best = passing.at(-1) ?? null;
    const summary = {
      bench: "hotline",
      eventsPerSecond: best?.rate ?? 0,
      p99PopupMs: best?.p99 ?? null,
      database: database.kind,
      operators: OPERATORS,
      secondsPerStep: SECONDS,
      measured: "from just before each event's POST to its push arriving at the seat's desk (same thread)",
      aim: AIM,
      meetsAim: Boolean(best && best.rate >= AIM.eventsPerSecond),
      steps: steps.map((step) => ({ ...step, ...cpu.find((c) => c.rate === step.rate) })),
    };
    await cleanup.run();
    console.log(JSON.stringify(summary));
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
