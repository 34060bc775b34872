/**
 * Upstream intake over HTTP: client registration (admin only, key and secret once),
 * HMAC-signed tickets (bad, missing, stale, tampered → 401), idempotency by externalRef,
 * the client's region, and signed status callbacks delivered after commit with retries.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signBody, signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { deliverUpstreamCallbacks } from "../../src/server/modules/upstream/commands/deliver-upstream-callbacks.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
let client: { id: string; apiKey: string; secret: string };

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");

/**
 * A tiny receiver on the loopback interface: records every callback, answers `status`.
 * With `holdNext` set, the next request is answered only when that promise resolves, with its status.
 */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiverStatus = 200;
let holdNext: Promise<number> | null = null;
let onReceived: (() => void) | null = null;
let receiver: Server;
let callbackUrl: string;

const matter = (overrides: Record<string, unknown> = {}) => ({
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "赵六", phone: "13912345678" },
  description: "省平台转来：农民工讨薪",
  externalRef: `prov-${Math.random().toString(36).slice(2, 10)}`,
  ...overrides,
});

/** Sends a body signed with the client's secret at the clock's time (or as told). */
function send(body: unknown, options: { headers?: Record<string, string>; at?: Date; secret?: string; rawBody?: string } = {}) {
  const signedText = typeof body === "string" ? body : JSON.stringify(body);
  const raw = options.rawBody ?? signedText;
  const signed = signedHeaders(client.apiKey, options.secret ?? client.secret, signedText, options.at ?? clock.now());
  return app.inject({ method: "POST", url: "/api/upstream/tickets", payload: raw, headers: { "content-type": "application/json", ...signed, ...options.headers } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The receiver below listens on the loopback interface: an address callbacks may reach only when an admin allows it by name.
  ({ app, clock } = await createTestApp(database, START, { upstreamAllowedHosts: ["127.0.0.1"] }));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("admin", ["admin"], tree.city);
  await make("countyAdmin", ["admin"], tree.counties[1]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("window", ["window"], tree.counties[0]);
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      onReceived?.();
      const held = holdNext;
      holdNext = null;
      if (!held) {
        response.statusCode = receiverStatus;
        response.end();
        return;
      }
      void held.then((status) => {
        response.statusCode = status;
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  callbackUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/santai/callback`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await app?.close();
  await database?.close();
});

describe("registering upstream clients", () => {
  it("an admin registers one and gets the key and secret once", async () => {
    const response = await s.admin.request("POST", "/api/upstream-clients", { name: "省12348平台", regionCode: tree.counties[0], callbackUrl });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.apiKey).toMatch(/^up_[0-9a-f]{32}$/);
    expect(created.secret.length).toBeGreaterThanOrEqual(40);
    expect(created.region.code).toBe(tree.counties[0]);
    client = created;
    const list = (await s.admin.get("/api/upstream-clients")).json().items;
    const listed = list.find((c: { id: string }) => c.id === created.id);
    expect(listed).toMatchObject({ name: "省12348平台", callbackUrl, apiKeyPrefix: `${created.apiKey.slice(0, 8)}…` });
    expect(JSON.stringify(list)).not.toContain(created.secret);
    expect(JSON.stringify(list)).not.toContain(created.apiKey);
    // Stored sealed, not in clear.
    const stored = await database.db.execute<{ secret: string }>(sql`select secret from upstream_clients where id = ${created.id}`);
    expect(stored.rows[0].secret).not.toBe(created.secret);
  });

  it("non-admins may not register nor list; an admin only within their region", async () => {
    expect((await s.dispatcher.request("POST", "/api/upstream-clients", { name: "x", regionCode: tree.counties[0] })).statusCode).toBe(403);
    expect((await s.dispatcher.get("/api/upstream-clients")).json().items).toEqual([]);
    expect((await s.countyAdmin.request("POST", "/api/upstream-clients", { name: "x", regionCode: tree.counties[0] })).statusCode).toBe(403);
    expect((await s.countyAdmin.get("/api/upstream-clients")).json().items).toEqual([]);
    expect((await app.inject({ method: "GET", url: "/api/upstream-clients" })).statusCode).toBe(401);
  });

  it.each([["http://example.org/cb"], ["ftp://127.0.0.1/cb"], ["not a url"], ["https://user:pw@example.org/cb"]])("refuses callback URL %s", async (url) => {
    const response = await s.admin.request("POST", "/api/upstream-clients", { name: "x", regionCode: tree.counties[0], callbackUrl: url });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe("callbackUrl");
  });

  // Callbacks must not reach this machine or the internal network (SSRF) unless an admin allows the host by name.
  it.each([
    ["https://10.1.2.3/cb", "private"],
    ["https://172.16.0.1/cb", "private"],
    ["https://192.168.1.20/cb", "private"],
    ["https://169.254.169.254/latest/meta-data/", "link-local"],
    ["https://100.64.0.1/cb", "carrier-grade NAT"],
    ["https://0.0.0.0/cb", "unspecified"],
    ["https://224.0.0.1/cb", "multicast"],
    ["https://127.0.0.2/cb", "loopback"],
    ["https://[::1]/cb", "loopback"],
    ["https://[fe80::1]/cb", "link-local"],
    ["https://[fd12:3456::1]/cb", "private"],
    ["https://[::ffff:10.0.0.1]/cb", "private"],
    ["https://[::ffff:7f00:1]/cb", "loopback"],
    // Decimal, octal and hex spellings of 10.0.0.1, and a name that resolves to the loopback.
    ["https://167772161/cb", "private"],
    ["https://012.0.0.1/cb", "private"],
    ["https://0xa.0.0.1/cb", "private"],
    ["https://localhost/cb", "loopback"],
    ["http://localhost:8080/cb", "https"],
  ])("refuses callback URL %s (%s)", async (url, why) => {
    const response = await s.admin.request("POST", "/api/upstream-clients", { name: "x", regionCode: tree.counties[0], callbackUrl: url });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "callbackUrl" });
    expect(response.json().message).toContain(why);
  });
});

describe("signed intake", () => {
  let firstId: string;

  it("creates an upstream ticket; a retry with the same externalRef returns it", async () => {
    const body = matter({ externalRef: "prov-2026-000123" });
    const first = await send(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ externalRef: "prov-2026-000123", status: "submitted" });
    expect(first.json().number).toMatch(new RegExp(`^${tree.counties[0]}-20261118-\\d{4}$`));
    firstId = first.json().id;
    clock.advance(5_000);
    const retry = await send(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json().id).toBe(firstId);
    const seen = (await s.window.get(`/api/tickets/${firstId}`)).json();
    expect(seen).toMatchObject({ channel: "upstream", status: "submitted", region: { code: tree.townships[0][0] } });
    const audit = (await s.window.get(`/api/tickets/${firstId}/audit`)).json();
    expect(audit.events[0]).toMatchObject({ type: "ticket.created", actorName: "upstream:省12348平台", data: { upstreamRef: "prov-2026-000123" } });
  });

  it("refuses a missing header, naming it", async () => {
    for (const name of ["x-santai-key", "x-santai-timestamp", "x-santai-signature"]) {
      const signed = signedHeaders(client.apiKey, client.secret, JSON.stringify(matter()), clock.now());
      delete (signed as Record<string, string>)[name];
      const response = await app.inject({ method: "POST", url: "/api/upstream/tickets", payload: JSON.stringify(matter()), headers: { "content-type": "application/json", ...signed } });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: name });
    }
  });

  it("refuses a wrong secret, an unknown key, a tampered body, a stale or future timestamp", async () => {
    const body = matter();
    const cases = [
      send(body, { secret: "not-the-secret" }),
      send(body, { headers: { "x-santai-key": "up_00000000000000000000000000000000" } }),
      send(body, { rawBody: JSON.stringify({ ...body, description: "改过的内容" }) }),
      send(body, { headers: { "x-santai-signature": "zz" } }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: "x-santai-signature" });
    }
    for (const at of [new Date(clock.now().getTime() - 301_000), new Date(clock.now().getTime() + 301_000)]) {
      const response = await send(body, { at });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: "x-santai-timestamp" });
    }
    // Within the window is fine.
    expect((await send(matter(), { at: new Date(clock.now().getTime() - 290_000) })).statusCode).toBe(201);
  });

  it("an unsigned caller learns nothing about the body: 401 before validation", async () => {
    const response = await app.inject({ method: "POST", url: "/api/upstream/tickets", payload: "{not json", headers: { "content-type": "application/json" } });
    expect(response.statusCode).toBe(401);
  });

  it("a disabled client is refused", async () => {
    const other = (await s.admin.request("POST", "/api/upstream-clients", { name: "停用的平台", regionCode: tree.city })).json();
    await database.db.execute(sql`update upstream_clients set is_disabled = true where id = ${other.id}`);
    const raw = JSON.stringify(matter());
    const at = Math.floor(clock.now().getTime() / 1000);
    const response = await app.inject({
      method: "POST",
      url: "/api/upstream/tickets",
      payload: raw,
      headers: { "content-type": "application/json", "x-santai-key": other.apiKey, "x-santai-timestamp": String(at), "x-santai-signature": signBody(other.secret, at, raw) },
    });
    expect(response.statusCode).toBe(401);
  });

  it("validates a signed body naming the field; refuses channel and unknown fields", async () => {
    const { externalRef: _ref, ...noRef } = matter();
    const cases: [unknown, string, number][] = [
      [noRef, "externalRef", 400],
      [matter({ channel: "window" }), "channel", 400],
      [matter({ serviceType: "haircut" }), "serviceType", 400],
      [matter({ regionCode: "970101" }), "regionCode", 422],
      [matter({ regionCode: tree.counties[1] }), "regionCode", 403],
      [matter({ regionCode: tree.city }), "regionCode", 403],
    ];
    for (const [body, field, status] of cases) {
      const response = await send(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().field).toBe(field);
    }
    const broken = await send("{\"a\":", {});
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe("INVALID_JSON");
  });
});

describe("status callbacks", () => {
  const act = (id: string, body: Record<string, unknown>) => s.dispatcher.request("POST", `/api/tickets/${id}/actions`, body);
  const pending = async () => (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from upstream_callbacks where state = 'pending'`)).rows[0].n;

  it("each status change is posted to the client, signed, after commit", async () => {
    received.length = 0;
    await deliverUpstreamCallbacks(app.ctx, clock.now()); // nothing queued by intake
    expect(received).toHaveLength(0);
    const created = (await send(matter({ externalRef: "prov-cb-1" }))).json();
    expect((await act(created.id, { action: "accept" })).statusCode).toBe(200);
    expect(received).toHaveLength(0); // queued, not sent inside the transaction
    const report = await deliverUpstreamCallbacks(app.ctx, clock.now());
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    expect(JSON.parse(body)).toEqual({ externalRef: "prov-cb-1", number: created.number, status: "accepted", at: clock.now().toISOString() });
    expect(headers["x-santai-key"]).toBe(client.apiKey);
    expect(headers["x-santai-signature"]).toBe(signBody(client.secret, headers["x-santai-timestamp"] as string, body));
    expect(await pending()).toBe(0);
    // Delivered once only.
    await deliverUpstreamCallbacks(app.ctx, clock.now());
    expect(received).toHaveLength(1);
  });

  it("a failing receiver never undoes the change; retries keep each ticket's order", async () => {
    received.length = 0;
    receiverStatus = 503;
    const created = (await send(matter({ externalRef: "prov-cb-2" }))).json();
    expect((await act(created.id, { action: "accept" })).json().status).toBe("accepted");
    expect((await act(created.id, { action: "assign", unitRegionCode: tree.counties[0] })).json().status).toBe("assigned");
    // Assigned again to another unit: the status stays, so the client is not told.
    expect((await act(created.id, { action: "assign", unitRegionCode: tree.townships[0][0] })).json().status).toBe("assigned");
    expect(await pending()).toBe(2);

    expect(await deliverUpstreamCallbacks(app.ctx, clock.now())).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(received.map((r) => JSON.parse(r.body).status)).toEqual(["accepted"]); // the later one waits behind it
    expect((await s.window.get(`/api/tickets/${created.id}`)).json().status).toBe("assigned");
    const [row] = (await database.db.execute<{ attempts: number; last_error: string }>(sql`select attempts, last_error from upstream_callbacks where ticket_id = ${created.id} order by id limit 1`)).rows;
    expect(row).toEqual({ attempts: 1, last_error: "HTTP 503" });

    // Not due again yet.
    expect(await deliverUpstreamCallbacks(app.ctx, clock.now())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    receiverStatus = 200;
    clock.advance(31_000);
    expect(await deliverUpstreamCallbacks(app.ctx, clock.now())).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverUpstreamCallbacks(app.ctx, clock.now())).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(received.map((r) => JSON.parse(r.body).status)).toEqual(["accepted", "accepted", "assigned"]);
    expect(await pending()).toBe(0);
  });

  it("an unreachable receiver is retried, then given up after the last try", async () => {
    const created = (await send(matter({ externalRef: "prov-cb-3" }))).json();
    // A port that was just free and is closed again: connection refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await database.db.execute(sql`update upstream_clients set callback_url = ${`http://127.0.0.1:${port}/closed`} where id = ${client.id}`);
    try {
      await act(created.id, { action: "accept" });
      const first = await deliverUpstreamCallbacks(app.ctx, clock.now(), { timeoutMs: 2_000 });
      expect(first).toEqual({ sent: 0, retrying: 1, failed: 0 });
      // The ninth failure later: due now.
      await database.db.execute(sql`update upstream_callbacks set attempts = 9, next_attempt_at = ${clock.now()} where ticket_id = ${created.id}`);
      expect(await deliverUpstreamCallbacks(app.ctx, clock.now(), { timeoutMs: 2_000 })).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const [row] = (await database.db.execute<{ state: string; last_error: string }>(sql`select state, last_error from upstream_callbacks where ticket_id = ${created.id}`)).rows;
      expect(row.state).toBe("failed");
      expect(row.last_error).toMatch(/ECONNREFUSED/);
    } finally {
      await database.db.execute(sql`update upstream_clients set callback_url = ${callbackUrl} where id = ${client.id}`);
    }
  });

  it("a sender whose claim ran out writes nothing over the sender that took the callback over", async () => {
    received.length = 0;
    const created = (await send(matter({ externalRef: "prov-cb-stalled" }))).json();
    await act(created.id, { action: "accept" });
    let answer!: (status: number) => void;
    holdNext = new Promise<number>((resolve) => (answer = resolve));
    const arrived = new Promise<void>((resolve) => (onReceived = resolve));
    // The first sender's request hangs at the receiver (a process stalled mid-send)…
    const stalled = deliverUpstreamCallbacks(app.ctx, clock.now(), { timeoutMs: 60_000 });
    const stalledResult = stalled.then(
      () => null,
      (error: unknown) => error,
    );
    await arrived;
    onReceived = null;
    // …long enough for its claim to run out: another sender posts the callback and records it.
    const later = new Date(clock.now().getTime() + 10 * 60_000);
    expect(await deliverUpstreamCallbacks(app.ctx, later)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    // The stalled request finally fails: that result belongs to a claim that is no longer its own.
    answer(503);
    expect(String(await stalledResult)).toMatch(/claim ran out/);
    const rows = (await database.db.execute<{ state: string; attempts: number }>(sql`select state, attempts from upstream_callbacks where ticket_id = ${created.id}`)).rows;
    expect(rows).toEqual([{ state: "sent", attempts: 1 }]);
    // Posted twice (at least once, see docs/architecture.md), recorded once, never sent again.
    expect(received).toHaveLength(2);
    expect(await deliverUpstreamCallbacks(app.ctx, new Date(later.getTime() + 3_600_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("a failing outbox does not hold back the callbacks: each job of a tick stands alone", async () => {
    received.length = 0;
    const created = (await send(matter({ externalRef: "prov-cb-alone" }))).json();
    await act(created.id, { action: "accept" });
    const messages = await database.db.execute(sql`select 1 from notifications where ticket_id = ${created.id} and state = 'pending'`);
    expect(messages.rows.length).toBeGreaterThan(0);
    // The outbox cannot write at all.
    await database.db.execute(sql.raw(`create function test_refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox refused'; end $$`));
    await database.db.execute(sql.raw(`create trigger test_refuse_outbox before update on notifications for each row execute function test_refuse_outbox()`));
    try {
      const logged: string[] = [];
      const report = await runSchedulerTick(app.ctx, clock.now(), { log: (m) => void logged.push(m) });
      expect(report.jobs).toMatchObject({ outbox: "failed", callbacks: "ran" });
      expect(report.errors).toEqual([{ job: "outbox", id: null, message: "outbox refused" }]);
      expect(logged).toEqual(["scheduler: outbox failed: outbox refused"]);
      expect(report.callbacks).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(received.map((r) => JSON.parse(r.body).externalRef)).toEqual(["prov-cb-alone"]);
    } finally {
      await database.db.execute(sql.raw(`drop trigger test_refuse_outbox on notifications`));
      await database.db.execute(sql.raw(`drop function test_refuse_outbox()`));
    }
  });

  it("checks the address again when it sends: a host that now resolves to the loopback is not called", async () => {
    received.length = 0;
    const created = (await send(matter({ externalRef: "prov-cb-dns" }))).json();
    const port = new URL(callbackUrl).port;
    // As if the name's DNS record changed after registration: "localhost" is not on the allow-list, its address is.
    await database.db.execute(sql`update upstream_clients set callback_url = ${`http://localhost:${port}/santai/callback`} where id = ${client.id}`);
    try {
      await act(created.id, { action: "accept" });
      expect(await deliverUpstreamCallbacks(app.ctx, clock.now())).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect(received).toEqual([]);
      const [row] = (await database.db.execute<{ last_error: string }>(sql`select last_error from upstream_callbacks where ticket_id = ${created.id}`)).rows;
      expect(row.last_error).toContain("loopback");
    } finally {
      await database.db.execute(sql`update upstream_clients set callback_url = ${callbackUrl} where id = ${client.id}`);
      await database.db.execute(sql`update upstream_callbacks set state = 'failed' where ticket_id = ${created.id}`);
    }
  });

  it("staff tickets get no callbacks", async () => {
    const staffTicket = (
      await s.window.request("POST", "/api/tickets", { channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: tree.counties[0], applicant: { name: "钱七" }, description: "窗口来访" })
    ).json();
    await act(staffTicket.id, { action: "accept" });
    expect(await pending()).toBe(0);
  });
});
