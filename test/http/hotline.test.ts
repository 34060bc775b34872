/**
 * 12348 hotline, part 1, over HTTP: a phone system registered by an admin posts
 * signed call events (missing, wrong and stale signatures, replays and bad
 * payloads refused naming the header or field); duplicated and out-of-order
 * events give the right call record; seats map extensions to operators, whose
 * states follow their calls; and who may do what with seats where.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { getCallRecord } from "../../src/server/modules/hotline/queries/get-call-record.ts";
import { mapAmiStream } from "../../src/server/modules/hotline/asterisk-ami.ts";
import fc from "fast-check";
import { CallEventSchema } from "../../src/server/modules/hotline/hotline.types.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { mixedValue, oneBadLeaf, validValue, type JsonSchema } from "../helpers/schema-arbitraries.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const accounts: Record<string, StaffActor> = {};
let source: { id: string; apiKey: string; secret: string };
let otherSource: { id: string; apiKey: string; secret: string };

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const staff = (key: string): Promise<Session> => signIn(app, accounts[key].username);
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;
/** Seconds after START, as the phone system's ISO time. */
const at = (s: number) => new Date(START.getTime() + s * 1000).toISOString();
/** Seconds from a moment, as the phone system's ISO time. */
const after = (base: Date, s: number) => new Date(base.getTime() + s * 1000).toISOString();

/**
 * Posts a signed event, signed now; then the clock moves a second, so the next
 * post (even of the same body) is signed anew: a phone system resending an event
 * signs it again with a fresh timestamp.
 */
async function post(body: unknown, options: { raw?: string; headers?: Record<string, string>; signAt?: Date; credentials?: { apiKey: string; secret: string } } = {}) {
  const text = options.raw ?? JSON.stringify(body);
  const credentials = options.credentials ?? source;
  const signed = signedHeaders(credentials.apiKey, credentials.secret, text, options.signAt ?? clock.now());
  const response = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers: { "content-type": "application/json", ...signed, ...options.headers } });
  clock.advance(1000);
  return response;
}

async function seat(extension: string, operatorId: string | null, as = "admin", sourceId = source.id) {
  const response = await (await staff(as)).request("POST", "/api/hotline/seats", { sourceId, extension, name: `坐席 ${extension}`, operatorId });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

const record = (callId: string, sourceId = source.id) => database.db.transaction((tx) => getCallRecord(tx, app.ctx.protector, sourceId, callId));

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    accounts.admin = await makeStaff(tx, ["admin"], tree.city);
    accounts.countyAdmin = await makeStaff(tx, ["admin"], tree.counties[0]);
    accounts.otherAdmin = await makeStaff(tx, ["admin"], tree.counties[1]);
    accounts.leader = await makeStaff(tx, ["leader"], tree.city);
    accounts.supervisor = await makeStaff(tx, ["supervisor"], tree.counties[0]);
    accounts.window = await makeStaff(tx, ["window"], tree.counties[0]);
    accounts.lawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    accounts.dutyLawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    for (let i = 1; i <= 6; i++) accounts[`operator${i}`] = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.otherOperator = await makeStaff(tx, ["operator"], tree.counties[1]);
  });
  const created = await (await staff("countyAdmin")).request("POST", "/api/hotline/sources", { name: "测试县 12348 Asterisk", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
  const other = await (await staff("otherAdmin")).request("POST", "/api/hotline/sources", { name: "另一县 12348", regionCode: tree.counties[1] });
  otherSource = other.json();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("phone systems", () => {
  it("an admin registers one in their region; the key and secret are shown once, the list shows a prefix", async () => {
    expect(source.apiKey).toMatch(/^hl_[0-9a-f]{32}$/);
    expect(source.secret.length).toBeGreaterThan(30);
    const list = await (await staff("admin")).get("/api/hotline/sources");
    const items = list.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([source.id, otherSource.id]));
    expect(JSON.stringify(items)).not.toContain(source.secret);
    expect(JSON.stringify(items)).not.toContain(source.apiKey);
    // The other county's admin sees only theirs.
    expect(((await (await staff("otherAdmin")).get("/api/hotline/sources")).json().items as { id: string }[]).map((i) => i.id)).toEqual([otherSource.id]);
  });

  it("only an admin of the region registers one", async () => {
    expect((await (await staff("supervisor")).request("POST", "/api/hotline/sources", { name: "x", regionCode: tree.counties[0] })).statusCode).toBe(404);
    expect((await (await staff("otherAdmin")).request("POST", "/api/hotline/sources", { name: "x", regionCode: tree.counties[0] })).statusCode).toBe(404);
    const blank = await (await staff("countyAdmin")).request("POST", "/api/hotline/sources", { name: "  ", regionCode: tree.counties[0] });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().field).toBe("name");
  });
});

describe("the signature", () => {
  const incoming = () => ({ eventId: unique("ev"), callId: unique("call"), type: "incoming", at: at(0), caller: "13800138000" });

  it("a signed event is stored (201)", async () => {
    const response = await post(incoming());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ isDuplicate: false, call: { outcome: null, eventCount: 1 } });
  });

  it.each(["x-santai-key", "x-santai-timestamp", "x-santai-signature"])("without %s: 401 naming it", async (name) => {
    const text = JSON.stringify(incoming());
    const headers: Record<string, string> = { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, clock.now()) };
    delete headers[name];
    const response = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: name });
  });

  it("a wrong secret, an altered body or an unknown key: 401, nothing stored", async () => {
    const body = incoming();
    expect((await post(body, { credentials: { apiKey: source.apiKey, secret: "not-the-secret" } })).json()).toMatchObject({ code: "SIGNATURE_INVALID", field: "x-santai-signature" });
    const text = JSON.stringify(body);
    const signed = signedHeaders(source.apiKey, source.secret, text, clock.now());
    const altered = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text.replace("13800138000", "13900139000"), headers: { "content-type": "application/json", ...signed } });
    expect(altered.statusCode).toBe(401);
    expect((await post(body, { credentials: { apiKey: "hl_unknown", secret: source.secret } })).statusCode).toBe(401);
    expect(await record(body.callId)).toBeNull();
  });

  it("a timestamp more than 300 s away either way: 401 naming the header; 300 s passes", async () => {
    for (const skew of [301, -301]) {
      const response = await post(incoming(), { signAt: new Date(clock.now().getTime() + skew * 1000) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: "x-santai-timestamp" });
    }
    expect((await post(incoming(), { signAt: new Date(clock.now().getTime() - 300 * 1000) })).statusCode).toBe(201);
  });

  it("the same signed request sent again is a replay (401); the event signed anew is a duplicate (200)", async () => {
    const body = incoming();
    const text = JSON.stringify(body);
    const headers = { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, new Date(clock.now().getTime() - 7000)) };
    const once = () => app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers });
    expect((await once()).statusCode).toBe(201);
    const replay = await once();
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toContain("replay");
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toMatchObject({ isDuplicate: true, call: { eventCount: 1 } });
  });

  it("the same signed request sent twice at once is taken once: one 201, one 401 replay, one event stored", async () => {
    const body = incoming();
    const text = JSON.stringify(body);
    const headers = { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, clock.now()) };
    const both = await Promise.all([0, 1].map(() => app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 401]);
    expect((await record(body.callId))?.eventCount).toBe(1);
  });

  it("a signed request refused for its content leaves no nonce: sent again, it is refused for its content again (not as a replay)", async () => {
    // Signed, but the event is a day and more away from our clock: 400 naming `at`.
    const body = { ...incoming(), at: new Date(clock.now().getTime() - 25 * 3600 * 1000).toISOString() };
    const text = JSON.stringify(body);
    const headers = { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, clock.now()) };
    for (let i = 0; i < 2; i += 1) {
      const response = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers });
      expect(response.statusCode).toBe(400);
      expect(response.json().field).toBe("at");
    }
    expect(await record(body.callId)).toBeNull();
  });
});

describe("bad payloads: 400 naming the field", () => {
  const base = () => ({ eventId: unique("ev"), callId: unique("call"), type: "ringing", at: at(1), seat: "8001" });
  it.each([
    ["eventId", (b: Record<string, unknown>) => delete b.eventId],
    ["callId", (b: Record<string, unknown>) => (b.callId = "")],
    ["type", (b: Record<string, unknown>) => (b.type = "picked_up")],
    ["at", (b: Record<string, unknown>) => (b.at = "yesterday")],
    ["at", (b: Record<string, unknown>) => (b.at = "2026-11-10T10:00:00+08:00")],
    ["seat", (b: Record<string, unknown>) => delete b.seat],
    ["caller", (b: Record<string, unknown>) => Object.assign(b, { type: "incoming", caller: undefined })],
    ["caller", (b: Record<string, unknown>) => Object.assign(b, { type: "incoming", caller: "call me" })],
    ["target", (b: Record<string, unknown>) => (b.type = "transferred")],
    ["recordingUrl", (b: Record<string, unknown>) => Object.assign(b, { type: "recording_available", recordingUrl: "ftp://pbx/rec.wav" })],
    ["recordingUrl", (b: Record<string, unknown>) => (b.type = "recording_available")],
    ["colour", (b: Record<string, unknown>) => (b.colour = "red")],
  ])("%s", async (field, spoil) => {
    const body = base() as Record<string, unknown>;
    spoil(body);
    const response = await post(body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(await record(body.callId as string)).toBeNull();
  });

  it("a body that is not JSON", async () => {
    const response = await post(null, { raw: "{not json" });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("INVALID_JSON");
  });

  it("an event id used for another call: 409 naming eventId", async () => {
    const body = base();
    expect((await post(body)).statusCode).toBe(201);
    const response = await post({ ...body, callId: unique("call") });
    expect(response.statusCode).toBe(409);
    expect(response.json().field).toBe("eventId");
  });
});

describe("the call record", () => {
  const callEvents = (callId: string, extension: string) => [
    { eventId: `${callId}-1`, callId, type: "incoming", at: at(0), caller: "+86 138 0013 8000" },
    { eventId: `${callId}-2`, callId, type: "ringing", at: at(4), seat: extension },
    { eventId: `${callId}-3`, callId, type: "answered", at: at(12), seat: extension },
    { eventId: `${callId}-4`, callId, type: "ended", at: at(192) },
    { eventId: `${callId}-5`, callId, type: "recording_available", at: at(195), recordingUrl: "https://pbx.example/rec/1.wav" },
  ];

  it("in order, reversed, shuffled with duplicates: the same record", async () => {
    const extension = unique("80");
    await seat(extension, accounts.operator1.id);
    const orders = [(e: unknown[]) => e, (e: unknown[]) => [...e].reverse(), (e: unknown[]) => [e[3], e[1], e[3], e[0], e[4], e[2], e[0]]];
    const records = [];
    for (const order of orders) {
      const callId = unique("call");
      for (const event of order(callEvents(callId, extension))) expect([200, 201]).toContain((await post(event)).statusCode);
      records.push(await record(callId));
    }
    for (const r of records) {
      expect(r).toMatchObject({
        caller: "13800138000",
        arrivedAt: new Date(at(0)),
        ringAt: new Date(at(4)),
        answeredAt: new Date(at(12)),
        endedAt: new Date(at(192)),
        seat: extension,
        operatorId: accounts.operator1.id,
        outcome: "answered",
        waitSeconds: 12,
        talkSeconds: 180,
        recordingUrl: "https://pbx.example/rec/1.wav",
        eventCount: 5,
        regionPath: expect.any(String),
      });
    }
    // The number is sealed and hashed for lookup, as citizens' phones are.
    const [row] = (await database.pool.query("select caller_enc, caller_hash from hotline_calls where call_id = $1", [records[0]!.callId])).rows;
    expect(row.caller_enc).not.toContain("13800138000");
    expect(app.ctx.protector.lookupHashes("13800138000")).toContain(row.caller_hash);
  });

  it("missed, abandoned and voicemail calls", async () => {
    const missed = unique("call");
    for (const e of [
      { eventId: `${missed}-m`, callId: missed, type: "missed", at: at(60) },
      { eventId: `${missed}-i`, callId: missed, type: "incoming", at: at(0), caller: "02812348" },
      { eventId: `${missed}-r`, callId: missed, type: "ringing", at: at(2), seat: "8999" },
    ]) await post(e);
    expect(await record(missed)).toMatchObject({ outcome: "missed", waitSeconds: 60, talkSeconds: null, operatorId: null });

    const abandoned = unique("call");
    await post({ eventId: `${abandoned}-e`, callId: abandoned, type: "ended", at: at(9) });
    expect(await record(abandoned)).toMatchObject({ outcome: "abandoned", arrivedAt: new Date(at(9)) });
    await post({ eventId: `${abandoned}-i`, callId: abandoned, type: "incoming", at: at(0), caller: "13900000000" });
    expect(await record(abandoned)).toMatchObject({ outcome: "abandoned", arrivedAt: new Date(at(0)), waitSeconds: 9, caller: "13900000000" });

    const voicemail = unique("call");
    for (const e of [
      { eventId: `${voicemail}-i`, callId: voicemail, type: "incoming", at: at(0), caller: "13900000001" },
      { eventId: `${voicemail}-v`, callId: voicemail, type: "voicemail", at: at(40) },
      { eventId: `${voicemail}-m`, callId: voicemail, type: "missed", at: at(39) },
    ]) await post(e);
    expect(await record(voicemail)).toMatchObject({ outcome: "voicemail" });
  });

  it("a transfer keeps the answering seat and names the target", async () => {
    const [a, b] = [unique("81"), unique("81")];
    await seat(a, accounts.operator2.id);
    await seat(b, accounts.lawyer.id);
    const callId = unique("call");
    for (const e of [
      { eventId: `${callId}-1`, callId, type: "incoming", at: at(0), caller: "13900000002" },
      { eventId: `${callId}-2`, callId, type: "answered", at: at(5), seat: a },
      { eventId: `${callId}-3`, callId, type: "transferred", at: at(65), seat: a, target: b },
      { eventId: `${callId}-4`, callId, type: "answered", at: at(70), seat: b },
    ]) await post(e);
    expect((await (await staff("operator2")).get("/api/hotline/operator-state")).json()).toMatchObject({ state: "after_call_work" });
    expect((await (await staff("lawyer")).get("/api/hotline/operator-state")).json()).toMatchObject({ state: "busy" });
    await post({ eventId: `${callId}-5`, callId, type: "ended", at: at(305) });
    expect(await record(callId)).toMatchObject({ seat: a, operatorId: accounts.operator2.id, transferTarget: b, talkSeconds: 300 });
    expect((await (await staff("lawyer")).get("/api/hotline/operator-state")).json()).toMatchObject({ state: "after_call_work" });
  });
});

describe("operator states", () => {
  it("an operator sets ready or break; an answer makes them busy, the end after-call work", async () => {
    const operator = await staff("operator3");
    expect((await operator.get("/api/hotline/operator-state")).json()).toMatchObject({ state: "break", since: null });
    const ready = await operator.request("PUT", "/api/hotline/operator-state", { state: "ready" });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ state: "ready", since: clock.now().toISOString() });

    const base = clock.now();
    const extension = unique("82");
    await seat(extension, accounts.operator3.id);
    const callId = unique("call");
    await post({ eventId: `${callId}-a`, callId, type: "answered", at: after(base, 5), seat: extension });
    const busy = (await operator.get("/api/hotline/operator-state")).json();
    expect(busy).toMatchObject({ state: "busy", since: after(base, 5) });
    const refused = await operator.request("PUT", "/api/hotline/operator-state", { state: "break" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().field).toBe("state");
    expect((await operator.request("PUT", "/api/hotline/operator-state", { state: "busy" })).json().field).toBe("state");

    await post({ eventId: `${callId}-e`, callId, type: "ended", at: after(base, 65) });
    expect((await operator.get("/api/hotline/operator-state")).json()).toMatchObject({ state: "after_call_work", since: after(base, 65) });
    // The same end again changes nothing; ready again by hand.
    expect((await post({ eventId: `${callId}-e`, callId, type: "ended", at: after(base, 65) })).statusCode).toBe(200);
    expect((await operator.request("PUT", "/api/hotline/operator-state", { state: "ready" })).json()).toMatchObject({ state: "ready" });
  });

  it("a late answer of a call already ended, or older than the operator's own change, does not make them busy", async () => {
    const operator = await staff("operator4");
    const extension = unique("83");
    await seat(extension, accounts.operator4.id);
    await operator.request("PUT", "/api/hotline/operator-state", { state: "ready" });
    const base = clock.now();
    const ended = unique("call");
    await post({ eventId: `${ended}-e`, callId: ended, type: "ended", at: after(base, 95) });
    await post({ eventId: `${ended}-a`, callId: ended, type: "answered", at: after(base, 50), seat: extension });
    expect((await operator.get("/api/hotline/operator-state")).json()).toMatchObject({ state: "ready" });
    expect(await record(ended)).toMatchObject({ outcome: "answered", operatorId: accounts.operator4.id, talkSeconds: 45 });
    const old = unique("call");
    await post({ eventId: `${old}-a`, callId: old, type: "answered", at: after(base, -10), seat: extension });
    expect((await operator.get("/api/hotline/operator-state")).json()).toMatchObject({ state: "ready" });
  });

  it("only operators and duty lawyers keep a state", async () => {
    for (const who of ["window", "admin", "supervisor"]) {
      expect((await (await staff(who)).request("PUT", "/api/hotline/operator-state", { state: "ready" })).statusCode).toBe(403);
      expect((await (await staff(who)).get("/api/hotline/operator-state")).statusCode).toBe(403);
    }
    expect((await (await staff("lawyer")).request("PUT", "/api/hotline/operator-state", { state: "ready" })).statusCode).toBe(200);
    const bad = await (await staff("operator5")).request("PUT", "/api/hotline/operator-state", { state: "asleep" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("state");
  });
});

describe("seats: who may do what where", () => {
  // [who, sees the county's seats, adds one (status), changes one (status)]
  const matrix: [string, boolean, number, number][] = [
    ["admin", true, 201, 200], // city admin: above the county
    ["countyAdmin", true, 201, 200],
    ["otherAdmin", false, 400, 404], // the other county
    ["leader", true, 403, 403],
    ["supervisor", true, 403, 403],
    ["operator6", true, 403, 403],
    ["otherOperator", false, 400, 404],
    ["window", false, 400, 404],
    ["lawyer", false, 400, 404],
  ];
  it.each(matrix)("%s", async (who, sees, adds, changes) => {
    const existing = await seat(unique("84"), null);
    const session = await staff(who);
    const list = (await session.get(`/api/hotline/seats?sourceId=${source.id}`)).json().items as { id: string; abilities: { manage: boolean } }[];
    expect(list.some((s) => s.id === existing.id)).toBe(sees);
    if (sees) expect(list.find((s) => s.id === existing.id)!.abilities.manage).toBe(changes === 200);
    const add = await session.request("POST", "/api/hotline/seats", { sourceId: source.id, extension: unique("85"), name: "新坐席" });
    expect(add.statusCode, add.body).toBe(adds);
    const change = await session.request("PATCH", `/api/hotline/seats/${existing.id}`, { name: "改名" });
    expect(change.statusCode, change.body).toBe(changes);
  });

  it("seating an operator: in the region, holding the role, at one seat only; every change audited", async () => {
    const admin = await staff("countyAdmin");
    const created = await seat(unique("86"), null, "countyAdmin");
    const wrong = async (operatorId: string, status: number) => {
      const response = await admin.request("PATCH", `/api/hotline/seats/${created.id}`, { operatorId });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().field).toBe("operatorId");
    };
    await wrong(accounts.otherOperator.id, 400); // another county
    await wrong(accounts.window.id, 400); // not an operator
    await wrong(accounts.operator1.id, 409); // already at a seat of this phone system
    const moved = await admin.request("PATCH", `/api/hotline/seats/${created.id}`, { operatorId: accounts.operator5.id });
    expect(moved.json()).toMatchObject({ operator: { id: accounts.operator5.id } });
    const duplicate = await admin.request("POST", "/api/hotline/seats", { sourceId: source.id, extension: (moved.json() as { extension: string }).extension, name: "重复" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().field).toBe("extension");
    const { rows } = await database.pool.query("select action, detail from audit_log where entity_id = $1 order by id", [created.id]);
    expect(rows.map((r) => r.action)).toEqual(["hotline.seat_create", "hotline.seat_update"]);
    expect(rows[1].detail.operatorId).toEqual({ from: null, to: accounts.operator5.id });
  });
});

describe("the Asterisk adapter's events, posted", () => {
  it("a recorded AMI stream gives the right records, in order or shuffled and sent twice", async () => {
    const created = await (await staff("countyAdmin")).request("POST", "/api/hotline/sources", { name: "测试县 Asterisk AMI", regionCode: tree.counties[0] });
    const ami = created.json() as { id: string; apiKey: string; secret: string };
    await seat("8001", accounts.operator6.id, "countyAdmin", ami.id);
    await seat("8100", accounts.dutyLawyer.id, "countyAdmin", ami.id);
    const events = mapAmiStream(readFileSync(resolve("test/fixtures/hotline/asterisk-ami-2026-11-18.txt"), "utf8"), { recordingBaseUrl: "https://pbx.example/recordings" });
    for (const event of events) {
      const response = await post(event, { credentials: ami });
      expect(response.statusCode, response.body).toBe(201);
    }
    const expected = {
      "1794967200.101": { outcome: "answered", seat: "8001", operatorId: accounts.operator6.id, waitSeconds: 16, talkSeconds: 180, recordingUrl: "https://pbx.example/recordings/2026/11/18/1794967200.101.wav" },
      "1794967205.103": { outcome: "voicemail", seat: "8003", operatorId: null },
      "1794967230.106": { outcome: "abandoned", seat: "8004", waitSeconds: 10 },
      "1794967300.108": { outcome: "answered", seat: "8002", transferTarget: "8100", talkSeconds: 226 },
      "1794967400.111": { outcome: "missed", seat: "8001", waitSeconds: 63, operatorId: accounts.operator6.id },
    };
    for (const [callId, fields] of Object.entries(expected)) expect(await record(callId, ami.id), callId).toMatchObject(fields);
    // The operator at 8001 answered call A and is in after-call work since it ended; the lawyer took the transfer.
    expect((await (await staff("operator6")).get("/api/hotline/operator-state")).json()).toMatchObject({ state: "after_call_work", since: new Date(1794967396010).toISOString() });
    expect((await (await staff("dutyLawyer")).get("/api/hotline/operator-state")).json()).toMatchObject({ state: "after_call_work", since: new Date(1794967530010).toISOString() });

    // The same stream again, shuffled: every event a duplicate, no record changes.
    const before = await Promise.all(Object.keys(expected).map((callId) => record(callId, ami.id)));
    const shuffled = events.map((e, i) => ({ e, k: (i * 7919) % events.length })).sort((a, b) => a.k - b.k).map(({ e }) => e);
    for (const event of shuffled) expect((await post(event, { credentials: ami })).statusCode).toBe(200);
    const after = await Promise.all(Object.keys(expected).map((callId) => record(callId, ami.id)));
    // Not even touched: a duplicate returns before the record is derived.
    expect(after).toEqual(before);
  });
});

describe("signed events, generated", () => {
  it("valid, strange and bad bodies, correctly signed, never answer 5xx; every refusal names a field", async () => {
    const schema = CallEventSchema as unknown as JsonSchema;
    // Times near now and seats that exist, so many generated events get past validation into the record.
    const known = { at: [at(0), at(30), at(-5), "2026-11-18T10:02:00.5+08:00"], seat: ["8001", "8002", "8999"], callId: ["gen-1", "gen-2"], type: ["incoming", "ringing", "answered", "ended"] };
    const body = fc.oneof(validValue(schema, known), validValue(schema, known), oneBadLeaf(schema, known), mixedValue(schema, known));
    const problems: string[] = [];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const response = await post(value);
        statuses.add(response.statusCode);
        if (response.statusCode >= 500 || (response.statusCode === 400 && !response.json().field && response.json().code !== "INVALID_JSON")) {
          problems.push(`${response.statusCode} ${JSON.stringify(value)} → ${response.body}`);
        }
      }),
      { seed: 20261118, numRuns: 150 },
    );
    expect(problems).toEqual([]);
    // The generator reaches the command, not only the validator.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([201, 400]));
  }, 120_000);
});
