/**
 * Two sender processes on one PostgreSQL database, the same pending messages and
 * callbacks, and a gateway slow enough that they overlap: every message and
 * every callback goes out exactly once. And a process killed after claiming:
 * its messages are sent by another once its claims run out, not before.
 *
 * No sleeps and no timing assumptions. The gateway is this test's HTTP receiver,
 * and it holds every request until the *other* process has made a request since
 * (or has exited). So a process's messages are still claimed and unsent when
 * the other process looks for work, every round; and since a held request waits
 * only on a later one of the other process, the two can never wait on each other.
 *
 * The embedded database is one process's own (a lock file keeps others off its
 * directory), so this runs on a PostgreSQL server only (DATABASE_URL).
 */
import { spawn } from "node:child_process";
import { createServer, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { type Protector } from "../../src/server/platform/personal/protect.ts";
import { fixedTestProtector } from "../helpers/keys.ts";
import { systemActor } from "../../src/server/policies/actor.ts";
import { enqueueNotification } from "../../src/server/modules/notifications/commands/enqueue-notification.ts";
import { renderNotification } from "../../src/server/modules/notifications/notification-texts.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { createUpstreamClient } from "../../src/server/modules/upstream/commands/create-upstream-client.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff } from "../helpers/factories.ts";

const SCRIPT = join(process.cwd(), "test/processes/outbox-sender.ts");
const NOW = new Date("2026-12-01T10:00:00+08:00");
const MESSAGES = 12;
const CALLBACKS = 6;

type Received = { sender: string; kind: "sms" | "callback"; key: string; idempotencyKey?: string | null };

/**
 * The receiver. A request from one sender is answered once the other sender has
 * made a later request, or has exited.
 */
function holdingReceiver() {
  const received: Received[] = [];
  const held: { sender: string; seq: number; response: ServerResponse }[] = [];
  const exited = new Set<string>();
  let heldLongest = 0;
  const settle = () => {
    for (const h of [...held]) {
      const other = h.sender === "A" ? "B" : "A";
      if (exited.has(other) || received.some((r, seq) => r.sender === other && seq > h.seq)) {
        held.splice(held.indexOf(h), 1);
        heldLongest = Math.max(heldLongest, received.length - 1 - h.seq);
        h.response.end();
      }
    }
  };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const sender = String(request.headers["x-sender"]);
      const json = JSON.parse(body) as { text?: string; idempotencyKey?: string | null; externalRef?: string };
      received.push(request.url === "/sms" ? { sender, kind: "sms", key: json.text!, idempotencyKey: json.idempotencyKey } : { sender, kind: "callback", key: json.externalRef! });
      held.push({ sender, seq: received.length - 1, response });
      settle();
    });
  });
  return {
    server,
    received,
    exit(sender: string) {
      exited.add(sender);
      settle();
    },
    /** How many requests a held one waited through, at most: above 0 means a request was answered only after the other's. */
    heldLongest: () => heldLongest,
  };
}

function runSender(sender: string, env: Record<string, string>, onExit: () => void = () => {}) {
  const child = spawn(process.execPath, ["--import", "tsx/esm", SCRIPT], { env: { ...process.env, ...env, SENDER: sender }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => {
      onExit();
      resolve({ code, stdout, stderr });
    }),
  );
  return Object.assign(exited, { kill: () => child.kill("SIGKILL") });
}

describe.skipIf(!process.env.DATABASE_URL)("two sender processes on one PostgreSQL database", () => {
  let database: Database & { url?: string };
  let protector: Protector;
  const texts = new Map<string, string>(); // rendered text → message id
  const refs: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    protector = fixedTestProtector();
    const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
    const window = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.counties[0]));
    for (let i = 0; i < MESSAGES; i += 1) {
      const payload = { number: `990102-20261201-${String(i).padStart(4, "0")}` };
      await database.db.transaction((tx) => enqueueNotification(tx, protector, { ticketId: null, regionPath: null, phone: "13900001234", template: "ticket_accepted", payload, now: NOW }));
    }
    const rows = await database.db.execute<{ id: string; template: string; payload: Record<string, unknown> }>(sql`select id, template, payload from notifications where state = 'pending'`);
    for (const row of rows.rows) texts.set(renderNotification(row.template, row.payload), row.id);

    const client = await database.db.transaction((tx) =>
      createUpstreamClient(tx, systemActor("test"), { name: "省平台", regionCode: tree.city, callbackUrl: "http://127.0.0.1:9/not-yet" }, NOW, { protector, allowedHosts: ["127.0.0.1"] }),
    );
    for (let i = 0; i < CALLBACKS; i += 1) {
      const ticket = await database.db.transaction((tx) =>
        createTicket(tx, window, { channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: tree.townships[0][0], applicant: { name: "赵六" }, description: "讨薪" }, NOW, { protector }),
      );
      const ref = `prov-${i}`;
      refs.push(ref);
      const payload = JSON.stringify({ externalRef: ref, number: `N-${i}`, status: "accepted", at: NOW.toISOString() });
      await database.db.execute(sql`
        insert into upstream_callbacks (client_id, ticket_id, payload, next_attempt_at, created_at)
        values (${client.id}, ${ticket.id}, ${payload}::jsonb, ${NOW}, ${NOW})`);
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  it("every message and every callback goes out exactly once", async () => {
    const receiver = holdingReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    await database.db.execute(sql`update upstream_clients set callback_url = ${`${url}/callback`}`);
    try {
      const env = { DATABASE_URL: database.url!, RECEIVER: url, NOW: NOW.toISOString() };
      const results = await Promise.all(["A", "B"].map((sender) => runSender(sender, env, () => receiver.exit(sender))));
      for (const result of results) expect(result.code, result.stderr).toBe(0);

      const sms = receiver.received.filter((r) => r.kind === "sms");
      const callbacks = receiver.received.filter((r) => r.kind === "callback");
      // Exactly once: the union is all of them, and nothing came twice (no intersection between the two).
      expect(sms.map((r) => texts.get(r.key)).sort()).toEqual([...texts.values()].sort());
      expect(callbacks.map((r) => r.key).sort()).toEqual([...refs].sort());
      const bySender = (kind: string, sender: string) => new Set(receiver.received.filter((r) => r.kind === kind && r.sender === sender).map((r) => r.key));
      for (const kind of ["sms", "callback"]) expect([...bySender(kind, "A")].filter((key) => bySender(kind, "B").has(key))).toEqual([]);
      // They did overlap: both sent, and a request waited for the other process's.
      expect(new Set(receiver.received.map((r) => r.sender))).toEqual(new Set(["A", "B"]));
      expect(receiver.heldLongest()).toBeGreaterThan(0);

      const states = await database.db.execute<{ state: string; attempts: number; n: number }>(
        sql`select state, attempts, count(*)::int as n from notifications group by state, attempts`,
      );
      expect(states.rows).toEqual([{ state: "sent", attempts: 1, n: MESSAGES }]);
      const callbackStates = await database.db.execute<{ state: string; attempts: number; n: number }>(
        sql`select state, attempts, count(*)::int as n from upstream_callbacks group by state, attempts`,
      );
      expect(callbackStates.rows).toEqual([{ state: "sent", attempts: 1, n: CALLBACKS }]);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });

  it("a process killed after claiming: its messages go out once its claims run out, by another process, once", async () => {
    const later = new Date(NOW.getTime() + 24 * 3_600_000);
    for (let i = 0; i < 4; i += 1) {
      await database.db.transaction((tx) =>
        enqueueNotification(tx, protector, { ticketId: null, regionPath: null, phone: "13900004321", template: "ticket_resolved", payload: { number: `990102-20261202-${i}` }, now: later }),
      );
    }
    // The dying process's requests are never answered; the survivor's are, at once.
    const received: { sender: string; idempotencyKey: string }[] = [];
    let onDyingRequest!: () => void;
    const dyingHasSent = new Promise<void>((resolve) => (onDyingRequest = resolve));
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const sender = String(request.headers["x-sender"]);
        received.push({ sender, idempotencyKey: (JSON.parse(body) as { idempotencyKey: string }).idempotencyKey });
        if (sender === "dying") onDyingRequest();
        else response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const env = { DATABASE_URL: database.url!, RECEIVER: url };
      const dying = runSender("dying", { ...env, NOW: later.toISOString() });
      await dyingHasSent; // its claim is committed before its first send
      dying.kill();
      await dying;
      const claims = await database.db.execute<{ id: string; claimed_until: Date }>(sql`select id, claimed_until from notifications where state = 'pending' and claimed_by is not null`);
      expect(claims.rows).toHaveLength(3); // one batch; the fourth message is unclaimed
      const expiry = new Date(claims.rows[0].claimed_until);

      // The survivor runs now, a moment before the claims run out, and when they do.
      const survivor = await runSender("survivor", { ...env, NOW: [later, new Date(expiry.getTime() - 1), expiry].map((d) => d.toISOString()).join(",") });
      expect(survivor.code, survivor.stderr).toBe(0);
      expect((JSON.parse(survivor.stdout) as { sent: number }[]).map((r) => r.sent)).toEqual([1, 0, 3]);
      const sentBySurvivor = received.filter((r) => r.sender === "survivor").map((r) => r.idempotencyKey);
      expect(sentBySurvivor.slice(1).sort()).toEqual(claims.rows.map((r) => r.id).sort());
      expect(new Set(sentBySurvivor).size).toBe(4);
      const rows = await database.db.execute<{ state: string; attempts: number; claimed_by: string | null }>(
        sql`select state, attempts, claimed_by from notifications where next_attempt_at >= ${later} or sent_at >= ${later}`,
      );
      expect(rows.rows).toEqual(Array(4).fill({ state: "sent", attempts: 1, claimed_by: null }));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
