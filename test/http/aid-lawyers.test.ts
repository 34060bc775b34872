/**
 * The aid lawyer pool (issue 10, part 4; docs/legal-aid-pool.md): who manages a center's
 * pool from where, suspension and removal with reasons and history, the audit log, and
 * the legal aid case's assignment through the pool — the rotation's suggestion, the
 * applicant's choice (点援制), and the refusals (suspended; Art. 26 experience).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../helpers/http.ts";
import { staffWorld } from "../helpers/staff-world.ts";

// Wednesday 2 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-02T10:00:00+08:00");
const world = staffWorld(START);
const { as, staff, person } = world;

beforeAll(async () => {
  const [county, otherCounty] = world.tree.counties;
  const [township] = world.tree.townships[0];
  await person("reviewer", ["reviewer"], county);
  await person("leader", ["leader"], county);
  await person("cityAdmin", ["admin"], world.tree.city);
  await person("supervisor", ["supervisor"], county);
  await person("window", ["window"], county);
  await person("townshipReviewer", ["reviewer"], township);
  await person("otherReviewer", ["reviewer"], otherCounty);
  // Lawyers: a senior criminal defender, a junior one, a labour lawyer; one outside the pool.
  await person("senior", ["lawyer"], township);
  await person("junior", ["lawyer"], township);
  await person("labour", ["lawyer"], county);
  await person("outsider", ["lawyer"], county);
});

const approve = (session: Session, accountId: string, over: Record<string, unknown> = {}) =>
  session.request("POST", "/api/legal-aid/lawyers", { accountId, centerRegionCode: world.tree.counties[0], fields: ["criminal_defence"], practiceSince: "2015-03-01", ...over });

async function auditActions(id: string): Promise<string[]> {
  const { rows } = await world.database.pool.query<{ action: string }>("select action from audit_log where entity_type = 'aid_lawyer' and entity_id = $1 order by seq", [id]);
  return rows.map((r) => r.action);
}

const ids: Record<string, string> = {};

describe("managing a center's pool", () => {
  it("the center's reviewers, the county's leaders and admins above approve; others may not, outside the county it does not exist", async () => {
    for (const [who, status] of [["window", 404], ["supervisor", 403], ["otherReviewer", 404], ["townshipReviewer", 404], ["senior", 404]] as const) {
      expect((await approve(as[who], staff.senior.id)).statusCode, who).toBe(status);
    }
    const created = await approve(as.reviewer, staff.senior.id, { licenseNo: "15101200510000001" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ accountId: staff.senior.id, status: "approved", yearsOfPractice: 11, activeCases: 0, rating: null, center: { code: world.tree.counties[0] } });
    ids.senior = created.json().id;
    // A minute apart, so the rotation's last tie-breaker (the earlier approved) is what this test sees.
    world.clock.advance(60_000);
    const byLeader = await approve(as.leader, staff.junior.id, { practiceSince: "2024-06-01" });
    expect(byLeader.statusCode).toBe(201);
    expect(byLeader.json().yearsOfPractice).toBe(2);
    ids.junior = byLeader.json().id;
    world.clock.advance(60_000);
    const byAdmin = await approve(as.cityAdmin, staff.labour.id, { fields: ["labour", "contract"], practiceSince: "2012-01-01" });
    expect(byAdmin.statusCode).toBe(201);
    ids.labour = byAdmin.json().id;
    expect(await auditActions(ids.senior)).toEqual(["aid_lawyer.approve"]);
  });

  it("the candidates to approve are the county's lawyer accounts not in the pool, for its managers only", async () => {
    const candidates = await as.reviewer.get(`/api/legal-aid/lawyers/candidates?centerRegionCode=${world.tree.counties[0]}`);
    expect(candidates.json().items.map((c: { accountId: string }) => c.accountId)).toEqual([staff.outsider.id]);
    expect((await as.supervisor.get(`/api/legal-aid/lawyers/candidates?centerRegionCode=${world.tree.counties[0]}`)).statusCode).toBe(403);
    expect((await as.otherReviewer.get(`/api/legal-aid/lawyers/candidates?centerRegionCode=${world.tree.counties[0]}`)).statusCode).toBe(404);
  });

  it("bad input is a 400 naming the field; a lawyer already in the pool is a 409", async () => {
    const notLawyer = await approve(as.reviewer, staff.window.id);
    expect([notLawyer.statusCode, notLawyer.json().field]).toEqual([400, "accountId"]);
    const badField = await approve(as.reviewer, staff.outsider.id, { fields: ["astrology"] });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().field).toMatch(/^fields/);
    const future = await approve(as.reviewer, staff.outsider.id, { practiceSince: "2027-01-01" });
    expect([future.statusCode, future.json().field]).toEqual([400, "practiceSince"]);
    const noRegion = await approve(as.reviewer, staff.outsider.id, { centerRegionCode: "989999" });
    expect([noRegion.statusCode, noRegion.json().field]).toEqual([400, "centerRegionCode"]);
    expect((await approve(as.reviewer, staff.senior.id)).statusCode).toBe(409);
  });

  it("lists show the county's pool to its reviewers, leaders and supervisors only", async () => {
    for (const [who, count] of [["reviewer", 3], ["leader", 3], ["supervisor", 3], ["cityAdmin", 3], ["otherReviewer", 0], ["window", 0], ["senior", 0]] as const) {
      const list = await as[who].get("/api/legal-aid/lawyers");
      expect(list.statusCode, who).toBe(200);
      expect(list.json().total, who).toBe(count);
    }
    const criminal = (await as.reviewer.get("/api/legal-aid/lawyers?field=criminal_defence")).json();
    expect(criminal.items.map((l: { accountId: string }) => l.accountId).sort()).toEqual([staff.senior.id, staff.junior.id].sort());
    expect(criminal.items[0].abilities).toEqual({ read: true, manage: true });
    expect((await as.supervisor.get("/api/legal-aid/lawyers")).json().items[0].abilities).toEqual({ read: true, manage: false });
    expect((await as.otherReviewer.get(`/api/legal-aid/lawyers/${ids.senior}`)).statusCode).toBe(404);
  });

  it("changes, suspension, reinstatement and removal carry their reasons into the history and the audit log", async () => {
    const changed = await as.reviewer.request("PATCH", `/api/legal-aid/lawyers/${ids.labour}`, { fields: ["labour", "contract", "tort"] });
    expect(changed.json().fields).toEqual(["labour", "contract", "tort"]);
    expect((await as.supervisor.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "suspend", reason: "x" })).statusCode).toBe(403);
    const noReason = await as.reviewer.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "suspend" });
    expect([noReason.statusCode, noReason.json().field]).toEqual([400, "reason"]);
    const suspended = await as.reviewer.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "suspend", reason: "回访中受援人投诉，调查期间暂停指派" });
    expect(suspended.json()).toMatchObject({ status: "suspended", statusReason: "回访中受援人投诉，调查期间暂停指派" });
    expect((await as.reviewer.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "suspend", reason: "again" })).statusCode).toBe(409);
    const back = await as.leader.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "reinstate", reason: "投诉不实" });
    expect(back.json().status).toBe("approved");
    expect(back.json().history.map((h: { type: string; reason: string | null }) => [h.type, h.reason])).toEqual([
      ["approve", null],
      ["update", null],
      ["suspend", "回访中受援人投诉，调查期间暂停指派"],
      ["reinstate", "投诉不实"],
    ]);
    expect(back.json().history[2].actorName).toBe(staff.reviewer.displayName);
    expect(await auditActions(ids.labour)).toEqual(["aid_lawyer.approve", "aid_lawyer.update", "aid_lawyer.suspend", "aid_lawyer.reinstate"]);
  });
});

describe("a legal aid case assigned through the pool", () => {
  let caseId: string;

  it("reaches the assignment (a county application, reviewed and granted)", async () => {
    const ticket = await as.window.request("POST", "/api/tickets", {
      channel: "window", serviceType: "legal_aid", category: "劳动争议", regionCode: world.tree.townships[0][0],
      applicant: { name: "王五", phone: "13912345679" }, description: "家属为被告人申请法律援助辩护",
    });
    expect(ticket.statusCode).toBe(201);
    const opened = await as.window.request("POST", "/api/legal-aid/cases", { ticketId: ticket.json().id, stationRegionCode: null });
    // Intake opened it already: this answers with it.
    expect(opened.statusCode).toBe(200);
    caseId = opened.json().id;
    expect((await as.reviewer.request("POST", `/api/legal-aid/cases/${caseId}/actions`, { action: "review", opinion: "符合条件", hardshipCheck: "not_applicable" })).statusCode).toBe(200);
    expect((await as.reviewer.request("POST", `/api/legal-aid/cases/${caseId}/actions`, { action: "decide", decision: "grant" })).json().status).toBe("granted");
  });

  it("the case's pool puts the rotation's suggestion first and says who may not take a life-or-death case (Art. 26)", async () => {
    const plain = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}/lawyers?field=criminal_defence`)).json().items;
    // Both criminal lawyers are idle; the earlier approved is next. The labour lawyer comes after them.
    expect(plain.map((l: { id: string }) => l.id)).toEqual([staff.senior.id, staff.junior.id, staff.labour.id]);
    expect(plain.map((l: { isSuggested: boolean }) => l.isSuggested)).toEqual([true, false, false]);
    expect(plain.map((l: { id: string }) => l.id)).not.toContain(staff.outsider.id);
    const grave = (await as.reviewer.get(`/api/legal-aid/cases/${caseId}/lawyers?isLifeOrDeathCase=true`)).json().items;
    expect(grave[0]).toMatchObject({ id: staff.senior.id, isSuggested: true, refusal: null, yearsOfPractice: 11 });
    expect(grave.find((l: { id: string }) => l.id === staff.junior.id).refusal).toContain("Art. 26");
    // What the case page's picker shows: the rotation's mark, each lawyer's fields and workload, and the refusal as its article.
    expect(grave[0]).toMatchObject({ fields: expect.arrayContaining(["criminal_defence"]), activeCases: 0, refusalRule: null });
    expect(grave.find((l: { id: string }) => l.id === staff.junior.id)).toMatchObject({
      isSuggested: false,
      refusalRule: { reason: "experience", rule: { key: "life_or_death_experience", lawTitle: "中华人民共和国法律援助法", articleNo: "第二十六条" }, minYears: 3 },
    });
    expect(grave.filter((l: { isSuggested: boolean }) => l.isSuggested)).toHaveLength(1);
    expect(plain.every((l: { refusalRule: unknown }) => l.refusalRule === null)).toBe(true);
    const suggestion = await as.reviewer.get(`/api/legal-aid/lawyers/suggestion?centerRegionCode=${world.tree.counties[0]}&isLifeOrDeathCase=true`);
    expect(suggestion.json().lawyer.accountId).toBe(staff.senior.id);
    expect((await as.otherReviewer.get(`/api/legal-aid/lawyers/suggestion?centerRegionCode=${world.tree.counties[0]}`)).statusCode).toBe(404);
  });

  it("refuses a choice outside the pool, a suspended lawyer, and a junior lawyer for a life-or-death case, naming the article", async () => {
    const assign = (body: Record<string, unknown>) => as.reviewer.request("POST", `/api/legal-aid/cases/${caseId}/actions`, { action: "assign_lawyer", ...body });
    const outside = await assign({ lawyerId: staff.outsider.id, isChosenByApplicant: true });
    expect([outside.statusCode, outside.json().field]).toEqual([400, "lawyerId"]);
    await as.reviewer.request("POST", `/api/legal-aid/lawyers/${ids.labour}/status`, { action: "suspend", reason: "年度考核不合格" });
    const suspended = await assign({ lawyerId: staff.labour.id });
    expect(suspended.statusCode).toBe(400);
    expect(suspended.json()).toMatchObject({ field: "lawyerId", reason: "suspended" });
    const junior = await assign({ lawyerId: staff.junior.id, isChosenByApplicant: true, isLifeOrDeathCase: true });
    expect(junior.statusCode).toBe(400);
    expect(junior.json()).toMatchObject({ field: "lawyerId", reason: "experience", rule: { articleNo: "第二十六条", lawTitle: "中华人民共和国法律援助法" } });
    expect(junior.json().message).toContain("第二十六条");
    // Nothing was assigned.
    expect((await as.reviewer.get(`/api/legal-aid/cases/${caseId}`)).json().status).toBe("granted");
  });

  it("assigns the applicant's eligible choice; the workload and the rotation move on", async () => {
    const chosen = await as.reviewer.request("POST", `/api/legal-aid/cases/${caseId}/actions`, { action: "assign_lawyer", lawyerId: staff.senior.id, isChosenByApplicant: true, isLifeOrDeathCase: true });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().state.lawyer).toMatchObject({ id: staff.senior.id, isChosenByApplicant: true });
    const entry = (await as.reviewer.get(`/api/legal-aid/lawyers/${ids.senior}`)).json();
    expect(entry).toMatchObject({ activeCases: 1, lastAssignedAt: world.clock.now().toISOString() });
    // The senior lawyer now carries a case: the junior one is next for an ordinary criminal matter.
    const next = await as.reviewer.get(`/api/legal-aid/lawyers/suggestion?centerRegionCode=${world.tree.counties[0]}&field=criminal_defence`);
    expect(next.json().lawyer.accountId).toBe(staff.junior.id);
  });

  it("a removed lawyer leaves the case's pool and can be approved again on the same entry", async () => {
    const removed = await as.reviewer.request("POST", `/api/legal-aid/lawyers/${ids.junior}/status`, { action: "remove", reason: "注销执业证" });
    expect(removed.json().status).toBe("removed");
    expect((await as.reviewer.request("PATCH", `/api/legal-aid/lawyers/${ids.junior}`, { practiceSince: "2020-01-01" })).statusCode).toBe(409);
    expect((await as.reviewer.get("/api/legal-aid/lawyers/suggestion?centerRegionCode=" + world.tree.counties[0] + "&field=criminal_defence")).json().lawyer.accountId).toBe(staff.senior.id);
    const again = await approve(as.reviewer, staff.junior.id, { practiceSince: "2024-06-01", reason: "重新取得执业证" });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(ids.junior);
    expect(again.json().history.map((h: { type: string }) => h.type)).toEqual(["approve", "remove", "approve"]);
  });
});
