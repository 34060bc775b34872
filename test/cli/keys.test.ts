/**
 * The keys as an operator meets them (issue 6, item 10): a new data directory
 * gets its keys in a file beside the database, never in it; a PostgreSQL server
 * without configured keys does not start; `santai rotate-data-key` re-seals
 * everything under a new key, can be run again, and the data stays readable.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";

const BIN = join(process.cwd(), "bin/santai.js");
const dirs: string[] = [];
const running = new Set<ChildProcess>();
/** Only the variables these tests mean to set: no key or database of the environment leaks in. */
const baseEnv = () => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("SANTAI_") || name === "DATABASE_URL") delete env[name];
  // No background demo history: what is re-sealed is exactly what each test made.
  return { ...env, SANTAI_DEMO_HISTORY: "0" };
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "santai-keys-"));
  dirs.push(dir);
  return dir;
}

async function waitHealthy(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 180_000; // a loaded CI machine starts slowly
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy: ${output()}`);
}

/** `santai serve` until healthy; `stop()` ends it with SIGTERM and waits for its exit. */
async function serve(env: NodeJS.ProcessEnv, args: string[] = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve", ...args], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await waitHealthy(port, child, () => output);
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      running.delete(child);
    },
  };
}

async function signIn(base: string, username: string) {
  const response = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "santai-demo" }) });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = cookies.find((c) => c.startsWith("santai_csrf="))!.split("=")[1];
  return { cookie: cookies.join("; "), "x-csrf-token": csrf };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR a scanned ID card")]);

/** A ticket with a phone, an ID number, a counterparty's phone and an attachment, through the API of a running server. */
async function makeTicket(base: string) {
  const headers = await signIn(base, "window");
  const created = await fetch(`${base}/api/tickets`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({
      channel: "window",
      serviceType: "legal_aid",
      category: "劳动争议",
      regionCode: "990102001",
      applicant: { name: "张轮换", phone: "13811112222", idNumber: "11010519491231002X" },
      counterparty: { name: "某公司", phone: "13633334444" },
      description: "申请法律援助",
    }),
  });
  expect(created.status).toBe(201);
  const ticket = (await created.json()) as { id: string };
  const uploaded = await fetch(`${base}/api/tickets/${ticket.id}/attachments?fileName=id.png`, { method: "POST", headers: { ...headers, "content-type": "image/png" }, body: PNG });
  expect(uploaded.status).toBe(201);
  return { ticketId: ticket.id, attachmentId: ((await uploaded.json()) as { id: string }).id };
}

/** What the window clerk reads back: the phone in full, and the attachment's bytes. */
async function readBack(base: string, ids: { ticketId: string; attachmentId: string }) {
  const headers = await signIn(base, "window");
  const ticket = (await (await fetch(`${base}/api/tickets/${ids.ticketId}`, { headers })).json()) as { applicant: { phone: string }; counterparty: { phone: string } };
  const file = Buffer.from(await (await fetch(`${base}/api/attachments/${ids.attachmentId}`, { headers })).arrayBuffer());
  return { phone: ticket.applicant.phone, counterpartyPhone: ticket.counterparty.phone, isFileIntact: file.equals(PNG) };
}

const run = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 300_000 });

afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("keys outside the database", () => {
  it("refuses to start on a PostgreSQL server without configured keys, saying what to set", () => {
    // Nothing listens there: the refusal comes before any connection.
    const result = run({ ...baseEnv(), DATABASE_URL: "postgres://santai@127.0.0.1:9/santai" }, "serve");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SANTAI_DATA_KEY");
    expect(result.stderr).toContain("SANTAI_AUDIT_KEY");
    expect(result.stderr).toContain("SANTAI_KEY_FILE");
  });

  it("refuses a malformed key, naming the variable", () => {
    const result = run({ ...baseEnv(), SANTAI_DATA_DIR: newDir(), SANTAI_DATA_KEY: "c2hvcnQ=" }, "serve");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SANTAI_DATA_KEY must be base64 of 32 random bytes");
  });

  it("a new data directory gets keys.json (mode 0600, directory 0700); rotate-data-key re-seals everything and can run again", async () => {
    const dataDir = newDir();
    const env = { ...baseEnv(), SANTAI_DATA_DIR: dataDir };
    const first = await serve(env);
    const ids = await makeTicket(first.base);
    await first.stop();

    const keyFile = join(dataDir, "keys.json");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const before = JSON.parse(readFileSync(keyFile, "utf8"));
    expect(before.data.current).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(before.audit).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    const rotated = run(env, "rotate-data-key");
    expect(rotated.status, rotated.stderr).toBe(0);
    // The demo city has no tickets of its own: what is re-sealed is ours, its file and the messages to its applicant.
    expect(rotated.stdout).toMatch(/tickets: 1 re-sealed, 0 already under/);
    expect(rotated.stdout).toMatch(/attachments: 1 re-sealed/);
    expect(rotated.stdout).toMatch(/notifications: [1-9]\d* re-sealed/);
    const after = JSON.parse(readFileSync(keyFile, "utf8"));
    expect(after.data.current).not.toBe(before.data.current);
    expect(after.data.retired).toEqual([before.data.current]);
    expect(after.audit).toBe(before.audit);
    expect(after.rotation).toBeUndefined();

    const again = run(env, "rotate-data-key", "--no-new-key");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/tickets: 0 re-sealed, 1 already under/);

    // Forgetting the old key: the data was re-sealed, so it stays readable.
    const forgot = run(env, "rotate-data-key", "--no-new-key", "--forget-retired");
    expect(forgot.status, forgot.stderr).toBe(0);
    expect(JSON.parse(readFileSync(keyFile, "utf8")).data.retired).toEqual([]);
    const second = await serve(env);
    expect(await readBack(second.base, ids)).toEqual({ phone: "13811112222", counterpartyPhone: "136****4444", isFileIntact: true });
    await second.stop();
  }, 600_000);
});

describe.runIf(process.env.DATABASE_URL)("on a PostgreSQL server", () => {
  const name = `santai_keys_${randomBytes(5).toString("hex")}`;
  const serverUrl = process.env.DATABASE_URL ?? "";
  const databaseUrl = () => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("keys from the environment: a new key, the old one retired, rotate-data-key, then the old one dropped", async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const auditKey = randomBytes(32).toString("base64");
    const env = { ...baseEnv(), DATABASE_URL: databaseUrl(), SANTAI_DATA_DIR: newDir(), SANTAI_AUDIT_KEY: auditKey };

    const first = await serve({ ...env, SANTAI_DATA_KEY: oldKey }, ["--demo"]);
    const ids = await makeTicket(first.base);
    await first.stop();

    const rotated = run({ ...env, SANTAI_DATA_KEY: newKey, SANTAI_DATA_KEYS_RETIRED: oldKey }, "rotate-data-key");
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/tickets: 1 re-sealed/);
    expect(rotated.stdout).toContain("SANTAI_DATA_KEYS_RETIRED");

    const second = await serve({ ...env, SANTAI_DATA_KEY: newKey });
    expect(await readBack(second.base, ids)).toEqual({ phone: "13811112222", counterpartyPhone: "136****4444", isFileIntact: true });
    await second.stop();
  }, 600_000);
});
