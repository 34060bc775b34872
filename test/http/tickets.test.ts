/**
 * Tickets over HTTP: intake, idempotency, the whole life, deadlines, scope, the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");

const walkIn = (overrides: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "张三", phone: "13812345678", idNumber: "11010519491231002X", specialGroups: ["migrant_worker_wages"] },
  description: "工地拖欠三个月工资，想咨询如何讨薪",
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    ids[key] = actor.id;
    s[key] = await signIn(app, actor.username);
  };
  await make("window", ["window"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("operator", ["operator"], tree.city);
  await make("supervisor", ["supervisor"], tree.city);
  await make("townDispatcher", ["dispatcher"], tree.townships[0][0]);
  await make("otherTownDispatcher", ["dispatcher"], tree.townships[0][1]);
  await make("otherCountyWindow", ["window"], tree.counties[1]);
  await make("reviewer", ["reviewer"], tree.counties[0]);
});

/** Moving the clock days ahead idles every session out, as it would in life: sign in again. */
async function moveClockTo(at: string) {
  clock.set(at);
  for (const [key, session] of Object.entries(s)) s[key] = await signIn(app, session.username);
}

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("intake", () => {
  it("creates a ticket with a readable number, deadlines and the checklist", async () => {
    const response = await s.window.request("POST", "/api/tickets", walkIn());
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket.number).toMatch(new RegExp(`^${tree.counties[0]}-20261120-\\d{4}$`));
    expect(ticket.status).toBe("submitted");
    expect(ticket.isPriority).toBe(true);
    // Accept within 1 working day: Friday → Monday 23 November, end of day Beijing.
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "accept").dueAt).toBe("2026-11-23T16:00:00.000Z");
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "resolve").dueAt).toBe("2026-11-25T16:00:00.000Z");
    expect(ticket.applicant.phone).toBe("13812345678"); // window staff call people back
    expect(ticket.applicant.idNumber).toBe("110105********002X");
  });

  it("masks personal data for roles that do not need it", async () => {
    const created = (await s.window.request("POST", "/api/tickets", walkIn())).json();
    const asLawyer = await s.lawyer.get(`/api/tickets/${created.id}`);
    expect(asLawyer.json().applicant.phone).toBe("138****5678");
  });

  it("refuses a bad ID number naming the field, and creates nothing", async () => {
    const before = (await s.window.get("/api/tickets?limit=1")).json().total;
    const response = await s.window.request("POST", "/api/tickets", walkIn({ applicant: { name: "李四", idNumber: "110105194912310021" } }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "applicant.idNumber" });
    expect((await s.window.get("/api/tickets?limit=1")).json().total).toBe(before);
  });

  it.each([
    [{ serviceType: "haircut" }, "serviceType"],
    [{ category: "星际纠纷" }, "category"],
    [{ channel: "portal" }, "channel"],
    [{ regionCode: "970101" }, "regionCode"],
    [{ description: "" }, "description"],
    [{ applicant: { name: "王五", phone: "12345" } }, "applicant.phone"],
  ])("refuses %j naming %s", async (overrides, field) => {
    const response = await s.window.request("POST", "/api/tickets", walkIn(overrides));
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().field).toBe(field);
  });

  it("an Idempotency-Key reused with a different request is refused (422 naming the header), not answered with the first ticket", async () => {
    const headers = { "idempotency-key": "reuse-test-0001" };
    const first = await s.window.request("POST", "/api/tickets", walkIn(), headers);
    expect(first.statusCode).toBe(201);
    const changed = await s.window.request("POST", "/api/tickets", walkIn({ description: "另一件事：邻居占用通道" }), headers);
    expect(changed.statusCode).toBe(422);
    expect(changed.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", field: "idempotency-key" });
    // The same request under the key still replays; keys are per account, so another account's key is its own.
    expect((await s.window.request("POST", "/api/tickets", walkIn(), headers)).json().id).toBe(first.json().id);
    expect((await s.operator.request("POST", "/api/tickets", walkIn({ channel: "hotline" }), headers)).statusCode).toBe(201);
  });

  it("a refused request takes no number: after it the next ticket's number follows the last one", async () => {
    const sequence = (number: string) => Number(number.split("-")[2]);
    const last = await s.window.request("POST", "/api/tickets", walkIn());
    expect(last.statusCode).toBe(201);
    // Each of these passes the schema and is refused by a later check.
    const otherCounty = await s.otherCountyWindow.request("POST", "/api/tickets", { ...walkIn(), regionCode: tree.counties[1] });
    expect(otherCounty.statusCode).toBe(201);
    const refused = [
      await s.window.request("POST", "/api/tickets", walkIn({ relatedTicketId: otherCounty.json().id })),
      await s.window.request("POST", "/api/tickets", walkIn({ materialsProvided: ["no_such_material"] })),
      await s.window.request("POST", "/api/tickets", walkIn({ applicant: { name: "张三", idNumber: "110105194912310021" } })),
      await s.window.request("POST", "/api/tickets", walkIn({ regionCode: tree.counties[1] })),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().field ?? null])).toEqual([
      [400, "relatedTicketId"],
      [400, "materialsProvided[0]"],
      [400, "applicant.idNumber"],
      [403, null],
    ]);
    const next = await s.window.request("POST", "/api/tickets", walkIn());
    expect(next.statusCode).toBe(201);
    expect(next.json().number.slice(0, 15)).toBe(last.json().number.slice(0, 15));
    expect(sequence(next.json().number)).toBe(sequence(last.json().number) + 1);
  });

  it("a retried create with the same Idempotency-Key returns the same ticket", async () => {
    const headers = { "idempotency-key": "retry-test-0001" };
    const first = await s.window.request("POST", "/api/tickets", walkIn(), headers);
    const second = await s.window.request("POST", "/api/tickets", walkIn(), headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers["idempotent-replayed"]).toBe("true");
  });

  it("100 concurrent creates get 100 distinct numbers", async () => {
    const responses = await Promise.all(Array.from({ length: 100 }, () => s.window.request("POST", "/api/tickets", walkIn({ regionCode: tree.counties[0] }))));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = new Set(responses.map((r) => r.json().number));
    expect(numbers.size).toBe(100);
  });

  it("finds a person's earlier tickets by phone (window staff) or ID number (reviewers: who see it in full)", async () => {
    const byPhone = await s.window.get("/api/tickets?phone=13812345678");
    expect(byPhone.json().total).toBeGreaterThan(100);
    const byId = await s.reviewer.get("/api/tickets?idNumber=11010519491231002X");
    expect(byId.json().total).toBeGreaterThan(100);
    expect((await s.window.get("/api/tickets?phone=13900000000")).json().total).toBe(0);
  });
});

describe("the whole life of a walk-in request", () => {
  let ticketId: string;
  const act = (who: Session, body: Record<string, unknown>) => who.request("POST", `/api/tickets/${ticketId}/actions`, body);

  it("window takes it in and accepts it (first responder)", async () => {
    ticketId = (await s.window.request("POST", "/api/tickets", walkIn())).json().id;
    const accepted = await act(s.window, { action: "accept" });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().firstResponder.id).toBe(ids.window);
    expect(accepted.json().deadlines.find((d: { step: string }) => d.step === "accept").state).toBe("met");
  });

  it("the dispatcher assigns it to the county unit and the lawyer", async () => {
    const unassigned = (await s.dispatcher.get("/api/tickets?queue=unassigned&limit=200")).json().items.map((t: { id: string }) => t.id);
    expect(unassigned).toContain(ticketId);
    const assigned = await act(s.dispatcher, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: "assigned", unit: { code: tree.counties[0] }, assignee: { id: ids.lawyer } });
  });

  it("a missing reason is named", async () => {
    const response = await act(s.lawyer, { action: "suspend" });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe("reason");
  });

  it("the lawyer works it, suspends for materials (clock stops), resumes (deadline moves on)", async () => {
    expect((await act(s.lawyer, { action: "start" })).json().status).toBe("in_progress");
    const before = (await s.lawyer.get(`/api/tickets/${ticketId}`)).json().deadlines.find((d: { step: string }) => d.step === "resolve").dueAt;
    expect((await act(s.lawyer, { action: "suspend", reason: "等待补充劳动合同" })).json().status).toBe("suspended");
    await moveClockTo("2026-11-24T10:00:00+08:00"); // Tue: Fri and Mon were suspended
    const resumed = await act(s.lawyer, { action: "resume" });
    expect(resumed.json().status).toBe("in_progress");
    const after = resumed.json().deadlines.find((d: { step: string }) => d.step === "resolve").dueAt;
    expect(before).toBe("2026-11-25T16:00:00.000Z");
    expect(after).toBe("2026-11-27T16:00:00.000Z"); // two working days later
  });

  it("only the assignee's side can resolve; the operator follows up; archive after follow-up", async () => {
    expect((await act(s.operator, { action: "resolve", summary: "x" })).statusCode).toBe(403);
    const resolved = await act(s.lawyer, { action: "resolve", summary: "已告知可申请劳动仲裁并协助准备材料" });
    expect(resolved.json().status).toBe("resolved");
    expect((await act(s.dispatcher, { action: "archive" })).statusCode).toBe(409);
    const followed = await act(s.operator, { action: "follow_up", outcome: "电话回访，群众表示满意" });
    expect(followed.json().status).toBe("followed_up");
    expect((await act(s.dispatcher, { action: "archive" })).json().status).toBe("archived");
    expect((await act(s.dispatcher, { action: "reopen", reason: "x" })).statusCode).toBe(409);
  });

  it("the audit trail holds every step and verifies", async () => {
    const audit = (await s.dispatcher.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.verified).toBe(true);
    expect(audit.events.map((e: { type: string }) => e.type)).toEqual([
      "ticket.created",
      "action.accept",
      "action.assign",
      "action.start",
      "action.suspend",
      "action.resume",
      "action.resolve",
      "action.follow_up",
      "action.archive",
    ]);
  });

  it("an event altered behind the application's back is detected", async () => {
    // A superuser with the trigger disabled: what an intruder with database access could do.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table ticket_events disable trigger ticket_events_append_only`);
      await tx.execute(sql`update ticket_events set data = jsonb_set(data, '{summary}', '"改过的结论"') where ticket_id = ${ticketId} and type = 'action.resolve'`);
      await tx.execute(sql`alter table ticket_events enable trigger ticket_events_append_only`);
    });
    const audit = (await s.dispatcher.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.verified).toBe(false);
    expect(audit.brokenAtSeq).toBe(7);
  });

  it("the database refuses UPDATE and DELETE on ticket events", async () => {
    const refusal = (statement: Promise<unknown>) => statement.then(() => "allowed", (error: Error & { cause?: Error }) => (error.cause ?? error).message);
    expect(await refusal(database.db.execute(sql`update ticket_events set type = 'x' where ticket_id = ${ticketId}`))).toMatch(/append-only/);
    expect(await refusal(database.db.execute(sql`delete from ticket_events where ticket_id = ${ticketId}`))).toMatch(/append-only/);
  });
});

describe("scope", () => {
  it("a township dispatcher can neither see nor act on another township's ticket; lists agree", async () => {
    const ticket = (await s.window.request("POST", "/api/tickets", walkIn())).json();
    expect((await s.townDispatcher.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect((await s.otherTownDispatcher.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await s.otherTownDispatcher.request("POST", `/api/tickets/${ticket.id}/actions`, { action: "accept" })).statusCode).toBe(404);
    const list = (await s.otherTownDispatcher.get("/api/tickets?limit=200")).json().items.map((t: { id: string }) => t.id);
    expect(list).not.toContain(ticket.id);
    expect((await s.otherCountyWindow.get(`/api/tickets/${ticket.id}/audit`)).statusCode).toBe(404);
  });

  it("a window cannot take in requests for another county", async () => {
    const response = await s.otherCountyWindow.request("POST", "/api/tickets", walkIn());
    expect(response.statusCode).toBe(403);
  });

  it("send back twice flags the ticket to the dispatcher's lead", async () => {
    const id = (await s.window.request("POST", "/api/tickets", walkIn())).json().id;
    const act = (who: Session, body: Record<string, unknown>) => who.request("POST", `/api/tickets/${id}/actions`, body);
    await act(s.window, { action: "accept" });
    await act(s.dispatcher, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
    expect((await act(s.lawyer, { action: "send_back", reason: "不属本单位" })).json()).toMatchObject({ status: "accepted", bounceCount: 1, isFlaggedToLead: false });
    await act(s.dispatcher, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
    expect((await act(s.lawyer, { action: "send_back", reason: "仍不属本单位" })).json()).toMatchObject({ bounceCount: 2, isFlaggedToLead: true });
    const bounced = (await s.dispatcher.get("/api/tickets?queue=bounced&limit=200")).json().items.map((t: { id: string }) => t.id);
    expect(bounced).toContain(id);
  });
});
