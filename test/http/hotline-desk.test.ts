/**
 * 12348 hotline, the operator desk's live side, over a real port: the desk's
 * WebSocket says hello with the operator's seats and state; a signed call event
 * reaches the desk of the operator at that seat and no other desk; state
 * changes are pushed; who may not have a desk is refused; and a call's pop-up
 * (the caller's earlier calls and tickets by number) by role and region.
 *
 * No sleeps: every "did not arrive" is shown by a later message that did, since
 * a process pushes in the order the events committed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { deskHubOf } from "../../src/server/modules/hotline/hotline-desk-hub.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
let base: string;
const accounts: Record<string, StaffActor> = {};
let source: { id: string; apiKey: string; secret: string };
const open: WebSocket[] = [];

// Wednesday 2 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-02T10:00:00+08:00");
const CALLER = "13800138000";
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;
const at = (s: number) => new Date(START.getTime() + s * 1000).toISOString();
const staff = (key: string): Promise<Session> => signIn(app, accounts[key].username);

async function post(body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const response = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers: { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, clock.now()) } });
  clock.advance(1000);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response;
}

async function sessionCookie(key: string): Promise<string> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: accounts[key].username, password: TEST_PASSWORD } });
  expect(response.statusCode, response.body).toBe(200);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

type Message = { type: string; [key: string]: unknown };
type Desk = { socket: WebSocket; messages: Message[]; next(match: (m: Message) => boolean): Promise<Message>; closed: Promise<{ code: number; reason: string }> };

/**
 * A desk: every message kept; `next` resolves with the first message (seen or to come) that
 * matches and was not taken yet. Messages it passes over stay for later `next`s: a push's
 * state is the operator's state when the push is sent, so under load a state message may come
 * before the call message of the event that caused it.
 */
function connect(cookie: string | null): Desk {
  const socket = new WebSocket(`${base.replace("http", "ws")}/api/hotline/desk/live`, { headers: cookie ? { cookie } : {} });
  open.push(socket);
  const messages: Message[] = [];
  const taken = new Set<number>();
  const waiting: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  const take = () => {
    for (let w = 0; w < waiting.length; ) {
      const found = messages.findIndex((message, i) => !taken.has(i) && waiting[w].match(message));
      if (found < 0) {
        w += 1;
        continue;
      }
      taken.add(found);
      const [{ resolve }] = waiting.splice(w, 1);
      resolve(messages[found]);
    }
  };
  socket.on("message", (data) => {
    messages.push(JSON.parse(data.toString()) as Message);
    take();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    socket,
    messages,
    closed,
    next: (match) =>
      new Promise((resolve) => {
        waiting.push({ match, resolve });
        take();
      }),
  };
}

const callOf = (callId: string) => (m: Message) => m.type === "call" && (m.call as { callId: string }).callId === callId;

async function deskOf(key: string): Promise<Desk> {
  const desk = connect(await sessionCookie(key));
  await desk.next((m) => m.type === "hello");
  return desk;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    accounts.countyAdmin = await makeStaff(tx, ["admin"], tree.counties[0]);
    accounts.leader = await makeStaff(tx, ["leader"], tree.city);
    accounts.supervisor = await makeStaff(tx, ["supervisor"], tree.counties[0]);
    accounts.otherSupervisor = await makeStaff(tx, ["supervisor"], tree.counties[1]);
    accounts.window = await makeStaff(tx, ["window"], tree.counties[0]);
    accounts.operator1 = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.operator2 = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.operator3 = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.dutyLawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    accounts.otherOperator = await makeStaff(tx, ["operator"], tree.counties[1]);
  });
  const admin = await staff("countyAdmin");
  const created = await admin.request("POST", "/api/hotline/sources", { name: "测试县 12348", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
  for (const [extension, key] of [["8001", "operator1"], ["8002", "operator2"], ["8003", "operator3"], ["8101", "dutyLawyer"]] as const) {
    const seat = await admin.request("POST", "/api/hotline/seats", { sourceId: source.id, extension, name: `坐席 ${extension}`, operatorId: accounts[key].id });
    expect(seat.statusCode, seat.body).toBe(201);
  }
});

afterAll(async () => {
  for (const socket of open) socket.terminate();
  await app?.close();
  await database?.close();
});

describe("the desk's WebSocket", () => {
  it("says hello with the operator's seats and state", async () => {
    const desk = connect(await sessionCookie("operator1"));
    const hello = await desk.next(() => true);
    expect(hello).toEqual({ type: "hello", operatorId: accounts.operator1.id, seats: [{ sourceId: source.id, extension: "8001", name: "坐席 8001" }], state: { state: "break", since: null, callId: null } });
    desk.socket.send(JSON.stringify({ type: "ping" }));
    expect(await desk.next(() => true)).toEqual({ type: "pong" });
    desk.socket.send("not json");
    expect(await desk.next(() => true)).toMatchObject({ type: "error", code: "VALIDATION_FAILED", field: "type" });
    desk.socket.close();
  });

  it("a call ringing at a seat reaches that operator's desk (masked number, receipt time), and not another's", async () => {
    const one = await deskOf("operator1");
    const two = await deskOf("operator2");
    const first = unique("call");
    await post({ eventId: unique("ev"), callId: first, type: "incoming", at: at(0), caller: `+86 ${CALLER}` });
    const receivedAt = clock.now().toISOString();
    await post({ eventId: unique("ev"), callId: first, type: "ringing", at: at(1), seat: "8001" });
    const ringing = await one.next(callOf(first));
    expect(ringing).toMatchObject({ type: "call", eventType: "ringing", receivedAt, call: { callId: first, sourceId: source.id, seat: "8001", operatorId: accounts.operator1.id, phase: "ringing", outcome: null, callerMasked: "138****8000", arrivedAt: at(0), ringAt: at(1), answeredAt: null, endedAt: null, transferTarget: null } });
    expect(JSON.stringify(one.messages)).not.toContain(CALLER);

    // Then a call at operator 2's seat: the first call message operator 2 gets is this one.
    const second = unique("call");
    await post({ eventId: unique("ev"), callId: second, type: "ringing", at: at(2), seat: "8002" });
    const theirs = await two.next((m) => m.type === "call");
    expect((theirs.call as { callId: string }).callId).toBe(second);
    expect(one.messages.some(callOf(second))).toBe(false);
    one.socket.close();
    two.socket.close();
  });

  it("pushes state changes: the operator's own, busy on an answer, after-call work on a transfer; the duty lawyer gets the transferred call", async () => {
    const one = await deskOf("operator3");
    const lawyer = await deskOf("dutyLawyer");
    expect((await (await staff("operator3")).request("PUT", "/api/hotline/operator-state", { state: "ready" })).statusCode).toBe(200);
    expect(await one.next((m) => m.type === "state")).toMatchObject({ state: { state: "ready", callId: null } });

    const callId = unique("call");
    await post({ eventId: unique("ev"), callId, type: "incoming", at: at(10), caller: CALLER });
    await post({ eventId: unique("ev"), callId, type: "ringing", at: at(11), seat: "8003" });
    await post({ eventId: unique("ev"), callId, type: "answered", at: at(12), seat: "8003" });
    const answered = await one.next((m) => m.type === "call" && m.eventType === "answered");
    expect(answered.call).toMatchObject({ callId, phase: "answered", answeredAt: at(12) });
    const busy = await one.next((m) => m.type === "state");
    expect(busy).toEqual({ type: "state", state: { state: "busy", since: at(12), callId: (answered.call as { id: string }).id } });

    await post({ eventId: unique("ev"), callId, type: "transferred", at: at(40), seat: "8003", target: "8101" });
    expect(await one.next((m) => m.type === "call" && m.eventType === "transferred")).toMatchObject({ call: { phase: "transferred", transferTarget: "8101" } });
    expect(await one.next((m) => m.type === "state")).toMatchObject({ state: { state: "after_call_work", since: at(40) } });
    expect(await lawyer.next(callOf(callId))).toMatchObject({ eventType: "transferred", call: { phase: "transferred", transferTarget: "8101" } });

    // The end reaches the operator the call is attributed to.
    await post({ eventId: unique("ev"), callId, type: "ended", at: at(100) });
    expect(await one.next((m) => m.type === "call" && m.eventType === "ended")).toMatchObject({ call: { phase: "ended", outcome: "answered" } });
    one.socket.close();
    lawyer.socket.close();
  });

  it("refuses a visitor who is not signed in (401 before the upgrade)", async () => {
    const socket = new WebSocket(`${base.replace("http", "ws")}/api/hotline/desk/live`);
    open.push(socket);
    const status = await new Promise<number>((resolve, reject) => {
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("open", () => reject(new Error("opened without a session")));
      socket.on("error", () => {});
    });
    expect(status).toBe(401);
  });

  it.each(["window", "supervisor", "countyAdmin"])("closes the desk of a %s with 4403", async (key) => {
    const desk = connect(await sessionCookie(key));
    expect((await desk.closed).code).toBe(4403);
    expect(desk.messages).toEqual([]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("the LISTEN connection (PostgreSQL; the embedded database fans out in-process)", () => {
  it("is re-established when it drops, and pushes flow again", async () => {
    const hub = deskHubOf(app.ctx, app.log);
    const pid = hub.listenerPid;
    expect(pid).toEqual(expect.any(Number));
    const back = hub.nextListen();
    await database.pool.query("select pg_terminate_backend($1)", [pid]);
    await back;
    expect(hub.listenerPid).not.toBe(pid);
    const desk = await deskOf("operator1");
    const callId = unique("call");
    await post({ eventId: unique("ev"), callId, type: "ringing", at: at(500), seat: "8001" });
    expect(await desk.next(callOf(callId))).toMatchObject({ eventType: "ringing", call: { phase: "ringing" } });
    desk.socket.close();
  });
});

describe("a call's pop-up", () => {
  let callRef: string;
  let ticketId: string;

  beforeAll(async () => {
    // Two earlier calls of the number, one of another number, a ticket of the number and one of another.
    for (const [caller, answered] of [[CALLER, true], [CALLER, false], ["13900139000", true]] as const) {
      const callId = unique("old");
      await post({ eventId: unique("ev"), callId, type: "incoming", at: at(200 + counter), caller });
      await post({ eventId: unique("ev"), callId, type: "ringing", at: at(201 + counter), seat: "8002" });
      if (answered) await post({ eventId: unique("ev"), callId, type: "answered", at: at(205 + counter), seat: "8002" });
      await post({ eventId: unique("ev"), callId, type: "ended", at: at(260 + counter) });
    }
    const window = accounts.window;
    const { protector } = app.ctx;
    const mine = await database.db.transaction((tx) =>
      createTicket(tx, window, { channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: tree.townships[0][0], applicant: { name: "赵六", phone: CALLER }, description: "讨薪" }, clock.now(), { protector }),
    );
    ticketId = mine.id;
    await database.db.transaction((tx) =>
      createTicket(tx, window, { channel: "window", serviceType: "consultation", category: "婚姻家庭", regionCode: tree.townships[0][0], applicant: { name: "钱七", phone: "13900139000" }, description: "离婚" }, clock.now(), { protector }),
    );
    const callId = unique("now");
    await post({ eventId: unique("ev"), callId, type: "incoming", at: at(900), caller: CALLER });
    await post({ eventId: unique("ev"), callId, type: "ringing", at: at(901), seat: "8001" });
    const { rows } = await database.pool.query<{ id: string }>("select id from hotline_calls where call_id = $1", [callId]);
    callRef = rows[0].id;
  });

  it("shows the call, the caller's earlier calls and tickets by number, newest first, masked", async () => {
    const response = await (await staff("operator1")).get(`/api/hotline/calls/${callRef}/history`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.call).toMatchObject({ id: callRef, phase: "ringing", seat: "8001", callerMasked: "138****8000" });
    expect(body.caller).toEqual({ masked: "138****8000" });
    // The two earlier calls of this number (and the three of the desk tests above), never the other number's.
    expect(body.calls.length).toBeGreaterThanOrEqual(2);
    expect(body.calls.map((c: { id: string }) => c.id)).not.toContain(callRef);
    const arrived = body.calls.map((c: { arrivedAt: string }) => c.arrivedAt);
    expect(arrived).toEqual([...arrived].sort().reverse());
    expect(body.calls.slice(0, 2).map((c: { outcome: string; seat: string }) => [c.outcome, c.seat])).toEqual([["abandoned", "8002"], ["answered", "8002"]]);
    expect(body.calls[1]).toMatchObject({ operatorId: accounts.operator2.id, waitSeconds: expect.any(Number), talkSeconds: expect.any(Number) });
    expect(body.tickets).toEqual([expect.objectContaining({ id: ticketId, number: expect.stringMatching(/^\d{6}-\d{8}-\d{4}$/), status: expect.any(String), serviceType: "consultation", category: "劳动争议", summary: "讨薪" })]);
    expect(response.body).not.toContain(CALLER);
    expect(response.body).not.toContain("13900139000");
  });

  it.each([
    ["operator1", 200, "the operator at the call's seat"],
    ["supervisor", 200, "a supervisor of the region"],
    ["leader", 200, "a leader above it"],
    ["countyAdmin", 200, "an admin of the region"],
    ["operator2", 404, "another operator of the region"],
    ["dutyLawyer", 404, "a duty lawyer the call did not reach"],
    ["window", 404, "window staff"],
    ["otherSupervisor", 404, "a supervisor of another county"],
    ["otherOperator", 404, "an operator of another county"],
  ])("%s: %i (%s)", async (key, status) => {
    expect((await (await staff(key)).get(`/api/hotline/calls/${callRef}/history`)).statusCode).toBe(status);
  });

  it("is on the audit trail; unknown and malformed ids, and no session, are refused", async () => {
    const { rows } = await database.pool.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'hotline.call_history' and entity_id = $1", [callRef]);
    expect(rows[0].n).toBeGreaterThanOrEqual(5);
    const operator = await staff("operator1");
    expect((await operator.get("/api/hotline/calls/00000000-0000-4000-8000-000000000000/history")).statusCode).toBe(404);
    const bad = await operator.get("/api/hotline/calls/nope/history");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "id" });
    expect((await app.inject({ method: "GET", url: `/api/hotline/calls/${callRef}/history` })).statusCode).toBe(401);
  });
});
