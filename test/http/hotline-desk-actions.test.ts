/**
 * 12348 hotline, the operator desk's actions over HTTP (docs/hotline-desk.md): notes on a
 * call, a ticket taken in from it with the caller's number, a consultation resolved on it
 * with cited articles, a transfer asked for to a lawyer's seat. Bad input named, retries
 * idempotent, every action audited, and who may do what: the call's operator, a
 * supervisor of the region, and everyone else (other operators, other regions, other roles).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { getCallRecord } from "../../src/server/modules/hotline/queries/get-call-record.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { importLawTexts } from "../helpers/laws.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const accounts: Record<string, StaffActor> = {};
let source: { id: string; apiKey: string; secret: string };
const seats: Record<string, string> = {};

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const sessions = new Map<string, Session>();
async function as(key: string): Promise<Session> {
  if (!sessions.has(key)) sessions.set(key, await signIn(app, accounts[key].username));
  return sessions.get(key)!;
}
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

async function post(body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const response = await app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers: { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, clock.now()) } });
  expect(response.statusCode, response.body).toBe(201);
  clock.advance(1000);
}

/** A call from `caller` ringing and answered at `extension`; returns its record id. */
async function answeredCall(extension = "8001", caller = "13800138000"): Promise<string> {
  const callId = unique("call");
  const at = () => clock.now().toISOString();
  await post({ eventId: unique("ev"), callId, type: "incoming", at: at(), caller });
  await post({ eventId: unique("ev"), callId, type: "ringing", at: at(), seat: extension });
  await post({ eventId: unique("ev"), callId, type: "answered", at: at(), seat: extension });
  const record = await database.db.transaction((tx) => getCallRecord(tx, app.ctx.protector, source.id, callId));
  return record!.id;
}

async function endCall(callRef: string) {
  const { rows } = await database.db.execute<{ call_id: string }>(sql`select call_id from hotline_calls where id = ${callRef}`);
  await post({ eventId: unique("ev"), callId: rows[0].call_id, type: "ended", at: clock.now().toISOString() });
}

const auditActions = async (callRef: string) =>
  (await database.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'hotline_call' and entity_id = ${callRef} order by seq`)).rows.map((r) => r.action);

const ticketInput = (description = "老板拖欠三个月工资，想咨询怎么办") => ({
  serviceType: "consultation",
  category: "劳动争议",
  applicant: { name: "来电人" },
  description,
});

const consultation = (citations: { lawTitle: string; articleNo: string }[] = [{ lawTitle: "劳动合同法", articleNo: "第82条" }]) => ({
  category: "劳动争议",
  applicant: { name: "王先生" },
  description: "入职半年没签劳动合同，能要求什么？",
  summary: "未订立书面劳动合同满一个月不满一年的，可以要求用人单位每月支付二倍工资。",
  citations,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    accounts.admin = await makeStaff(tx, ["admin"], tree.counties[0]);
    accounts.operator = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.neighbour = await makeStaff(tx, ["operator"], tree.counties[0]);
    accounts.dutyLawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    accounts.lawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    accounts.supervisor = await makeStaff(tx, ["supervisor"], tree.counties[0]);
    accounts.citySupervisor = await makeStaff(tx, ["supervisor"], tree.city);
    accounts.otherSupervisor = await makeStaff(tx, ["supervisor"], tree.counties[1]);
    accounts.otherOperator = await makeStaff(tx, ["operator"], tree.counties[1]);
    accounts.window = await makeStaff(tx, ["window"], tree.counties[0]);
    accounts.dispatcher = await makeStaff(tx, ["dispatcher"], tree.counties[0]);
  });
  const created = await (await as("admin")).request("POST", "/api/hotline/sources", { name: "测试县 12348", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
  for (const [extension, holder] of [["8001", "operator"], ["8002", "neighbour"], ["9001", "dutyLawyer"], ["9002", null]] as const) {
    const seat = await (await as("admin")).request("POST", "/api/hotline/seats", { sourceId: source.id, extension, name: `坐席 ${extension}`, operatorId: holder ? accounts[holder].id : null });
    expect(seat.statusCode, seat.body).toBe(201);
    seats[extension] = seat.json().id;
  }
  await importLawTexts(database, undefined, START);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("call notes", () => {
  it("the call's operator writes notes and reads them back in order, with their name and time", async () => {
    const call = await answeredCall();
    const first = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "来电人情绪激动，需回访" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ text: "来电人情绪激动，需回访", author: { id: accounts.operator.id } });
    await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "已告知到县法律援助中心申请" });
    const list = await (await as("operator")).get(`/api/hotline/calls/${call}/notes`);
    expect(list.statusCode).toBe(200);
    expect((list.json().items as { text: string }[]).map((n) => n.text)).toEqual(["来电人情绪激动，需回访", "已告知到县法律援助中心申请"]);
    expect(await auditActions(call)).toEqual(["hotline.call_note", "hotline.call_note"]);
  });

  it("an empty, blank or too long note is refused naming text, and nothing is stored", async () => {
    const call = await answeredCall();
    for (const text of ["", "   ", "字".repeat(2001)]) {
      const response = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "text" });
    }
    const missing = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe("text");
    expect((await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "字".repeat(2000) })).statusCode).toBe(201);
    expect(((await (await as("operator")).get(`/api/hotline/calls/${call}/notes`)).json().items as unknown[]).length).toBe(1);
  });

  it("a note sent again with the same Idempotency-Key is stored once", async () => {
    const call = await answeredCall();
    const headers = { "idempotency-key": "note-retry-0001" };
    const first = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "回拨未接通" }, headers);
    const again = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "回拨未接通" }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    const reused = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "另一条备注" }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().field).toBe("idempotency-key");
    expect(((await (await as("operator")).get(`/api/hotline/calls/${call}/notes`)).json().items as unknown[]).length).toBe(1);
    expect(await auditActions(call)).toEqual(["hotline.call_note"]);
  });
});

describe("a ticket from the call", () => {
  it("is taken in on the hotline channel with the caller's number, linked to the call; the same request again is the same ticket", async () => {
    const call = await answeredCall("8001", "+86 139 0013 9000");
    const first = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput());
    expect(first.statusCode, first.body).toBe(201);
    const { ticket } = first.json() as { ticket: { id: string; number: string; status: string } };
    const view = (await (await as("operator")).get(`/api/tickets/${ticket.id}`)).json();
    expect(view).toMatchObject({ channel: "hotline", serviceType: "consultation", category: "劳动争议", region: { code: tree.counties[0] }, applicant: { name: "来电人", phone: "13900139000" } });
    expect(view.firstResponder.id).toBe(accounts.operator.id);

    const again = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput());
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ ticket: { id: ticket.id }, isNew: false });

    // With an Idempotency-Key: a retry is the same ticket; the key with another request is refused.
    const headers = { "idempotency-key": "call-ticket-0001" };
    const keyed = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput("另一件事：邻居占用通道"), headers);
    expect(keyed.statusCode).toBe(201);
    expect((await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput("另一件事：邻居占用通道"), headers)).json().ticket.id).toBe(keyed.json().ticket.id);
    const reused = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput("第三件事"), headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().field).toBe("idempotency-key");

    const desk = (await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).json();
    expect((desk.tickets as { kind: string; ticket: { id: string; number: string } }[]).map((t) => [t.kind, t.ticket.number])).toEqual([
      ["intake", ticket.number],
      ["intake", keyed.json().ticket.number],
    ]);
    expect(desk.abilities).toEqual({ read: true, note: true, takeIn: true, transfer: true });
    expect(await auditActions(call)).toEqual(["hotline.call_ticket", "hotline.call_ticket"]);
  });

  it("bad fields are refused naming them, and no ticket is made", async () => {
    const call = await answeredCall();
    const cases: [unknown, string][] = [
      [{ ...ticketInput(), category: "不存在" }, "category"],
      [{ ...ticketInput(), applicant: { name: " " } }, "applicant.name"],
      [{ ...ticketInput(), applicant: { name: "x", phone: "13800138000" } }, "applicant.phone"],
      [{ ...ticketInput(), channel: "window" }, "channel"],
      [{ ...ticketInput(), description: "" }, "description"],
      [{ ...ticketInput(), regionCode: tree.counties[1] }, ""],
    ];
    for (const [body, field] of cases) {
      const response = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/ticket`, body);
      expect(response.statusCode, `${field}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      if (field) expect(response.json().field, response.body).toBe(field);
    }
    expect((await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).json().tickets).toEqual([]);
  });
});

describe("a consultation resolved on the call", () => {
  it("becomes a consultation ticket resolved at once, its resolution naming the cited articles as the law writes them", async () => {
    const call = await answeredCall("8001", "13700137000");
    const first = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/consultation`, consultation());
    expect(first.statusCode, first.body).toBe(201);
    const { ticket } = first.json();
    expect(ticket.status).toBe("resolved");
    const view = (await (await as("operator")).get(`/api/tickets/${ticket.id}`)).json();
    expect(view).toMatchObject({ channel: "hotline", serviceType: "consultation", status: "resolved", applicant: { phone: "13700137000" } });
    const desk = (await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).json();
    expect(desk.tickets).toMatchObject([
      { kind: "consultation", ticket: { id: ticket.id, status: "resolved" }, summary: consultation().summary, citations: [{ lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十二条" }] },
    ]);
    const events = (await database.db.execute<{ type: string; data: { summary?: string } }>(sql`select type, data from ticket_events where ticket_id = ${ticket.id} order by seq`)).rows;
    const resolved = events.find((e) => e.type === "action.resolve");
    expect(resolved?.data.summary).toContain("《中华人民共和国劳动合同法》第八十二条");

    const again = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/consultation`, consultation());
    expect(again.statusCode).toBe(200);
    expect(again.json().ticket.id).toBe(ticket.id);
    expect(await auditActions(call)).toEqual(["hotline.call_consultation"]);
  });

  it("a citation the laws do not have is refused naming it, and nothing is made", async () => {
    const call = await answeredCall();
    const unknownArticle = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/consultation`, consultation([{ lawTitle: "劳动合同法", articleNo: "第82条" }, { lawTitle: "劳动合同法", articleNo: "第999条" }]));
    expect(unknownArticle.statusCode).toBe(400);
    expect(unknownArticle.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "citations[1]" });
    const blankSummary = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/consultation`, { ...consultation(), summary: " " });
    expect(blankSummary.statusCode).toBe(400);
    expect(blankSummary.json().field).toBe("summary");
    expect((await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).json().tickets).toEqual([]);
    expect(await auditActions(call)).toEqual([]);
  });
});

describe("a transfer to a duty lawyer's seat", () => {
  it("lists the lawyers' seats; the request is recorded once and audited; not after the call ended", async () => {
    const call = await answeredCall();
    const targets = await (await as("operator")).get(`/api/hotline/calls/${call}/transfer-targets`);
    expect(targets.statusCode).toBe(200);
    expect(targets.json().items).toEqual([{ id: seats["9001"], extension: "9001", name: "坐席 9001", lawyer: { id: accounts.dutyLawyer.id, displayName: expect.any(String) } }]);
    const first = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/transfer`, { seatId: seats["9001"] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ seat: { id: seats["9001"], extension: "9001" } });
    const again = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/transfer`, { seatId: seats["9001"] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    for (const seatId of [seats["8002"], seats["9002"], "00000000-0000-4000-8000-000000000000"]) {
      const refused = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/transfer`, { seatId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().field).toBe("seatId");
    }
    const badId = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/transfer`, { seatId: "x" });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().field).toBe("seatId");
    expect((await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).json().transfers).toHaveLength(1);
    const [entry] = (await database.db.execute<{ detail: Record<string, unknown> }>(sql`select detail from audit_log where action = 'hotline.call_transfer' and entity_id = ${call}`)).rows;
    expect(entry.detail).toMatchObject({ from: "8001", to: "9001", lawyerId: accounts.dutyLawyer.id });

    await endCall(call);
    const late = await (await as("operator")).request("POST", `/api/hotline/calls/${call}/transfer`, { seatId: seats["9001"] });
    expect(late.statusCode).toBe(409);
  });
});

describe("who may do what with a call", () => {
  type Expect = Record<string, number>;
  // The call rings and is answered at the operator's seat (8001), in county 0.
  const matrix: { route: string; method: "GET" | "POST"; body?: () => unknown; expect: Expect }[] = [
    { route: "desk", method: "GET", expect: { operator: 200, supervisor: 200, citySupervisor: 200 } },
    { route: "notes", method: "GET", expect: { operator: 200, supervisor: 200, citySupervisor: 200 } },
    { route: "notes", method: "POST", body: () => ({ text: unique("备注") }), expect: { operator: 201, supervisor: 201, citySupervisor: 201 } },
    { route: "ticket", method: "POST", body: () => ticketInput(unique("咨询")), expect: { operator: 201, supervisor: 403, citySupervisor: 403 } },
    { route: "consultation", method: "POST", body: () => ({ ...consultation(), description: unique("咨询") }), expect: { operator: 201, supervisor: 403, citySupervisor: 403 } },
    { route: "transfer-targets", method: "GET", expect: { operator: 200, supervisor: 403, citySupervisor: 403 } },
    { route: "transfer", method: "POST", body: () => ({ seatId: seats["9001"] }), expect: { operator: 201, supervisor: 403, citySupervisor: 403 } },
  ];
  // Everyone else does not see the call at all (404): another operator of the county, the duty lawyer
  // (the call is not at their seat), other roles of the county, and anyone of the other county.
  const outsiders = ["neighbour", "dutyLawyer", "lawyer", "window", "dispatcher", "admin", "otherSupervisor", "otherOperator"];

  for (const row of matrix) {
    it(`${row.method} /api/hotline/calls/:id/${row.route}`, async () => {
      const call = await answeredCall();
      for (const who of outsiders) {
        const response = await (await as(who)).request(row.method, `/api/hotline/calls/${call}/${row.route}`, row.body?.());
        expect(response.statusCode, `${who}: ${response.body}`).toBe(404);
      }
      for (const [who, status] of Object.entries(row.expect)) {
        const response = await (await as(who)).request(row.method, `/api/hotline/calls/${call}/${row.route}`, row.body?.());
        expect(response.statusCode, `${who}: ${response.body}`).toBe(status);
      }
      // An unknown call is 404 for its operator too; signed out is 401.
      expect((await (await as("operator")).request(row.method, `/api/hotline/calls/00000000-0000-4000-8000-000000000000/${row.route}`, row.body?.())).statusCode).toBe(404);
      expect((await app.inject({ method: row.method, url: `/api/hotline/calls/${call}/${row.route}`, ...(row.body ? { payload: row.body() as object } : {}) })).statusCode).toBe(401);
    });
  }

  it("a duty lawyer whose seat answered the call works it, but does not take tickets in (the intake's rule)", async () => {
    const call = await answeredCall("9001");
    const desk = (await (await as("dutyLawyer")).get(`/api/hotline/calls/${call}/desk`)).json();
    expect(desk.abilities).toEqual({ read: true, note: true, takeIn: false, transfer: true });
    expect((await (await as("dutyLawyer")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "已解答" })).statusCode).toBe(201);
    expect((await (await as("dutyLawyer")).request("POST", `/api/hotline/calls/${call}/ticket`, ticketInput())).statusCode).toBe(403);
    expect((await (await as("operator")).get(`/api/hotline/calls/${call}/desk`)).statusCode).toBe(404);
  });

  it("once the call is transferred to the duty lawyer's seat, the lawyer works it too (notes), as its pushes reach them", async () => {
    const call = await answeredCall();
    expect((await (await as("dutyLawyer")).get(`/api/hotline/calls/${call}/desk`)).statusCode).toBe(404);
    const { rows } = await database.db.execute<{ call_id: string }>(sql`select call_id from hotline_calls where id = ${call}`);
    await post({ eventId: unique("ev"), callId: rows[0].call_id, type: "transferred", at: clock.now().toISOString(), seat: "8001", target: "9001" });
    expect((await (await as("dutyLawyer")).get(`/api/hotline/calls/${call}/desk`)).json().abilities).toEqual({ read: true, note: true, takeIn: false, transfer: true });
    expect((await (await as("dutyLawyer")).request("POST", `/api/hotline/calls/${call}/notes`, { text: "律师已接听" })).statusCode).toBe(201);
    expect((await (await as("neighbour")).get(`/api/hotline/calls/${call}/desk`)).statusCode).toBe(404);
  });

  it("a supervisor sees what the desk may do", async () => {
    const call = await answeredCall();
    expect((await (await as("supervisor")).get(`/api/hotline/calls/${call}/desk`)).json().abilities).toEqual({ read: true, note: true, takeIn: false, transfer: false });
  });
});
