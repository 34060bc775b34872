/**
 * The hotline desk's fan-out across server processes: two real `santai serve`
 * processes on one PostgreSQL database; an operator's desk is connected to each;
 * a call event posted to one reaches both desks — the one on the other process
 * through PostgreSQL LISTEN/NOTIFY, the one on the same process the same way.
 * Then both processes stop cleanly (the LISTEN connection does not hold them).
 *
 * Waits on what the processes say (their "running" line, the desks' messages),
 * never on time. The embedded database is one process's own (a lock file), so
 * this runs on a PostgreSQL server only (DATABASE_URL).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD } from "../helpers/factories.ts";

const BIN = join(process.cwd(), "bin/santai.js");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type Server = { port: number; child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts `santai serve`; resolves once it says it is running (its LISTEN connection is up before it listens). */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve"], { env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", SANTAI_LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes("Santai is running")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before running: ${output}`)));
  });
  return { port, child, output: () => output, exited };
}

async function login(port: number, username: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = cookies.find((c) => c.startsWith("santai_csrf="))!.split("=")[1];
  return { cookie: cookies.join("; "), "x-csrf-token": csrf, "content-type": "application/json" };
}

type Message = { type: string; eventType?: string; call?: { callId: string; phase: string; callerMasked: string | null } };

/** A desk; `first(match)` resolves with the first message that matches, seen or to come. */
function desk(port: number, cookie: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/hotline/desk/live`, { headers: { cookie } });
  const messages: Message[] = [];
  const waiting: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString()) as Message;
    messages.push(message);
    for (const w of [...waiting]) if (w.match(message)) waiting.splice(waiting.indexOf(w), 1) && w.resolve(message);
  });
  const first = (match: (m: Message) => boolean) =>
    new Promise<Message>((resolve) => {
      const seen = messages.find(match);
      if (seen) resolve(seen);
      else waiting.push({ match, resolve });
    });
  return { socket, first };
}

describe.skipIf(!process.env.DATABASE_URL)("the desk's pushes across two server processes on one PostgreSQL database (skipped without DATABASE_URL: the embedded database is one process's own)", () => {
  let database: Database & { url?: string };
  const servers: Server[] = [];
  let admin: StaffActor;
  let operator: StaffActor;
  let regionCode: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
    regionCode = tree.counties[0];
    await database.db.transaction(async (tx) => {
      admin = await makeStaff(tx, ["admin"], tree.counties[0]);
      operator = await makeStaff(tx, ["operator"], tree.counties[0]);
    });
    // Both processes open what the other sealed (the source's secret): the same keys.
    const env = { DATABASE_URL: database.url!, SANTAI_DATA_KEY: randomBytes(32).toString("base64"), SANTAI_AUDIT_KEY: randomBytes(32).toString("base64"), SANTAI_DATA_DIR: "", SANTAI_WEB_ROOT: "/nonexistent" };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  });

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    await database?.close();
  });

  it("an event posted to one process reaches the desk connected to the other (and the one on the same process)", async () => {
    const [one, two] = servers;
    // The admin (on process 2) registers the phone system and seats the operator at 8001.
    const adminHeaders = await login(two.port, admin.username);
    const created = await fetch(`http://127.0.0.1:${two.port}/api/hotline/sources`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ name: "12348 Asterisk", regionCode }) });
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: string; apiKey: string; secret: string };
    const seat = await fetch(`http://127.0.0.1:${two.port}/api/hotline/seats`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ sourceId: source.id, extension: "8001", name: "一号席", operatorId: operator.id }) });
    expect(seat.status).toBe(201);

    const onOne = desk(one.port, (await login(one.port, operator.username)).cookie);
    const onTwo = desk(two.port, (await login(two.port, operator.username)).cookie);
    await Promise.all([onOne.first((m) => m.type === "hello"), onTwo.first((m) => m.type === "hello")]);

    const callId = `c-${randomBytes(4).toString("hex")}`;
    for (const event of [
      { eventId: `${callId}-1`, callId, type: "incoming", at: new Date().toISOString(), caller: "13800138000" },
      { eventId: `${callId}-2`, callId, type: "ringing", at: new Date().toISOString(), seat: "8001" },
    ]) {
      const body = JSON.stringify(event);
      const response = await fetch(`http://127.0.0.1:${two.port}/api/hotline/events`, { method: "POST", headers: { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, body, new Date()) }, body });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    const isRinging = (m: Message) => m.type === "call" && m.call?.callId === callId && m.eventType === "ringing";
    const [there, here] = await Promise.all([onOne.first(isRinging), onTwo.first(isRinging)]);
    expect(there.call).toMatchObject({ phase: "ringing", callerMasked: "138****8000" });
    expect(here.call).toEqual(there.call);
    onOne.socket.close();
    onTwo.socket.close();

    // Both stop cleanly on SIGTERM: the LISTEN connection is closed with the app.
    for (const server of servers) server.child.kill("SIGTERM");
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
    for (const server of servers) expect(server.output()).toContain("Stopped cleanly.");
  });
});
