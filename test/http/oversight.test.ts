/**
 * Oversight over HTTP: 督办 and its ledger, ratings and the follow-ups they open,
 * the outbox read model and the Excel export, with the permission checks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import ExcelJS from "exceljs";
import type { Database } from "../../src/server/platform/db/index.ts";
import { formatBeijingDateTime, formatBeijingDeadline } from "../../src/server/platform/beijing-time.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
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
const PHONE = "13812345678";

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
  await make("otherCountySupervisor", ["supervisor"], tree.counties[1]);
  await make("otherCountyOperator", ["operator"], tree.counties[1]);
  await make("admin", ["admin"], tree.city);
  await make("otherCountyAdmin", ["admin"], tree.counties[1]);
  await make("leader", ["leader"], tree.city);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Moving the clock days ahead idles every session out: sign in again. */
async function moveClockTo(at: string) {
  clock.set(at);
  for (const [key, session] of Object.entries(s)) s[key] = await signIn(app, session.username);
}

const walkIn = (overrides: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "mediation",
  category: "邻里",
  regionCode: tree.townships[0][0],
  applicant: { name: "赵六", phone: PHONE },
  description: "邻居违建影响采光",
  ...overrides,
});

const act = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/tickets/${id}/actions`, body);

/** A ticket accepted and assigned to the county unit's lawyer. */
async function assignedTicket(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await s.window.request("POST", "/api/tickets", walkIn(overrides));
  expect(created.statusCode).toBe(201);
  const id = created.json().id;
  expect((await act(s.window, id, { action: "accept" })).statusCode).toBe(200);
  expect((await act(s.dispatcher, id, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer })).statusCode).toBe(200);
  return id;
}

async function resolvedTicket(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await assignedTicket(overrides);
  expect((await act(s.lawyer, id, { action: "resolve", summary: "双方达成调解协议" })).statusCode).toBe(200);
  return id;
}

const eventTypes = async (id: string) => (await s.dispatcher.get(`/api/tickets/${id}/audit`)).json().events.map((e: { type: string }) => e.type);
const inTwoDays = () => new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();

describe("supervision (督办)", () => {
  let ticketId: string;
  let orderId: string;

  beforeAll(async () => {
    ticketId = await assignedTicket();
  });

  it("an operator may not supervise (403); a supervisor of another county does not see the ticket (404)", async () => {
    const body = { reason: "群众多次来电催办", dueAt: inTwoDays() };
    expect((await s.operator.request("POST", `/api/tickets/${ticketId}/supervision`, body)).statusCode).toBe(403);
    expect((await s.otherCountySupervisor.request("POST", `/api/tickets/${ticketId}/supervision`, body)).statusCode).toBe(404);
  });

  it("refuses a due time in the past, naming the field", async () => {
    const response = await s.supervisor.request("POST", `/api/tickets/${ticketId}/supervision`, { reason: "催办", dueAt: "2026-11-19T10:00:00+08:00" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "dueAt" });
    const missing = await s.supervisor.request("POST", `/api/tickets/${ticketId}/supervision`, { dueAt: inTwoDays() });
    expect(missing.json().field).toBe("reason");
  });

  it("a supervisor in scope issues an order: the ticket is supervised and the event recorded", async () => {
    const response = await s.supervisor.request("POST", `/api/tickets/${ticketId}/supervision`, { reason: "群众多次来电催办", dueAt: inTwoDays() });
    expect(response.statusCode).toBe(201);
    orderId = response.json().id;
    expect(response.json()).toMatchObject({ reason: "群众多次来电催办", isAutomatic: false, issuedBy: { id: ids.supervisor }, response: null, isOverdue: false });
    expect((await s.lawyer.get(`/api/tickets/${ticketId}`)).json().isSupervised).toBe(true);
    expect(await eventTypes(ticketId)).toContain("supervision.issued");
    const supervised = (await s.dispatcher.get("/api/tickets?queue=supervised&limit=200")).json().items.map((t: { id: string }) => t.id);
    expect(supervised).toContain(ticketId);
  });

  it("the handler finds the order on the ticket; only the handler's side may answer, once", async () => {
    const onTicket = (await s.lawyer.get(`/api/tickets/${ticketId}/supervision`)).json();
    expect(onTicket.items).toHaveLength(1);
    expect(onTicket.items[0]).toMatchObject({ id: orderId, abilities: { respond: true } });
    expect((await s.otherCountySupervisor.get(`/api/tickets/${ticketId}/supervision`)).statusCode).toBe(404);

    expect((await s.otherCountySupervisor.request("POST", `/api/supervision/${orderId}/respond`, { response: "x" })).statusCode).toBe(404);
    expect((await s.supervisor.request("POST", `/api/supervision/${orderId}/respond`, { response: "x" })).statusCode).toBe(403);
    expect((await s.lawyer.request("POST", `/api/supervision/${orderId}/respond`, {})).json().field).toBe("response");
    expect((await s.lawyer.request("POST", "/api/supervision/00000000-0000-4000-8000-000000000000/respond", { response: "x" })).statusCode).toBe(404);

    const answered = await s.lawyer.request("POST", `/api/supervision/${orderId}/respond`, { response: "已约双方周一现场调解" });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ response: "已约双方周一现场调解", respondedBy: { id: ids.lawyer }, abilities: { respond: false } });
    expect((await s.lawyer.request("POST", `/api/supervision/${orderId}/respond`, { response: "again" })).statusCode).toBe(409);
    expect(await eventTypes(ticketId)).toContain("supervision.responded");
  });

  it("the ledger: by state, overdue flagged, scoped like the tickets, for supervisors, dispatchers, leaders and admins", async () => {
    const open = await s.supervisor.request("POST", `/api/tickets/${ticketId}/supervision`, { reason: "仍未办结", dueAt: new Date(clock.now().getTime() + 3_600_000).toISOString() });
    expect(open.statusCode).toBe(201);
    const ids_ = (body: { items: { id: string }[] }) => body.items.map((o) => o.id);

    expect(ids_((await s.supervisor.get("/api/supervision?state=open")).json())).toEqual([open.json().id]);
    expect(ids_((await s.supervisor.get("/api/supervision?state=responded")).json())).toEqual([orderId]);
    expect((await s.supervisor.get("/api/supervision?state=overdue")).json().total).toBe(0);
    expect((await s.leader.get("/api/supervision?state=all")).json().total).toBe(2);
    expect((await s.admin.get("/api/supervision?state=all")).json().total).toBe(2);
    expect((await s.dispatcher.get("/api/supervision?state=all&isMine=true")).json().total).toBe(0);
    expect((await s.supervisor.get("/api/supervision?state=all&isMine=true")).json().total).toBe(2);

    await moveClockTo("2026-11-20T12:00:00+08:00");
    const overdue = (await s.dispatcher.get("/api/supervision?state=overdue")).json();
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0]).toMatchObject({ id: open.json().id, isOverdue: true, ticket: { id: ticketId } });
    expect(overdue.items[0].ticket.number).toMatch(/^\d{6}-20261120-\d{4}$/);

    expect((await s.otherCountySupervisor.get("/api/supervision?state=all")).json().total).toBe(0);
    expect((await s.lawyer.get("/api/supervision")).statusCode).toBe(403);
    expect((await s.operator.get("/api/supervision")).statusCode).toBe(403);
    expect((await s.supervisor.get("/api/supervision?state=late")).json().field).toBe("state");
  });

  it("a resolved ticket can no longer be supervised", async () => {
    const id = await resolvedTicket();
    const response = await s.supervisor.request("POST", `/api/tickets/${id}/supervision`, { reason: "x", dueAt: inTwoDays() });
    expect(response.statusCode).toBe(409);
  });
});

describe("rating and follow-up (满意度评价, 回访)", () => {
  const good = { attitude: 5, speed: 4, policy: 5, expertise: 4 };

  it("a ticket is rated once resolved, once", async () => {
    const id = await assignedTicket();
    expect((await s.operator.request("POST", `/api/tickets/${id}/rating`, good)).statusCode).toBe(409);
    await act(s.lawyer, id, { action: "resolve", summary: "已调解" });
    const rated = await s.operator.request("POST", `/api/tickets/${id}/rating`, { ...good, comment: "调解员很耐心" });
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ ...good, comment: "调解员很耐心", ratedByKind: "staff", hasLowScore: false, followUpId: null });
    expect((await s.operator.request("POST", `/api/tickets/${id}/rating`, good)).statusCode).toBe(409);
    expect(await eventTypes(id)).toContain("rating.recorded");
  });

  it("refuses scores outside 1–5 naming the field; a lawyer may not record; another county sees nothing", async () => {
    const id = await resolvedTicket();
    const bad = await s.operator.request("POST", `/api/tickets/${id}/rating`, { ...good, attitude: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("attitude");
    expect((await s.operator.request("POST", `/api/tickets/${id}/rating`, { ...good, speed: "5" })).json().field).toBe("speed");
    expect((await s.lawyer.request("POST", `/api/tickets/${id}/rating`, good)).statusCode).toBe(403);
    expect((await s.otherCountyOperator.request("POST", `/api/tickets/${id}/rating`, good)).statusCode).toBe(404);
  });

  it("a low score opens a supervisor's mandatory follow-up that blocks archiving until done", async () => {
    const id = await resolvedTicket();
    const rated = await s.window.request("POST", `/api/tickets/${id}/rating`, { ...good, speed: 2, comment: "拖了很久" });
    expect(rated.statusCode).toBe(201);
    const followUpId = rated.json().followUpId;
    expect(followUpId).toBeTruthy();
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["rating.recorded", "follow_up.created"]));

    // Supervisors see their task with the number to call; operators see only their own kind of task.
    const supervisorMine = (await s.supervisor.get("/api/follow-ups?queue=mine&limit=200")).json().items;
    const task = supervisorMine.find((f: { id: string }) => f.id === followUpId);
    expect(task).toMatchObject({ role: "supervisor", reason: "low_rating", isMandatory: true, method: "phone", applicant: { name: "赵六", phone: PHONE }, abilities: { complete: true } });
    expect(task.ticket.number).toMatch(/-20261120-/);
    const operatorMine = (await s.operator.get("/api/follow-ups?queue=mine&limit=200")).json().items;
    expect(operatorMine.every((f: { role: string }) => f.role === "operator")).toBe(true);
    const operatorTask = operatorMine.find((f: { ticket: { id: string } }) => f.ticket.id === id);
    expect(operatorTask).toMatchObject({ reason: "after_resolution", applicant: { phone: PHONE } });
    // A dispatcher oversees both kinds, with the number masked.
    const overseen = (await s.dispatcher.get("/api/follow-ups?queue=open&limit=200")).json().items.filter((f: { ticket: { id: string } }) => f.ticket.id === id);
    expect(overseen.map((f: { role: string }) => f.role).sort()).toEqual(["operator", "supervisor"]);
    expect(overseen.every((f: { applicant: { phone: string } }) => f.applicant.phone === "138****5678")).toBe(true);
    expect((await s.otherCountySupervisor.get("/api/follow-ups?queue=open&limit=200")).json().items.some((f: { ticket: { id: string } }) => f.ticket.id === id)).toBe(false);
    expect((await s.lawyer.get("/api/follow-ups")).statusCode).toBe(403);

    // The operator's ordinary follow-up does not close the supervisor's.
    expect((await act(s.operator, id, { action: "follow_up", outcome: "电话回访，群众仍不满意" })).json().status).toBe("followed_up");
    const blocked = await act(s.dispatcher, id, { action: "archive" });
    expect(blocked.statusCode).toBe(409);

    const body = { outcome: "督办人员回访，已向群众说明原因并致歉", isSatisfied: true };
    expect((await s.operator.request("POST", `/api/follow-ups/${followUpId}/complete`, body)).statusCode).toBe(403);
    expect((await s.otherCountySupervisor.request("POST", `/api/follow-ups/${followUpId}/complete`, body)).statusCode).toBe(404);
    expect((await s.supervisor.request("POST", `/api/follow-ups/${followUpId}/complete`, { outcome: "x" })).json().field).toBe("isSatisfied");
    const done = await s.supervisor.request("POST", `/api/follow-ups/${followUpId}/complete`, body);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: followUpId, ...body, doneBy: { id: ids.supervisor }, abilities: { complete: false } });
    expect((await s.supervisor.request("POST", `/api/follow-ups/${followUpId}/complete`, body)).statusCode).toBe(409);
    expect(await eventTypes(id)).toContain("follow_up.recorded");
    const doneList = (await s.supervisor.get("/api/follow-ups?queue=done&limit=200")).json().items.map((f: { id: string }) => f.id);
    expect(doneList).toContain(followUpId);

    expect((await act(s.dispatcher, id, { action: "archive" })).json().status).toBe("archived");
  });

  it("an operator's follow-up is not completed through the supervisor's endpoint", async () => {
    const id = await resolvedTicket();
    const task = (await s.operator.get("/api/follow-ups?queue=mine&limit=200")).json().items.find((f: { ticket: { id: string } }) => f.ticket.id === id);
    expect(task.abilities.complete).toBe(false);
    expect((await s.operator.request("POST", `/api/follow-ups/${task.id}/complete`, { outcome: "x", isSatisfied: true })).statusCode).toBe(409);
    expect((await s.supervisor.request("POST", `/api/follow-ups/${task.id}/complete`, { outcome: "x", isSatisfied: true })).statusCode).toBe(403);
  });
});

describe("notifications (outbox)", () => {
  it("admins read the messages with rendered text and masked recipients; sent after a scheduler tick", async () => {
    const created = await s.window.request("POST", "/api/tickets", walkIn({ applicant: { name: "钱七", phone: "13700001234" } }));
    const number = created.json().number;
    const find = async () => (await s.admin.get("/api/notifications?limit=200")).json().items.find((n: { ticket: { number: string } | null }) => n.ticket?.number === number);
    const pending = await find();
    expect(pending).toMatchObject({ template: "ticket_received", state: "pending", attempts: 0, recipient: "137****1234", channel: "sms", deliveredVia: null });
    expect(pending.text).toBe(`【12348公共法律服务】您的人民调解申请已受理登记，编号${number}，可凭编号查询办理进度；如需补充材料，工作人员将一次性告知。`);

    await act(s.window, created.json().id, { action: "reject", reason: "不属于人民调解受理范围" });
    await runSchedulerTick(app.ctx, clock.now());
    const all = (await s.admin.get("/api/notifications?limit=200")).json().items.filter((n: { ticket: { number: string } | null }) => n.ticket?.number === number);
    expect(all.map((n: { template: string }) => n.template).sort()).toEqual(["ticket_received", "ticket_rejected"]);
    expect(all.every((n: { state: string; deliveredVia: string }) => n.state === "sent" && n.deliveredVia === "dev")).toBe(true);
    expect(all.find((n: { template: string }) => n.template === "ticket_rejected").text).toContain("原因：不属于人民调解受理范围");
    expect((await s.admin.get("/api/notifications?state=pending&limit=200")).json().items.some((n: { ticket: { number: string } | null }) => n.ticket?.number === number)).toBe(false);
  });

  it("only admins, and only in their scope", async () => {
    expect((await s.supervisor.get("/api/notifications")).statusCode).toBe(403);
    expect((await s.operator.get("/api/notifications")).statusCode).toBe(403);
    expect((await s.otherCountyAdmin.get("/api/notifications")).json().total).toBe(0);
  });
});

describe("Excel export", () => {
  async function readSheet(body: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    return rows;
  }

  it("exports the list's filters as a real .xlsx with Chinese headers", async () => {
    const id = await resolvedTicket({ serviceType: "notarization", category: "合同" });
    const list = (await s.dispatcher.get("/api/tickets?serviceType=notarization&limit=200")).json();
    const response = await s.dispatcher.get("/api/tickets/export.xlsx?serviceType=notarization");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="tickets-\d{8}\.xlsx"; filename\*=UTF-8''/);
    expect(response.headers["content-disposition"]).toContain(`filename="tickets-${formatBeijingDateTime(clock.now()).slice(0, 10).replace(/-/g, "")}.xlsx"`);
    const rows = await readSheet(response.rawPayload);
    expect(rows[0]).toEqual(["编号", "渠道", "服务类型", "纠纷类别", "所属区划", "申请人", "联系电话", "状态", "承办单位", "承办人", "登记时间", "办结时间", "下一时限", "时限状态", "首问责任人"]);
    expect(rows.length - 1).toBe(list.total);
    const ticket = (await s.dispatcher.get(`/api/tickets/${id}`)).json();
    const row = rows.find((r) => r[0] === ticket.number)!;
    expect(row.slice(1, 10)).toEqual(["窗口", "公证", "合同", ticket.region.name, "赵六", PHONE, "已办结", ticket.unit.name, ticket.assignee.displayName]);
    expect(row[10]).toMatch(/^2026-11-20 \d{2}:\d{2}$/);
    expect(row[11]).toMatch(/^2026-11-20 \d{2}:\d{2}$/);
    expect(row[12]).toBe("");
    expect(row[13]).toBe("正常");
    expect(row[14]).toBe(ticket.firstResponder.displayName);
  });

  it("writes a working-day deadline as 24:00 of its Beijing day, as the screen does", async () => {
    const id = await assignedTicket({ serviceType: "arbitration", category: "合同" });
    const ticket = (await s.dispatcher.get(`/api/tickets/${id}`)).json();
    const rows = await readSheet((await s.dispatcher.get(`/api/tickets/export.xlsx?number=${ticket.number}`)).rawPayload);
    const row = rows.find((r) => r[0] === ticket.number)!;
    // The resolve deadline ends a Beijing day: stored as the next day's 00:00, written as 24:00.
    expect(new Date(ticket.nextDueAt).getTime() % 86_400_000).toBe(16 * 3_600_000);
    expect(row[12]).toMatch(/^\d{4}-\d{2}-\d{2} 24:00$/);
    expect(row[12]).toBe(formatBeijingDeadline(new Date(ticket.nextDueAt)));
  });

  it("masks phones as the list does for the viewer, and keeps to the viewer's scope", async () => {
    const asLawyer = await readSheet((await s.lawyer.get("/api/tickets/export.xlsx?serviceType=notarization")).rawPayload);
    expect(asLawyer.length).toBeGreaterThan(1);
    // The lawyer is the assignee of these: the number in full, as the ticket shows it.
    expect(asLawyer.slice(1).every((r) => r[6] === PHONE)).toBe(true);
    const asAdmin = await readSheet((await s.admin.get("/api/tickets/export.xlsx?serviceType=notarization")).rawPayload);
    expect(asAdmin.slice(1).every((r) => r[6] === "138****5678")).toBe(true);
    const otherCounty = await readSheet((await s.otherCountySupervisor.get("/api/tickets/export.xlsx")).rawPayload);
    expect(otherCounty).toHaveLength(1);
  });

  it("allows up to 10,000 rows and refuses more, naming the field", async () => {
    expect((await s.dispatcher.get("/api/tickets/export.xlsx?limit=10000")).statusCode).toBe(200);
    const tooMany = await s.dispatcher.get("/api/tickets/export.xlsx?limit=10001");
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().field).toBe("limit");
    expect((await s.dispatcher.get("/api/tickets/export.xlsx?queue=nonsense")).json().field).toBe("queue");
    expect((await app.inject({ method: "GET", url: "/api/tickets/export.xlsx" })).statusCode).toBe(401);
  });
});
