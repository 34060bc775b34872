/**
 * People's mediation on top of tickets (issue 10, parts 5 and 6; docs/mediation.md):
 * committees, the case routes, who may do each step from where (a mediator of one
 * township never sees another township's cases), the Art. 33 deadline on the ticket,
 * the events on the ticket's trail, the audit log, and referrals in and out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const as: Record<string, Session> = {};
const staff: Record<string, StaffActor> = {};
const committee: Record<string, string> = {};

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
  const [county, otherCounty] = tree.counties;
  const [township, siblingTownship] = tree.townships[0];
  await person("leader", ["leader"], county);
  await person("windowA", ["window"], township);
  await person("windowB", ["window"], siblingTownship);
  await person("mediatorA", ["mediator"], township);
  await person("villageMediator", ["mediator"], tree.villages[0][0][0]);
  await person("mediatorB", ["mediator"], siblingTownship);
  await person("otherCountyMediator", ["mediator"], otherCounty);
  await person("supervisor", ["supervisor"], county);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function mediationTicket(session: Session, regionCode: string, serviceType = "mediation") {
  const response = await session.request("POST", "/api/tickets", {
    channel: "window", serviceType, category: "房屋宅基地", regionCode,
    applicant: { name: "张三", phone: "13912345678" }, description: "邻居建房越界占用宅基地，申请调解",
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

const act = (session: Session, caseId: string, body: Record<string, unknown>) => session.request("POST", `/api/mediation/cases/${caseId}/actions`, body);

async function auditActions(entityType: string, id: string): Promise<string[]> {
  const { rows } = await database.pool.query<{ action: string }>("select action from audit_log where entity_type = $1 and entity_id = $2 order by seq", [entityType, id]);
  return rows.map((r) => r.action);
}

const parties = [{ name: "张三", info: "男，1970年生，住某村一组" }, { name: "李四", info: "男，1975年生，住某村一组" }];

describe("committees (Arts. 8, 34)", () => {
  it("the county's leaders set up the village, township and industry committees, each at its level", async () => {
    const create = (session: Session, body: Record<string, unknown>) => session.request("POST", "/api/mediation/committees", body);
    const ok = async (key: string, body: Record<string, unknown>) => {
      const response = await create(as.leader, body);
      expect(response.statusCode, key).toBe(201);
      committee[key] = response.json().id;
    };
    await ok("townshipA", { name: "测试乡人民调解委员会", kind: "township", regionCode: tree.townships[0][0] });
    await ok("townshipB", { name: "邻乡人民调解委员会", kind: "township", regionCode: tree.townships[0][1] });
    await ok("village", { name: "一村人民调解委员会", kind: "village", regionCode: tree.villages[0][0][0] });
    await ok("industry", { name: "县医疗纠纷人民调解委员会", kind: "industry", industry: "医疗纠纷", regionCode: tree.counties[0] });
    expect((await create(as.windowA, { name: "x", kind: "township", regionCode: tree.townships[0][0] })).statusCode).toBe(403);
    const wrongLevel = await create(as.leader, { name: "错", kind: "village", regionCode: tree.townships[0][0] });
    expect([wrongLevel.statusCode, wrongLevel.json().field]).toEqual([400, "regionCode"]);
    const noField = await create(as.leader, { name: "行业", kind: "industry", regionCode: tree.counties[0] });
    expect([noField.statusCode, noField.json().field]).toEqual([400, "industry"]);
    expect((await create(as.leader, { name: "测试乡人民调解委员会", kind: "township", regionCode: tree.townships[0][0] })).statusCode).toBe(409);
  });

  it("lists the committees competent for a village, nearest first", async () => {
    const items = (await as.windowA.get(`/api/mediation/committees?forRegion=${tree.villages[0][0][0]}`)).json().items.map((c: { id: string }) => c.id);
    expect(items).toEqual([committee.village, committee.townshipA, committee.industry]);
  });
});

describe("the main path: application → acceptance → mediators → session → written agreement → follow-up → confirmation → archive", () => {
  let ticketId: string;
  let caseId: string;

  it("a mediation ticket goes before a competent committee; free of charge (Art. 4)", async () => {
    ticketId = await mediationTicket(as.windowA, tree.villages[0][0][0]);
    const notCompetent = await as.windowA.request("POST", "/api/mediation/cases", { ticketId, committeeId: committee.townshipB });
    expect([notCompetent.statusCode, notCompetent.json().field]).toEqual([400, "committeeId"]);
    const legalAid = await as.windowA.request("POST", "/api/mediation/cases", { ticketId: await mediationTicket(as.windowA, tree.townships[0][0], "legal_aid"), committeeId: committee.townshipA });
    expect([legalAid.statusCode, legalAid.json().field]).toEqual([400, "ticketId"]);
    const opened = await as.windowA.request("POST", "/api/mediation/cases", { ticketId, committeeId: committee.townshipA });
    expect(opened.statusCode).toBe(201);
    const view = opened.json();
    caseId = view.id;
    expect(view).toMatchObject({ status: "applied", isFree: true, committee: { id: committee.townshipA, kind: "township" }, region: { code: tree.townships[0][0] } });
    expect(view.rules.find((r: { key: string }) => r.key === "free_of_charge")).toMatchObject({ lawTitle: "中华人民共和国人民调解法", articleNo: "第四条" });
    expect(JSON.stringify(view)).not.toMatch(/"(fee|price|amountDue)"/i);
    expect(view.abilities).toMatchObject({ accept: false, terminate: true });
    expect((await as.windowA.request("POST", "/api/mediation/cases", { ticketId, committeeId: committee.townshipA })).statusCode).toBe(409);
  });

  it("a mediator of another township cannot see or act on the case; the township's staff and the county can", async () => {
    for (const [who, status] of [["mediatorA", 200], ["windowA", 200], ["leader", 200], ["supervisor", 200], ["mediatorB", 404], ["windowB", 404], ["otherCountyMediator", 404], ["villageMediator", 404]] as const) {
      expect((await as[who].get(`/api/mediation/cases/${caseId}`)).statusCode, who).toBe(status);
      expect((await as[who].get(`/api/mediation/cases/by-ticket/${ticketId}`)).statusCode, who).toBe(status);
      const ids = (await as[who].get("/api/mediation/cases")).json().items.map((c: { id: string }) => c.id);
      expect(ids.includes(caseId), who).toBe(status === 200);
    }
    for (const who of ["mediatorB", "otherCountyMediator"] as const) {
      expect((await act(as[who], caseId, { action: "accept" })).statusCode, who).toBe(404);
      expect((await as[who].get(`/api/mediation/cases/${caseId}/mediators`)).statusCode, who).toBe(404);
    }
    // Acceptance is the committee's (its mediators), not the front desk's.
    expect((await act(as.windowA, caseId, { action: "accept" })).statusCode).toBe(403);
    expect((await act(as.leader, caseId, { action: "accept" })).statusCode).toBe(403);
  });

  it("the committee accepts and the parties choose a mediator from the committee's (Art. 19)", async () => {
    const accepted = (await act(as.mediatorA, caseId, { action: "accept", note: "属本委员会受理范围" })).json();
    expect(accepted.status).toBe("accepted");
    const pool = (await as.mediatorA.get(`/api/mediation/cases/${caseId}/mediators`)).json().items.map((m: { id: string }) => m.id);
    expect(pool).toEqual(expect.arrayContaining([staff.mediatorA.id, staff.villageMediator.id]));
    expect(pool).not.toContain(staff.mediatorB.id);
    const outside = await act(as.mediatorA, caseId, { action: "assign_mediators", mediatorIds: [staff.mediatorB.id] });
    expect([outside.statusCode, outside.json().field]).toEqual([400, "mediatorIds"]);
    const missing = await act(as.mediatorA, caseId, { action: "assign_mediators" });
    expect([missing.statusCode, missing.json().field]).toEqual([400, "mediatorIds"]);
    const assigned = (await act(as.mediatorA, caseId, { action: "assign_mediators", mediatorIds: [staff.villageMediator.id], isChosenByParties: true })).json();
    expect(assigned).toMatchObject({ status: "mediating", state: { isMediatorChosenByParties: true, mediators: [{ id: staff.villageMediator.id }] } });
    // The mediator on the case sees it, though it sits above their village.
    expect((await as.villageMediator.get(`/api/mediation/cases/${caseId}`)).statusCode).toBe(200);
    expect((await as.villageMediator.get("/api/mediation/cases")).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it("schedules a session (Beijing time, a place), records it once held (Art. 27)", async () => {
    const noPlace = await act(as.villageMediator, caseId, { action: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00" });
    expect([noPlace.statusCode, noPlace.json().field]).toEqual([400, "place"]);
    const noConsent = await act(as.villageMediator, caseId, { action: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00", place: "一村村委会调解室", invitees: "村民小组长" });
    expect([noConsent.statusCode, noConsent.json().field]).toEqual([400, "isInviteeConsented"]);
    const scheduled = (await act(as.villageMediator, caseId, { action: "schedule_session", scheduledAt: "2026-11-23T09:30:00+08:00", place: "一村村委会调解室" })).json();
    expect(scheduled.state.sessions).toEqual([expect.objectContaining({ no: 1, scheduledAt: "2026-11-23T01:30:00.000Z", place: "一村村委会调解室", heldAt: null })]);
    // An outcome waits for a recorded session; a session is recorded after it is held.
    expect((await act(as.villageMediator, caseId, { action: "agree_oral", parties, content: "x" })).statusCode).toBe(409);
    const early = await act(as.villageMediator, caseId, { action: "record_session", sessionNo: 1, minutes: "x" });
    expect([early.statusCode, early.json().field]).toEqual([400, "heldAt"]);
    await moveTo(new Date("2026-11-23T11:00:00+08:00"));
    const recorded = (await act(as.villageMediator, caseId, { action: "record_session", sessionNo: 1, minutes: "双方陈述事实，调解员讲解《民法典》相邻关系规定", participants: "张三、李四、村委会主任" })).json();
    expect(recorded.state.sessions[0]).toMatchObject({ heldAt: "2026-11-23T01:30:00.000Z", minutes: expect.stringContaining("相邻关系") });
  });

  it("a written agreement carries the contents of Art. 29, and starts the 30 days of Art. 33 on the ticket", async () => {
    const base = { action: "agree_written", parties, facts: "李四建房越界30厘米", disputedMatters: "越界部分是否拆除", responsibilities: "李四负全部责任", terms: "李四拆除越界围墙", performanceManner: "自行拆除", performanceDeadline: "2026年12月10日前", signedAt: "2026-11-23T10:45:00+08:00" };
    for (const field of ["facts", "disputedMatters", "responsibilities", "terms", "performanceManner", "performanceDeadline"]) {
      const response = await act(as.villageMediator, caseId, { ...base, [field]: undefined });
      expect([response.statusCode, response.json().field], field).toEqual([400, field]);
    }
    const oneParty = await act(as.villageMediator, caseId, { ...base, parties: [parties[0]] });
    expect([oneParty.statusCode, oneParty.json().field]).toEqual([400, "parties"]);
    const agreed = (await act(as.villageMediator, caseId, base)).json();
    expect(agreed.status).toBe("agreed");
    // Effective 23 November (signed): the 30 days end 23 December, 24:00 Beijing.
    expect(agreed.deadlines).toEqual([expect.objectContaining({ step: "mediation_confirmation", state: "running", dueAt: "2026-12-23T16:00:00.000Z", rule: "judicial_confirmation" })]);
    const ticket = (await as.mediatorA.get(`/api/tickets/${ticketId}`)).json();
    expect(ticket.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ step: "mediation_confirmation", state: "running", dueAt: "2026-12-23T16:00:00.000Z" })]));
  });

  it("follow-up on performance (Art. 31), the parties' joint application (Art. 33), archive", async () => {
    expect((await act(as.mediatorA, caseId, { action: "archive" })).statusCode).toBe(409);
    await moveTo(new Date("2026-12-11T09:00:00+08:00"));
    expect((await act(as.villageMediator, caseId, { action: "guide_confirmation" })).statusCode).toBe(200);
    expect((await act(as.villageMediator, caseId, { action: "follow_up", performance: "performed", note: "回访：围墙已拆除" })).json().status).toBe("performed");
    const noCourt = await act(as.villageMediator, caseId, { action: "record_confirmation", outcome: "applied", appliedOn: "2026-12-10" });
    expect([noCourt.statusCode, noCourt.json().field]).toEqual([400, "court"]);
    const confirmed = (await act(as.villageMediator, caseId, { action: "record_confirmation", outcome: "applied", court: "测试县人民法院", appliedOn: "2026-12-10" })).json();
    expect(confirmed.deadlines[0]).toMatchObject({ state: "met" });
    // The village mediator is on the case but the file is the committee's (Art. 27).
    expect((await act(as.villageMediator, caseId, { action: "archive" })).statusCode).toBe(403);
    const archived = (await act(as.mediatorA, caseId, { action: "archive" })).json();
    expect(archived.status).toBe("archived");
    expect(archived.timeline.map((e: { type: string }) => e.type)).toEqual([
      "mediation_case.opened", "mediation_case.accept", "mediation_case.assign_mediators", "mediation_case.schedule_session", "mediation_case.record_session",
      "mediation_case.agree_written", "mediation_case.guide_confirmation", "mediation_case.follow_up", "mediation_case.record_confirmation", "mediation_case.archive",
    ]);
    expect(archived.timeline[5].data.rules).toEqual(expect.arrayContaining([{ key: "agreement_contents", lawTitle: "中华人民共和国人民调解法", articleNo: "第二十九条" }]));
    expect(await auditActions("mediation_case", caseId)).toEqual([
      "mediation_case.open", "mediation_case.accept", "mediation_case.assign_mediators", "mediation_case.schedule_session", "mediation_case.record_session",
      "mediation_case.agree_written", "mediation_case.guide_confirmation", "mediation_case.follow_up", "mediation_case.record_confirmation", "mediation_case.archive",
    ]);
    // The ticket's own trail still verifies with the case's events on it.
    const audit = (await as.leader.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit).toMatchObject({ verified: true, brokenAtSeq: null });
    expect(audit.events.filter((e: { type: string }) => e.type.startsWith("mediation_case.")).length).toBe(10);
  });
});

describe("a party refuses; the failed mediation is referred out; a referral comes in", () => {
  it("a party ends the mediation (Art. 23); the case is referred to the court and the referral moves with the court's answers", async () => {
    const ticketId = await mediationTicket(as.windowA, tree.townships[0][0]);
    const caseId = (await as.windowA.request("POST", "/api/mediation/cases", { ticketId, committeeId: committee.townshipA })).json().id;
    expect((await act(as.mediatorA, caseId, { action: "refer_out" })).statusCode).toBe(400);
    const noParty = await act(as.windowA, caseId, { action: "terminate", reason: "拒绝调解" });
    expect([noParty.statusCode, noParty.json().field]).toEqual([400, "party"]);
    const ended = (await act(as.windowA, caseId, { action: "terminate", party: "李四", reason: "被申请人明确拒绝调解" })).json();
    expect(ended).toMatchObject({ status: "terminated", abilities: { refer_out: false } });
    expect((await as.mediatorA.get(`/api/mediation/cases/${caseId}`)).json().abilities.refer_out).toBe(true);
    expect((await as.mediatorB.request("POST", `/api/mediation/cases/${caseId}/referrals`, { partnerKind: "court", partnerName: "测试县人民法院", reason: "x" })).statusCode).toBe(404);
    const sent = await as.mediatorA.request("POST", `/api/mediation/cases/${caseId}/referrals`, { partnerKind: "court", partnerName: "测试县人民法院", reason: "调解不成，引导诉讼" });
    expect(sent.statusCode).toBe(201);
    const referral = sent.json();
    expect(referral).toMatchObject({ direction: "outgoing", status: "sent", nextStatuses: ["received", "returned"], case: { id: caseId } });
    const move = (session: Session, body: Record<string, unknown>) => session.request("POST", `/api/mediation/referrals/${referral.id}/status`, body);
    expect((await move(as.mediatorA, { status: "concluded" })).statusCode).toBe(409);
    expect((await move(as.mediatorB, { status: "received" })).statusCode).toBe(404);
    expect((await move(as.mediatorA, { status: "received", partnerReference: "（2026）测民初123号" })).json()).toMatchObject({ status: "received", partnerReference: "（2026）测民初123号" });
    expect((await move(as.mediatorA, { status: "accepted" })).json().status).toBe("accepted");
    const concluded = (await move(as.mediatorA, { status: "concluded", note: "法院已立案审理" })).json();
    expect(concluded.history.map((h: { status: string }) => h.status)).toEqual(["sent", "received", "accepted", "concluded"]);
    expect(concluded.abilities.update).toBe(false);
    expect(await auditActions("mediation_referral", referral.id)).toEqual(["mediation_referral.send", "mediation_referral.update", "mediation_referral.update", "mediation_referral.update"]);
    const listB = (await as.mediatorB.get("/api/mediation/referrals")).json().items.map((r: { id: string }) => r.id);
    expect(listB).not.toContain(referral.id);
    expect((await as.mediatorA.get("/api/mediation/referrals?direction=outgoing")).json().items.map((r: { id: string }) => r.id)).toContain(referral.id);
  });

  it("a referral from the police (公调对接) becomes a case with their reference and a receipt, and follows the case", async () => {
    const body = {
      partnerKind: "police", partnerName: "测试县公安局城关派出所", partnerReference: "JQ20261211001", reason: "邻里纠纷，适宜人民调解",
      committeeId: committee.townshipA,
      ticket: { category: "邻里", regionCode: tree.villages[0][0][1], applicant: { name: "王五", phone: "13812345678" }, description: "因排水问题与邻居发生争执，派出所出警后移送调解" },
    };
    expect((await as.windowB.request("POST", "/api/mediation/referrals/incoming", body)).statusCode).toBe(404);
    const bad = await as.windowA.request("POST", "/api/mediation/referrals/incoming", { ...body, partnerKind: "army" });
    expect([bad.statusCode, bad.json().field]).toEqual([400, "partnerKind"]);
    const received = await as.windowA.request("POST", "/api/mediation/referrals/incoming", body);
    expect(received.statusCode).toBe(201);
    const referral = received.json();
    expect(referral).toMatchObject({ direction: "incoming", status: "received", partnerReference: "JQ20261211001", receiptNumber: expect.stringMatching(/^R20261211[0-9A-F]{6}$/) });
    const caseView = (await as.mediatorA.get(`/api/mediation/cases/${referral.case.id}`)).json();
    expect(caseView).toMatchObject({ status: "applied", ticket: { channel: "referral" }, state: { origin: { kind: "referral", referralId: referral.id, partnerName: "测试县公安局城关派出所" } } });
    expect(caseView.timeline.map((e: { type: string }) => e.type)).toEqual(["mediation_case.opened", "mediation_referral.received"]);
    await act(as.mediatorA, referral.case.id, { action: "accept" });
    const after = (await as.mediatorA.get(`/api/mediation/referrals/${referral.id}`)).json();
    expect(after.status).toBe("accepted");
    expect(after.history.map((h: { status: string }) => h.status)).toEqual(["received", "accepted"]);
    expect((await as.mediatorB.get(`/api/mediation/referrals/${referral.id}`)).statusCode).toBe(404);
  });
});
