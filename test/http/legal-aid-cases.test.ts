/**
 * Legal aid cases on top of tickets (issue 10, part 1; docs/legal-aid-flow.md):
 * the routes, who may do each step from where, the deadlines on the ticket, the
 * events on the ticket's hash-chained trail and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { isSampledForQuality } from "../../src/server/modules/legal-aid/aid-case.rules.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { importLawTexts } from "../helpers/laws.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";

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

/** Moves the clock; sessions idle that long have ended, so everyone signs in again. */
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
  await person("stationWindow", ["window"], township);
  await person("siblingWindow", ["window"], siblingTownship);
  await person("countyWindow", ["window"], county);
  await person("reviewer", ["reviewer"], county);
  await person("otherReviewer", ["reviewer"], otherCounty);
  // A pool lawyer sits under the center's county but outside the matter's township.
  await person("poolLawyer", ["lawyer"], siblingTownship);
  await person("otherLawyer", ["lawyer"], otherCounty);
  await person("supervisor", ["supervisor"], county);
  await person("leader", ["leader"], county);
  await person("townshipLeader", ["leader"], township);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function legalAidTicket(session: Session, regionCode: string, serviceType = "legal_aid") {
  const response = await session.request("POST", "/api/tickets", {
    channel: "window", serviceType, category: "劳动争议", regionCode,
    applicant: { name: "李四", phone: "13912345678" }, description: "公司拖欠工资三个月，申请法律援助",
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

const act = (session: Session, caseId: string, body: Record<string, unknown>) => session.request("POST", `/api/legal-aid/cases/${caseId}/actions`, body);

async function auditActions(caseId: string): Promise<string[]> {
  const { rows } = await database.pool.query<{ action: string }>("select action from audit_log where entity_type = 'aid_case' and entity_id = $1 order by seq", [caseId]);
  return rows.map((r) => r.action);
}

describe("the main path: station → center → grant → assign → handling → close", () => {
  let ticketId: string;
  let caseId: string;

  it("a legal aid ticket taken at the township station becomes a case that the station pre-checks", async () => {
    ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    // The intake opened the case (legal-aid-intake.test.ts); opening it again answers with it.
    const opened = await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId });
    expect(opened.statusCode).toBe(200);
    const view = opened.json();
    caseId = view.id;
    expect(view).toMatchObject({ status: "submitted", station: { code: tree.townships[0][0] }, center: { code: tree.counties[0] } });
    // Art. 43: 7 working days from the application (Fri 20 Nov → Tue 1 Dec, 24:00 Beijing).
    expect(view.deadlines).toEqual([expect.objectContaining({ step: "aid_decision", state: "running", dueAt: "2026-12-01T16:00:00.000Z", rule: "decision_within_7_days" })]);
    expect(view.rules.find((r: { key: string }) => r.key === "decision_within_7_days")).toMatchObject({ lawTitle: "中华人民共和国法律援助法", articleNo: "第四十三条" });
    expect(view.abilities).toMatchObject({ precheck: true, review: false, decide: false });
    // One case per ticket.
    const again = await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(caseId);
  });

  it("reviewers see only their center's applications, township staff their township's", async () => {
    for (const [who, status] of [["stationWindow", 200], ["reviewer", 200], ["leader", 200], ["siblingWindow", 404], ["otherReviewer", 404], ["poolLawyer", 404]] as const) {
      expect((await as[who].get(`/api/legal-aid/cases/${caseId}`)).statusCode, who).toBe(status);
      const ids = (await as[who].get("/api/legal-aid/cases")).json().items.map((c: { id: string }) => c.id);
      expect(ids.includes(caseId), who).toBe(status === 200);
    }
    expect((await as.stationWindow.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).json().id).toBe(caseId);
  });

  it("pre-check by the station, review and decision by the center, each naming what it lacks", async () => {
    expect((await act(as.reviewer, caseId, { action: "review", opinion: "x", hardshipCheck: "self_declared" })).statusCode).toBe(409);
    const missing = await act(as.stationWindow, caseId, { action: "precheck" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe("opinion");
    const unknown = await act(as.stationWindow, caseId, { action: "approve" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe("action");
    expect((await act(as.siblingWindow, caseId, { action: "precheck", opinion: "x" })).statusCode).toBe(404);
    expect((await act(as.stationWindow, caseId, { action: "precheck", opinion: "材料齐全，报县法律援助中心审查" })).json().status).toBe("under_review");
    // Review and decision are the center's.
    expect((await act(as.stationWindow, caseId, { action: "review", opinion: "x", hardshipCheck: "self_declared" })).statusCode).toBe(403);
    const noCheck = await act(as.reviewer, caseId, { action: "review", opinion: "符合条件" });
    expect(noCheck.json().field).toBe("hardshipCheck");
    expect((await act(as.reviewer, caseId, { action: "review", opinion: "农民工追索劳动报酬，免予核查", hardshipCheck: "exempt" })).statusCode).toBe(200);
    const noReasons = await act(as.reviewer, caseId, { action: "decide", decision: "refuse" });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().field).toBe("reasons");
    await moveTo(new Date("2026-11-24T09:00:00+08:00"));
    const granted = (await act(as.reviewer, caseId, { action: "decide", decision: "grant" })).json();
    expect(granted.status).toBe("granted");
    // Art. 43: assign within 3 working days of the decision (Tue 24 → Fri 27 Nov).
    expect(granted.deadlines).toEqual(expect.arrayContaining([
      expect.objectContaining({ step: "aid_decision", state: "met" }),
      expect.objectContaining({ step: "aid_assignment", state: "running", dueAt: "2026-11-27T16:00:00.000Z" }),
    ]));
  });

  it("assigns a lawyer from the center's pool only (点援制), who then sees and handles the case", async () => {
    expect((await as.stationWindow.get(`/api/legal-aid/cases/${caseId}/lawyers`)).statusCode).toBe(403);
    const pool = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}/lawyers`)).json().items.map((l: { id: string }) => l.id);
    expect(pool).toContain(staff.poolLawyer.id);
    expect(pool).not.toContain(staff.otherLawyer.id);
    const outside = await act(as.reviewer, caseId, { action: "assign_lawyer", lawyerId: staff.otherLawyer.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().field).toBe("lawyerId");
    const assigned = (await act(as.reviewer, caseId, { action: "assign_lawyer", lawyerId: staff.poolLawyer.id, isChosenByApplicant: true })).json();
    expect(assigned).toMatchObject({ status: "handling", state: { lawyer: { id: staff.poolLawyer.id, isChosenByApplicant: true } } });
    expect(assigned.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ step: "aid_assignment", state: "met" })]));

    expect((await as.poolLawyer.get(`/api/legal-aid/cases/${caseId}`)).json().abilities).toMatchObject({ progress_note: true, close: true, terminate: false });
    expect((await as.poolLawyer.get("/api/legal-aid/cases")).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
    const hearing = await act(as.poolLawyer, caseId, { action: "progress_note", kind: "hearing", text: "劳动仲裁开庭" });
    expect(hearing.json().field).toBe("hearingAt");
    expect((await act(as.poolLawyer, caseId, { action: "progress_note", kind: "hearing", text: "劳动仲裁开庭", hearingAt: "2026-12-10T09:00:00+08:00" })).statusCode).toBe(200);
    expect((await act(as.reviewer, caseId, { action: "close", outcome: "won", summary: "x" })).statusCode).toBe(403);
    expect((await act(as.poolLawyer, caseId, { action: "close", outcome: "mediated", summary: "仲裁调解，公司支付全部工资" })).json().status).toBe("closed");
  });

  it("quality review when sampled, then archive; every step is on the ticket's verified trail and in the audit log", async () => {
    if (isSampledForQuality(caseId)) {
      expect((await act(as.reviewer, caseId, { action: "archive" })).statusCode).toBe(409);
      expect((await act(as.reviewer, caseId, { action: "quality_review", score: 90, comment: "x" })).statusCode).toBe(403);
      expect((await act(as.supervisor, caseId, { action: "quality_review", score: 90, comment: "案卷完整，回访满意" })).json().status).toBe("quality_reviewed");
    } else {
      expect((await act(as.supervisor, caseId, { action: "quality_review", score: 90, comment: "x" })).statusCode).toBe(409);
    }
    expect((await act(as.reviewer, caseId, { action: "archive" })).json().status).toBe("archived");

    const view = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}`)).json();
    const steps = ["aid_case.opened", "aid_case.precheck", "aid_case.review", "aid_case.decide", "aid_case.assign_lawyer", "aid_case.progress_note", "aid_case.close"];
    expect(view.timeline.map((e: { type: string }) => e.type).slice(0, steps.length)).toEqual(steps);
    expect(view.timeline.find((e: { type: string }) => e.type === "aid_case.decide").data.rules).toContainEqual({ key: "decision_within_7_days", lawTitle: "中华人民共和国法律援助法", articleNo: "第四十三条" });
    const audit = (await as.reviewer.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.verified).toBe(true);
    expect(audit.events.filter((e: { type: string }) => e.type.startsWith("aid_case.")).length).toBe(view.timeline.length);
    expect(await auditActions(caseId)).toEqual(["aid_case.open", "aid_case.precheck", "aid_case.review", "aid_case.decide", "aid_case.assign_lawyer", "aid_case.progress_note", "aid_case.close",
      ...(isSampledForQuality(caseId) ? ["aid_case.quality_review"] : []), "aid_case.archive"]);
    // The ticket carries the case's deadlines, as the deadline engine keeps them.
    const ticket = (await as.reviewer.get(`/api/tickets/${ticketId}`)).json();
    expect(ticket.deadlines.map((d: { step: string; state: string }) => `${d.step}:${d.state}`)).toEqual(expect.arrayContaining(["aid_decision:met", "aid_assignment:met"]));
  });
});

describe("refusal and objection (Arts. 43, 49)", () => {
  it("refuses in writing; the objection is decided by the justice bureau's leader within 5 days; once upheld it is final", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.countyWindow, tree.counties[0]);
    const view = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json();
    // Taken at the county: no station, straight to the center's review.
    expect(view).toMatchObject({ status: "under_review", station: null });
    await act(as.reviewer, view.id, { action: "review", opinion: "收入高于标准", hardshipCheck: "data_sharing" });
    const refused = (await act(as.reviewer, view.id, { action: "decide", decision: "refuse", reasons: "家庭人均收入高于当地标准" })).json();
    expect(refused).toMatchObject({ status: "refused", state: { decision: { kind: "refuse", reasons: "家庭人均收入高于当地标准" } } });
    await moveTo(new Date("2026-11-25T09:00:00+08:00"));
    const objected = (await act(as.countyWindow, view.id, { action: "object", reason: "收入计算有误" })).json();
    expect(objected.status).toBe("objection_pending");
    // Wed 25 Nov + 5 working days = Wed 2 Dec.
    expect(objected.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ step: "aid_objection", state: "running", dueAt: "2026-12-02T16:00:00.000Z" })]));
    expect((await act(as.reviewer, view.id, { action: "decide_objection", decision: "uphold", opinion: "x" })).statusCode).toBe(403);
    // A township's leader is not the bureau that set up the county's center.
    expect((await act(as.townshipLeader, view.id, { action: "decide_objection", decision: "uphold", opinion: "x" })).statusCode).toBe(404);
    const upheld = (await act(as.leader, view.id, { action: "decide_objection", decision: "uphold", opinion: "维持原决定" })).json();
    expect(upheld).toMatchObject({ status: "refused", state: { objection: { decision: "uphold" } } });
    expect((await act(as.countyWindow, view.id, { action: "object", reason: "again" })).statusCode).toBe(409);
  });
});

describe("missing materials (一次性告知) and aid before review (Art. 44)", () => {
  it("pauses the decision's clock, and treats the application as withdrawn once the period has run out", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    const caseId = (await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    await moveTo(new Date("2026-11-23T09:00:00+08:00"));
    const empty = await act(as.stationWindow, caseId, { action: "request_materials", items: [] });
    expect(empty.json().field).toBe("items");
    const pending = (await act(as.stationWindow, caseId, { action: "request_materials", items: ["劳动合同或工资条", "经济困难状况说明"], periodDays: 2 })).json();
    expect(pending).toMatchObject({ status: "materials_pending", state: { materials: { items: ["劳动合同或工资条", "经济困难状况说明"] } } });
    expect(pending.deadlines).toEqual(expect.arrayContaining([
      expect.objectContaining({ step: "aid_decision", state: "paused" }),
      expect.objectContaining({ step: "aid_materials", state: "running", dueAt: "2026-11-25T16:00:00.000Z" }),
    ]));
    const ticket = (await as.stationWindow.get(`/api/tickets/${ticketId}`)).json();
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "aid_decision").state).toBe("paused");
    expect((await as.reviewer.get(`/api/legal-aid/cases/${caseId}`)).json().abilities.lapse).toBe(false);
    expect((await act(as.reviewer, caseId, { action: "lapse" })).statusCode).toBe(409);
    await moveTo(new Date("2026-11-26T09:00:00+08:00"));
    expect((await act(as.stationWindow, caseId, { action: "lapse" })).statusCode).toBe(403);
    const lapsed = (await act(as.reviewer, caseId, { action: "lapse" })).json();
    expect(lapsed).toMatchObject({ status: "withdrawn", state: { withdrawal: { isLapsed: true } } });
  });

  it("supplied materials restart the clock moved on by the paused working days, the same on the case and on the ticket", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.countyWindow, tree.counties[0]);
    const caseId = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    await moveTo(new Date("2026-11-23T09:00:00+08:00"));
    await act(as.reviewer, caseId, { action: "request_materials", items: ["工资条"] });
    // Paused Mon 23 Nov, supplied Thu 26 Nov: 3 working days, so Tue 1 Dec becomes Fri 4 Dec.
    await moveTo(new Date("2026-11-26T15:00:00+08:00"));
    const resumed = (await act(as.countyWindow, caseId, { action: "materials_supplied", note: "已补交工资条" })).json();
    expect(resumed.status).toBe("under_review");
    const onCase = resumed.deadlines.find((d: { step: string }) => d.step === "aid_decision");
    expect(onCase).toMatchObject({ state: "running", dueAt: "2026-12-04T16:00:00.000Z" });
    const onTicket = (await as.countyWindow.get(`/api/tickets/${ticketId}`)).json().deadlines.find((d: { step: string }) => d.step === "aid_decision");
    expect(new Date(onTicket.dueAt).toISOString()).toBe(onCase.dueAt);
    expect(onTicket.state).toBe("running");
    // A withdrawal ends the case and its clock.
    const withdrawn = (await act(as.countyWindow, caseId, { action: "withdraw", reason: "双方已和解" })).json();
    expect(withdrawn).toMatchObject({ status: "withdrawn", state: { withdrawal: { isLapsed: false } } });
    expect(withdrawn.deadlines.find((d: { step: string }) => d.step === "aid_decision").state).toBe("cancelled");
  });

  it("the scheduler treats an unanswered notice as withdrawn once its period has run out, and not before", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    const caseId = (await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    // Fri 20 Nov + 1 working day = Mon 23 Nov, 24:00.
    await act(as.stationWindow, caseId, { action: "request_materials", items: ["身份证明"], periodDays: 1 });
    await runSchedulerTick(app.ctx, new Date("2026-11-23T23:00:00+08:00"));
    expect((await as.stationWindow.get(`/api/legal-aid/cases/${caseId}`)).json().status).toBe("materials_pending");
    const report = await runSchedulerTick(app.ctx, new Date("2026-11-24T00:30:00+08:00"));
    expect(report.aidLapses).toBeGreaterThanOrEqual(1);
    const view = (await as.stationWindow.get(`/api/legal-aid/cases/${caseId}`)).json();
    expect(view).toMatchObject({ status: "withdrawn", state: { withdrawal: { isLapsed: true } } });
    expect(view.timeline.at(-1)).toMatchObject({ type: "aid_case.lapse", actorName: "scheduler" });
  });

  it("the center may grant aid at once on an Art. 44 ground, and terminate on an Art. 48 ground", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    const caseId = (await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    expect((await act(as.stationWindow, caseId, { action: "grant_in_advance", ground: "limitation_within_7_days", reason: "x" })).statusCode).toBe(403);
    const badGround = await act(as.reviewer, caseId, { action: "grant_in_advance", ground: "retained_own_lawyer", reason: "x" });
    expect(badGround.json().field).toBe("ground");
    const advance = (await act(as.reviewer, caseId, { action: "grant_in_advance", ground: "limitation_within_7_days", reason: "仲裁时效即将届满" })).json();
    expect(advance).toMatchObject({ status: "granted", state: { advance: { ground: "limitation_within_7_days" }, decision: null } });
    expect(advance.abilities.decide).toBe(true);
    const terminated = (await act(as.reviewer, caseId, { action: "terminate", ground: "retained_own_lawyer", reason: "受援人自行委托律师" })).json();
    expect(terminated).toMatchObject({ status: "terminated", state: { termination: { ground: "retained_own_lawyer" } } });
    expect(terminated.timeline.at(-1).data).toMatchObject({ ground: "retained_own_lawyer", groundItem: "第四十八条第一款第（六）项", rules: expect.arrayContaining([expect.objectContaining({ articleNo: "第四十八条" })]) });
  });

  it("only legal aid tickets become cases", async () => {
    const ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0], "mediation");
    const response = await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe("ticketId");
    const other = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    expect((await as.siblingWindow.request("POST", "/api/legal-aid/cases", { ticketId: other })).statusCode).toBe(404);
  });
});

describe("every rule names its article and links to the law reader", () => {
  it("before the laws are imported a rule is unlinked; once they are, it carries the law and the article's anchor", async () => {
    const ticketId = await legalAidTicket(as.countyWindow, tree.counties[0]);
    const caseId = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    const before = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}`)).json();
    expect(before.rules.find((r: { key: string }) => r.key === "decision_within_7_days")).toMatchObject({ articleNo: "第四十三条", lawId: null, anchor: null });
    await importLawTexts(database, {
      "行政法/法律援助法(2021-08-20).md": `# 中华人民共和国法律援助法

2021年8月20日 第十三届全国人民代表大会常务委员会第三十次会议通过

<!-- INFO END -->

第四十三条 法律援助机构应当自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定。

第四十九条 申请人、受援人对法律援助机构不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出。
`,
    });
    const after = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}`)).json();
    const rule = after.rules.find((r: { key: string }) => r.key === "decision_within_7_days");
    expect(rule).toMatchObject({ lawTitle: "中华人民共和国法律援助法", articleNo: "第四十三条", anchor: "第四十三条" });
    expect(rule.lawId).toEqual(expect.any(String));
    // The reader at that address has the article.
    const law = (await as.reviewer.get(`/api/laws/${rule.lawId}`)).json();
    expect(JSON.stringify(law)).toContain("七日内进行审查");
    // An article not in this (partial) text stays unlinked rather than pointing nowhere.
    expect(after.rules.find((r: { key: string }) => r.key === "termination")).toMatchObject({ lawId: null });
  });
});

describe("the permission matrix: every role × where it sits relative to the matter", () => {
  // The matter is in township T of county C. Relations: T itself, its county (the center),
  // the city above, a village under T, the sibling township, the other county.
  type Relation = "township" | "county" | "city" | "village" | "sibling" | "otherCounty";
  const RELATIONS: Relation[] = ["township", "county", "city", "village", "sibling", "otherCounty"];
  const sees = (r: Relation) => r === "township" || r === "county" || r === "city";
  const ROLE_LIST: Role[] = ["admin", "leader", "dispatcher", "window", "operator", "lawyer", "mediator", "advisor", "reviewer", "supervisor"];
  const sessions = new Map<string, Session>();
  let caseId: string;

  beforeAll(async () => {
    await moveTo(START);
    const regionOf: Record<Relation, string> = {
      township: tree.townships[0][0], county: tree.counties[0], city: tree.city, village: tree.villages[0][0][0], sibling: tree.townships[0][1], otherCounty: tree.counties[1],
    };
    for (const role of ROLE_LIST) {
      for (const relation of RELATIONS) {
        const actor = await database.db.transaction((tx) => makeStaff(tx, [role], regionOf[relation]));
        sessions.set(`${role}:${relation}`, await signIn(app, actor.username));
      }
    }
    const ticketId = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    caseId = (await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json().id;
    expect((await act(as.stationWindow, caseId, { action: "precheck", opinion: "报中心审查" })).json().status).toBe("under_review");
  });

  const cases = ROLE_LIST.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));

  it.each(cases)("$role at $relation: detail, list, abilities and the review step agree", async ({ role, relation }) => {
    const s = sessions.get(`${role}:${relation}`)!;
    const detail = await s.get(`/api/legal-aid/cases/${caseId}`);
    expect(detail.statusCode).toBe(sees(relation) ? 200 : 404);
    const listed = (await s.get("/api/legal-aid/cases?limit=100")).json().items.some((c: { id: string }) => c.id === caseId);
    expect(listed).toBe(sees(relation));
    // Under review and not yet reviewed: the center's reviewer reviews; the front desk and the center may send the one notice.
    const mayReview = sees(relation) && role === "reviewer";
    const mayNotify = sees(relation) && ["window", "operator", "reviewer"].includes(role);
    if (sees(relation)) {
      expect(detail.json().abilities).toMatchObject({ read: true, review: mayReview, decide: false, request_materials: mayNotify, grant_in_advance: mayReview, precheck: false, close: false });
    }
    // The step itself, sent without its hardship check: a 400 naming it where allowed (nothing changes), 403 or 404 elsewhere.
    const review = await act(s, caseId, { action: "review", opinion: "x" });
    expect(review.statusCode).toBe(!sees(relation) ? 404 : mayReview ? 400 : 403);
    if (mayReview) expect(review.json().field).toBe("hardshipCheck");
  });

  it("the justice bureau's leader decides objections at the center's county or above, nobody else", async () => {
    const refusedTicket = await legalAidTicket(as.stationWindow, tree.townships[0][0]);
    const id = (await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId: refusedTicket })).json().id;
    await act(as.stationWindow, id, { action: "precheck", opinion: "报中心审查" });
    await act(as.reviewer, id, { action: "review", opinion: "不符合", hardshipCheck: "data_sharing" });
    await act(as.reviewer, id, { action: "decide", decision: "refuse", reasons: "不属于法律援助范围" });
    await act(as.stationWindow, id, { action: "object", reason: "属于范围" });
    for (const role of ROLE_LIST) {
      for (const relation of RELATIONS) {
        const abilities = (await sessions.get(`${role}:${relation}`)!.get(`/api/legal-aid/cases/${id}`)).json().abilities;
        const expected = role === "leader" && (relation === "county" || relation === "city");
        if (sees(relation)) expect(abilities.decide_objection, `${role}:${relation}`).toBe(expected);
      }
    }
  });
});

describe("the audit log names a case by its ticket's number", () => {
  it("shows the case's entries with the number, never the applicant's name", async () => {
    await moveTo(START);
    const ticketId = await legalAidTicket(as.countyWindow, tree.counties[0]);
    const view = (await as.countyWindow.request("POST", "/api/legal-aid/cases", { ticketId })).json();
    const admin = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.counties[0]));
    const page = (await (await signIn(app, admin.username)).get("/api/audit?entityType=aid_case&limit=100")).json();
    const entry = page.items.find((e: { entityId: string }) => e.entityId === view.id);
    expect(JSON.stringify(entry)).toContain(`法律援助 ${view.ticket.number}`);
    expect(JSON.stringify(entry)).not.toContain("李四");
  });
});
