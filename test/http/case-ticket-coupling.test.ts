/**
 * The ticket follows the case built on it (docs/legal-aid-flow.md and docs/mediation.md,
 * "The ticket follows the case"): opening a case takes the ticket in and hands it to the
 * center or committee; each outcome resolves the ticket with a summary naming it (its own
 * `resolve` limit met, the applicant's progress showing the answer); an objection that
 * corrects a refusal reopens it; archiving the case archives the ticket after its follow-up.
 * Each ticket step is an event on the trail right after the case's, in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { isSampledForQuality } from "../../src/server/modules/legal-aid/aid-case.rules.ts";
import { citizenProgress } from "../../src/server/modules/requests/citizen-progress.ts";
import { findTicketEvents } from "../../src/server/modules/tickets/queries/ticket-events.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const as: Record<string, Session> = {};
const staff: Record<string, StaffActor> = {};

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");

async function person(name: string, roles: Role[], region: string) {
  staff[name] = await database.db.transaction((tx) => makeStaff(tx, roles, region));
  as[name] = await signIn(app, staff[name].username);
}

async function moveTo(at: Date) {
  clock.set(at);
  for (const name of Object.keys(staff)) as[name] = await signIn(app, staff[name].username);
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const [county] = tree.counties;
  const [township, siblingTownship] = tree.townships[0];
  await person("countyWindow", ["window"], county);
  await person("reviewer", ["reviewer"], county);
  await person("poolLawyer", ["lawyer"], siblingTownship);
  await person("supervisor", ["supervisor"], county);
  await person("leader", ["leader"], county);
  await person("windowA", ["window"], township);
  await person("mediatorA", ["mediator"], township);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function newTicket(session: Session, serviceType: "legal_aid" | "mediation", regionCode: string) {
  const response = await session.request("POST", "/api/tickets", {
    channel: "window", serviceType, category: serviceType === "legal_aid" ? "劳动争议" : "房屋宅基地", regionCode,
    applicant: { name: "李四", phone: "13912345678" }, description: serviceType === "legal_aid" ? "公司拖欠工资三个月，申请法律援助" : "邻居建房越界，申请调解",
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

type TicketView = { status: string; deadlines: { step: string; state: string }[] };
const ticketOf = async (id: string): Promise<TicketView> => (await as.supervisor.get(`/api/tickets/${id}`)).json();
const deadlineState = (t: TicketView, step: string) => t.deadlines.find((d) => d.step === step)?.state;
/** What the applicant's portal shows (the same function the portal's request view uses). */
const progressOf = async (id: string) => citizenProgress(await findTicketEvents(database.db, id));
/** The ticket's trail, oldest first: `type` and, for the ticket's own actions, the case step that moved it. */
async function trail(id: string) {
  const audit = (await as.supervisor.get(`/api/tickets/${id}/audit`)).json();
  expect(audit.verified).toBe(true);
  return (await findTicketEvents(database.db, id)).map((e) => (e.type.startsWith("action.") ? `${e.type}<${String(e.data.authorizedBy ?? "")}` : e.type));
}

describe("legal aid: the ticket follows the case", () => {
  const aid = (session: Session, caseId: string, body: Record<string, unknown>) => session.request("POST", `/api/legal-aid/cases/${caseId}/actions`, body);

  it("opening (at intake) takes the ticket in and hands it to the center; refusal resolves it; a corrected objection reopens it; closing resolves it; archiving archives it after the follow-up", async () => {
    await moveTo(START);
    const ticketId = await newTicket(as.countyWindow, "legal_aid", tree.counties[0]);
    // The intake opened the case (legal-aid-intake.test.ts); opening it again answers with it.
    const caseId = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id as string;
    let ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe("assigned");
    expect(deadlineState(ticket, "resolve")).toBe("running");
    expect((await progressOf(ticketId)).map((p) => p.step)).toEqual(["submitted", "accepted", "assigned"]);

    // Refusal: the ticket is resolved with the refusal as its answer, its own limit met.
    await aid(as.reviewer, caseId, { action: "review", opinion: "收入高于标准", hardshipCheck: "data_sharing" });
    expect((await aid(as.reviewer, caseId, { action: "decide", decision: "refuse", reasons: "家庭人均收入高于当地标准" })).json().status).toBe("refused");
    ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe("resolved");
    expect(deadlineState(ticket, "resolve")).toBe("met");
    expect((await progressOf(ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "不予法律援助：家庭人均收入高于当地标准" });

    // The objection does not change the ticket; the bureau's correction reopens it, its limit running again.
    await moveTo(new Date("2026-11-25T09:00:00+08:00"));
    expect((await aid(as.countyWindow, caseId, { action: "object", reason: "收入计算有误" })).json().status).toBe("objection_pending");
    expect((await ticketOf(ticketId)).status).toBe("resolved");
    expect((await aid(as.leader, caseId, { action: "decide_objection", decision: "correct", opinion: "收入计算有误，重新审查" })).json().status).toBe("under_review");
    ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe("in_progress");
    expect(deadlineState(ticket, "resolve")).toBe("running");
    expect((await progressOf(ticketId)).at(-1)).toMatchObject({ step: "reopened", reason: "异议成立，法律援助案件恢复办理：收入计算有误，重新审查" });

    // Granted and handled: the ticket stays open while the lawyer works, and closing is its answer.
    await aid(as.reviewer, caseId, { action: "decide", decision: "grant" });
    await aid(as.reviewer, caseId, { action: "assign_lawyer", lawyerId: staff.poolLawyer.id });
    expect((await ticketOf(ticketId)).status).toBe("in_progress");
    expect((await aid(as.poolLawyer, caseId, { action: "close", outcome: "mediated", summary: "仲裁调解，公司支付全部工资" })).json().status).toBe("closed");
    ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe("resolved");
    expect(deadlineState(ticket, "resolve")).toBe("met");
    expect(ticket.deadlines.filter((d) => d.state === "running" || d.state === "paused")).toEqual([]);
    expect((await progressOf(ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "法律援助案件已结案（调解结案）：仲裁调解，公司支付全部工资" });

    // The ticket's machine wants its follow-up (回访) before archiving: the case is archived, the ticket once followed up.
    if (isSampledForQuality(caseId)) await aid(as.supervisor, caseId, { action: "quality_review", score: 90, comment: "案卷完整" });
    expect((await as.supervisor.request("POST", `/api/tickets/${ticketId}/actions`, { action: "follow_up", outcome: "申请人满意" })).statusCode).toBe(200);
    expect((await aid(as.reviewer, caseId, { action: "archive" })).json().status).toBe("archived");
    expect((await ticketOf(ticketId)).status).toBe("archived");
    expect((await progressOf(ticketId)).at(-1)).toMatchObject({ step: "archived" });

    // Each ticket step right after the case's step that moved it, on the verified trail.
    const steps = (await trail(ticketId)).filter((t) => t.startsWith("aid_case.") || t.includes("<aid_case."));
    expect(steps).toEqual([
      "aid_case.opened", "action.accept<aid_case.opened", "action.assign<aid_case.opened",
      "aid_case.review", "aid_case.decide", "action.resolve<aid_case.decide",
      "aid_case.object", "aid_case.decide_objection", "action.reopen<aid_case.decide_objection",
      "aid_case.decide", "aid_case.assign_lawyer", "aid_case.close", "action.resolve<aid_case.close",
      ...(isSampledForQuality(caseId) ? ["aid_case.quality_review"] : []),
      "aid_case.archive", "action.archive<aid_case.archive",
    ]);
  });

  it("withdrawal and termination resolve the ticket naming them; archiving a case whose ticket is not followed up leaves the ticket resolved", async () => {
    await moveTo(START);
    const withdrawnTicket = await newTicket(as.countyWindow, "legal_aid", tree.counties[0]);
    const withdrawn = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId: withdrawnTicket })).json().id as string;
    expect((await aid(as.countyWindow, withdrawn, { action: "withdraw", reason: "已自行和解" })).json().status).toBe("withdrawn");
    expect((await ticketOf(withdrawnTicket)).status).toBe("resolved");
    expect((await progressOf(withdrawnTicket)).at(-1)).toMatchObject({ step: "resolved", answer: "申请人撤回法律援助申请：已自行和解" });
    expect((await aid(as.reviewer, withdrawn, { action: "archive" })).json().status).toBe("archived");
    expect((await ticketOf(withdrawnTicket)).status).toBe("resolved");

    const terminatedTicket = await newTicket(as.countyWindow, "legal_aid", tree.counties[0]);
    const terminated = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId: terminatedTicket })).json().id as string;
    await aid(as.reviewer, terminated, { action: "review", opinion: "符合条件", hardshipCheck: "exempt" });
    await aid(as.reviewer, terminated, { action: "decide", decision: "grant" });
    expect((await aid(as.reviewer, terminated, { action: "terminate", ground: "retained_own_lawyer", reason: "受援人另行委托律师" })).json().status).toBe("terminated");
    const ticket = await ticketOf(terminatedTicket);
    expect(ticket.status).toBe("resolved");
    expect(deadlineState(ticket, "resolve")).toBe("met");
    expect((await progressOf(terminatedTicket)).at(-1)).toMatchObject({ step: "resolved", answer: "终止法律援助（第四十八条第一款第（六）项）：受援人另行委托律师" });
  });

  it("a correction the ticket's machine can no longer follow (reopen period over) is refused whole: case and ticket unchanged", async () => {
    await moveTo(START);
    const ticketId = await newTicket(as.countyWindow, "legal_aid", tree.counties[0]);
    const caseId = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id as string;
    await aid(as.reviewer, caseId, { action: "review", opinion: "收入高于标准", hardshipCheck: "data_sharing" });
    await aid(as.reviewer, caseId, { action: "decide", decision: "refuse", reasons: "收入高于标准" });
    // 15 days after resolution the ticket can no longer be reopened.
    await moveTo(new Date("2026-12-10T09:00:00+08:00"));
    await aid(as.countyWindow, caseId, { action: "object", reason: "收入计算有误" });
    const before = await trail(ticketId);
    const refused = await aid(as.leader, caseId, { action: "decide_objection", decision: "correct", opinion: "重新审查" });
    expect([refused.statusCode, refused.json().field]).toEqual([409, "action"]);
    expect((await as.leader.get(`/api/legal-aid/cases/${caseId}`)).json().status).toBe("objection_pending");
    expect((await ticketOf(ticketId)).status).toBe("resolved");
    expect(await trail(ticketId)).toEqual(before);
  });
});

describe("mediation: the ticket follows the case", () => {
  let committeeId: string;
  const med = (session: Session, caseId: string, body: Record<string, unknown>) => session.request("POST", `/api/mediation/cases/${caseId}/actions`, body);
  const parties = [{ name: "张三", info: "男，1970年生，住某村一组" }, { name: "李四", info: "男，1975年生，住某村一组" }];

  beforeAll(async () => {
    await moveTo(START);
    const response = await as.leader.request("POST", "/api/mediation/committees", { name: "测试乡人民调解委员会", kind: "township", regionCode: tree.townships[0][0] });
    expect(response.statusCode).toBe(201);
    committeeId = response.json().id;
  });

  const open = async () => {
    const ticketId = await newTicket(as.windowA, "mediation", tree.townships[0][0]);
    const opened = await as.windowA.request("POST", "/api/mediation/cases", { ticketId, committeeId });
    expect(opened.statusCode).toBe(201);
    return { ticketId, caseId: opened.json().id as string };
  };

  it("opening hands the ticket to the committee; an oral agreement resolves it; archiving after the follow-up archives it", async () => {
    await moveTo(START);
    const { ticketId, caseId } = await open();
    expect((await ticketOf(ticketId)).status).toBe("assigned");
    await med(as.mediatorA, caseId, { action: "accept" });
    await med(as.mediatorA, caseId, { action: "assign_mediators", mediatorIds: [staff.mediatorA.id] });
    await med(as.mediatorA, caseId, { action: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00", place: "乡调解室" });
    await moveTo(new Date("2026-11-23T11:00:00+08:00"));
    expect((await med(as.mediatorA, caseId, { action: "record_session", sessionNo: 1, minutes: "双方陈述事实" })).statusCode).toBe(200);
    expect((await ticketOf(ticketId)).status).toBe("assigned");
    expect((await med(as.mediatorA, caseId, { action: "agree_oral", parties, content: "李四拆除越界围墙" })).json().status).toBe("agreed");
    const ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe("resolved");
    expect(deadlineState(ticket, "resolve")).toBe("met");
    expect((await progressOf(ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "调解成功，达成口头调解协议：李四拆除越界围墙" });

    await med(as.mediatorA, caseId, { action: "follow_up", performance: "performed", note: "围墙已拆除" });
    // Art. 33: the 30 days for judicial confirmation are settled first.
    expect((await med(as.mediatorA, caseId, { action: "record_confirmation", outcome: "declined" })).statusCode).toBe(200);
    expect((await as.supervisor.request("POST", `/api/tickets/${ticketId}/actions`, { action: "follow_up", outcome: "当事人满意" })).statusCode).toBe(200);
    expect((await med(as.mediatorA, caseId, { action: "archive" })).json().status).toBe("archived");
    expect((await ticketOf(ticketId)).status).toBe("archived");
    const steps = (await trail(ticketId)).filter((t) => t.includes("mediation_case."));
    expect(steps).toEqual([
      "mediation_case.opened", "action.accept<mediation_case.opened", "action.assign<mediation_case.opened",
      "mediation_case.accept", "mediation_case.assign_mediators", "mediation_case.schedule_session", "mediation_case.record_session",
      "mediation_case.agree_oral", "action.resolve<mediation_case.agree_oral", "mediation_case.follow_up", "mediation_case.record_confirmation",
      "mediation_case.archive", "action.archive<mediation_case.archive",
    ]);
  });

  it("a declined application, a termination and a failure each resolve the ticket naming the outcome", async () => {
    await moveTo(START);
    const declined = await open();
    expect((await med(as.mediatorA, declined.caseId, { action: "decline", ground: "party_refused", reason: "被申请人拒绝调解" })).json().status).toBe("declined");
    expect((await ticketOf(declined.ticketId)).status).toBe("resolved");
    expect((await progressOf(declined.ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "不予受理调解申请（当事人一方明确拒绝调解）：被申请人拒绝调解" });

    const ended = await open();
    expect((await med(as.windowA, ended.caseId, { action: "terminate", party: "李四", reason: "被申请人明确拒绝调解" })).json().status).toBe("terminated");
    const ticket = await ticketOf(ended.ticketId);
    expect(ticket.status).toBe("resolved");
    expect(deadlineState(ticket, "resolve")).toBe("met");
    expect((await progressOf(ended.ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "调解终止：被申请人明确拒绝调解" });

    const failed = await open();
    await med(as.mediatorA, failed.caseId, { action: "accept" });
    await med(as.mediatorA, failed.caseId, { action: "assign_mediators", mediatorIds: [staff.mediatorA.id] });
    await med(as.mediatorA, failed.caseId, { action: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00", place: "乡调解室" });
    await moveTo(new Date("2026-11-23T11:00:00+08:00"));
    await med(as.mediatorA, failed.caseId, { action: "record_session", sessionNo: 1, minutes: "双方分歧较大" });
    const fail = await med(as.mediatorA, failed.caseId, { action: "fail", reason: "双方分歧较大", guidance: ["litigation"] });
    expect(fail.json().status).toBe("failed");
    expect((await ticketOf(failed.ticketId)).status).toBe("resolved");
    expect((await progressOf(failed.ticketId)).at(-1)).toMatchObject({ step: "resolved", answer: "调解不成：双方分歧较大" });
  });
});
