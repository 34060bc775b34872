/**
 * The committee management page's routes (docs/mediation.md, 调解委员会): a committee's
 * mediators (the mediator accounts of its region; a village committee's, its township's),
 * changing and taking a committee out of service — by the leaders and admins of its region
 * only, audited — and an inactive committee no longer offered for a dispute.
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
let tree: TestTree;
const as: Record<string, Session> = {};
const staff: Record<string, StaffActor> = {};
const committee: Record<string, string> = {};

async function person(name: string, roles: Role[], region: string) {
  staff[name] = await database.db.transaction((tx) => makeStaff(tx, roles, region));
  as[name] = await signIn(app, staff[name].username);
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, new Date("2026-11-20T10:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const [county, otherCounty] = tree.counties;
  const [township, siblingTownship] = tree.townships[0];
  await person("leader", ["leader"], county);
  await person("admin", ["admin"], county);
  await person("otherLeader", ["leader"], otherCounty);
  await person("window", ["window"], township);
  await person("townshipMediator", ["mediator"], township);
  await person("siblingMediator", ["mediator"], siblingTownship);
  await person("countyMediator", ["mediator"], county);
  await person("otherCountyMediator", ["mediator"], otherCounty);
  const create = async (key: string, body: Record<string, unknown>) => {
    const response = await as.leader.request("POST", "/api/mediation/committees", body);
    expect(response.statusCode, key).toBe(201);
    committee[key] = response.json().id;
  };
  await create("village", { name: "一村人民调解委员会", kind: "village", regionCode: tree.villages[0][0][0] });
  await create("township", { name: "测试乡人民调解委员会", kind: "township", regionCode: township });
  await create("sibling", { name: "邻乡人民调解委员会", kind: "township", regionCode: siblingTownship });
  await create("industry", { name: "县劳动争议人民调解委员会", kind: "industry", industry: "劳动争议", regionCode: county });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const mediatorsOf = async (session: Session, id: string) => {
  const response = await session.get(`/api/mediation/committees/${id}/mediators`);
  expect(response.statusCode).toBe(200);
  return (response.json().items as { id: string }[]).map((m) => m.id).sort();
};

describe("a committee's mediators", () => {
  it("a village committee's are its township's mediators; a county committee's, the county's", async () => {
    expect(await mediatorsOf(as.window, committee.village)).toEqual([staff.townshipMediator.id]);
    expect(await mediatorsOf(as.leader, committee.township)).toEqual([staff.townshipMediator.id]);
    const county = await mediatorsOf(as.countyMediator, committee.industry);
    expect(county).toEqual([staff.townshipMediator.id, staff.siblingMediator.id, staff.countyMediator.id].sort());
    expect(county).not.toContain(staff.otherCountyMediator.id);
  });

  it("staff only; an unknown committee is 404, a malformed id 400", async () => {
    const anonymous = await app.inject({ method: "GET", url: `/api/mediation/committees/${committee.village}/mediators` });
    expect(anonymous.statusCode).toBe(401);
    expect((await as.window.get("/api/mediation/committees/00000000-0000-4000-8000-000000000000/mediators")).statusCode).toBe(404);
    expect((await as.window.get("/api/mediation/committees/not-an-id/mediators")).statusCode).toBe(400);
  });
});

describe("who sees which committees (committeeScope, the same rule as read)", () => {
  const listed = async (session: Session, query = "") => {
    const response = await session.get(`/api/mediation/committees${query}`);
    expect(response.statusCode).toBe(200);
    return (response.json().items as { id: string }[]).map((c) => c.id).filter((id) => Object.values(committee).includes(id));
  };
  const names = (ids: string[]) => ids.map((id) => Object.entries(committee).find(([, v]) => v === id)![0]).sort();

  it("a township's staff see their township's, its villages' and the county's committees, never the next township's", async () => {
    expect(names(await listed(as.window))).toEqual(["industry", "township", "village"]);
    expect(names(await listed(as.townshipMediator))).toEqual(["industry", "township", "village"]);
    expect(names(await listed(as.siblingMediator))).toEqual(["industry", "sibling"]);
    // The county sees its whole subtree; another county none of it.
    expect(names(await listed(as.leader))).toEqual(["industry", "sibling", "township", "village"]);
    expect(await listed(as.otherLeader)).toEqual([]);
    expect(await listed(as.otherCountyMediator)).toEqual([]);
  });

  it("the detail (a committee's mediators) answers exactly for the committees listed", async () => {
    for (const [who, session] of Object.entries(as)) {
      const seen = new Set(await listed(session));
      for (const [key, id] of Object.entries(committee)) {
        const status = (await session.get(`/api/mediation/committees/${id}/mediators`)).statusCode;
        expect(status, `${who} → ${key}`).toBe(seen.has(id) ? 200 : 404);
      }
    }
  });

  it("asking for another township's villages offers only what is seen from here", async () => {
    expect(names(await listed(as.siblingMediator, `?forRegion=${tree.villages[0][0][0]}`))).toEqual(["industry"]);
    expect(names(await listed(as.window, `?forRegion=${tree.villages[0][0][0]}`))).toEqual(["industry", "township", "village"]);
  });
});

describe("appointing mediators by name (聘任, Art. 13)", () => {
  const appoint = (session: Session, accountId: string, id = committee.township) => session.request("POST", `/api/mediation/committees/${id}/mediators`, { accountId });
  const dismiss = (session: Session, accountId: string, id = committee.township) => session.request("DELETE", `/api/mediation/committees/${id}/mediators/${accountId}`);
  const membership = async (session: Session, id = committee.township) =>
    Object.fromEntries(((await session.get(`/api/mediation/committees/${id}/mediators`)).json().items as { id: string; membership: string }[]).map((m) => [m.id, m.membership]));

  it("the leaders and admins of the committee's region appoint a mediator from elsewhere in their scope; audited", async () => {
    const candidates = await as.leader.get(`/api/mediation/committees/${committee.township}/candidates`);
    expect(candidates.statusCode).toBe(200);
    const offered = (candidates.json().items as { id: string }[]).map((c) => c.id);
    expect(offered).toContain(staff.siblingMediator.id);
    expect(offered).not.toContain(staff.townshipMediator.id);
    expect(offered).not.toContain(staff.otherCountyMediator.id);

    expect((await appoint(as.window, staff.siblingMediator.id)).statusCode).toBe(403);
    expect((await appoint(as.townshipMediator, staff.siblingMediator.id)).statusCode).toBe(403);
    expect((await appoint(as.otherLeader, staff.siblingMediator.id)).statusCode).toBe(404);
    expect((await as.window.get(`/api/mediation/committees/${committee.township}/candidates`)).statusCode).toBe(403);

    const done = await appoint(as.leader, staff.siblingMediator.id);
    expect(done.statusCode, done.body).toBe(201);
    expect(await membership(as.window)).toEqual({ [staff.townshipMediator.id]: "region", [staff.siblingMediator.id]: "appointed" });
    // The village committee calls on its township's pool, not on the township committee's appointments.
    expect(Object.keys(await membership(as.window, committee.village))).toEqual([staff.townshipMediator.id]);
    const { rows } = await database.pool.query<{ action: string; detail: { accountId: string } }>(
      "select action, detail from audit_log where entity_type = 'mediation_committee' and entity_id = $1 and action = 'mediation_committee.appoint'",
      [committee.township],
    );
    expect(rows.map((r) => r.detail.accountId)).toEqual([staff.siblingMediator.id]);
  });

  it("an appointed mediator may be designated on the committee's case, and then sees it (Art. 19)", async () => {
    const ticket = await as.window.request("POST", "/api/tickets", {
      channel: "window", serviceType: "mediation", category: "房屋宅基地", regionCode: tree.townships[0][0],
      applicant: { name: "张三", phone: "13912345678" }, description: "邻居建房越界占用宅基地，申请调解",
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const opened = await as.window.request("POST", "/api/mediation/cases", { ticketId: ticket.json().id, committeeId: committee.township });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    expect((await as.siblingMediator.get(`/api/mediation/cases/${caseId}`)).statusCode).toBe(404);
    expect((await as.townshipMediator.request("POST", `/api/mediation/cases/${caseId}/actions`, { action: "accept" })).statusCode).toBe(200);
    const pool = (await as.townshipMediator.get(`/api/mediation/cases/${caseId}/mediators`)).json().items as { id: string; membership: string }[];
    expect(pool.find((m) => m.id === staff.siblingMediator.id)?.membership).toBe("appointed");
    const assigned = await as.townshipMediator.request("POST", `/api/mediation/cases/${caseId}/actions`, { action: "assign_mediators", mediatorIds: [staff.siblingMediator.id], isChosenByParties: false });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await as.siblingMediator.get(`/api/mediation/cases/${caseId}`)).statusCode).toBe(200);
  });

  it("400 names the field: not a mediator, outside the scope, not an id; 409 for one already its mediator", async () => {
    for (const accountId of [staff.window.id, staff.otherCountyMediator.id]) {
      const response = await appoint(as.leader, accountId);
      expect([response.statusCode, response.json().field]).toEqual([400, "accountId"]);
    }
    expect((await as.leader.request("POST", `/api/mediation/committees/${committee.township}/mediators`, { accountId: "nobody" })).statusCode).toBe(400);
    for (const accountId of [staff.townshipMediator.id, staff.siblingMediator.id]) {
      const response = await appoint(as.leader, accountId);
      expect([response.statusCode, response.json().field]).toEqual([409, "accountId"]);
    }
  });

  it("an appointment ends; a mediator by region is not taken off here", async () => {
    expect((await dismiss(as.window, staff.siblingMediator.id)).statusCode).toBe(403);
    const byRegion = await dismiss(as.leader, staff.townshipMediator.id);
    expect([byRegion.statusCode, byRegion.json().field]).toEqual([409, "accountId"]);
    const ended = await dismiss(as.admin, staff.siblingMediator.id);
    expect(ended.statusCode, ended.body).toBe(200);
    expect((ended.json().items as { id: string }[]).map((m) => m.id)).toEqual([staff.townshipMediator.id]);
    expect((await dismiss(as.admin, staff.siblingMediator.id)).statusCode).toBe(404);
    const { rows } = await database.pool.query<{ action: string }>(
      "select action from audit_log where entity_type = 'mediation_committee' and entity_id = $1 and action like 'mediation_committee.%' and action <> 'mediation_committee.create' order by seq",
      [committee.township],
    );
    expect(rows.map((r) => r.action)).toEqual(["mediation_committee.appoint", "mediation_committee.dismiss"]);
  });
});

describe("changing and deactivating a committee", () => {
  const body = { name: "测试乡人民调解委员会", kind: "township", regionCode: "" };

  it("only the leaders and admins of its region may; 400 names the field", async () => {
    const put = (session: Session, changes: Record<string, unknown>) =>
      session.request("PUT", `/api/mediation/committees/${committee.township}`, { ...body, regionCode: tree.townships[0][0], ...changes });
    expect((await put(as.window, { isActive: false })).statusCode).toBe(403);
    expect((await put(as.townshipMediator, { isActive: false })).statusCode).toBe(403);
    // Another county's leader does not even see the committee (policy engine: not found, not forbidden).
    expect((await put(as.otherLeader, { isActive: false })).statusCode).toBe(404);
    const wrongKind = await put(as.leader, { kind: "village" });
    expect([wrongKind.statusCode, wrongKind.json().field]).toEqual([400, "regionCode"]);
    const badKind = await put(as.leader, { kind: "club" });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().field).toBe("kind");
    const noName = await put(as.leader, { name: "  " });
    expect([noName.statusCode, noName.json().field]).toEqual([400, "name"]);
    expect((await put(as.admin, { name: "测试乡人民调解委员会（改）" })).statusCode).toBe(200);
  });

  it("an inactive committee is listed as such, not offered for a dispute, and the change is audited", async () => {
    const forVillage = async () => ((await as.window.get(`/api/mediation/committees?forRegion=${tree.villages[0][0][0]}`)).json().items as { id: string }[]).map((c) => c.id);
    expect(await forVillage()).toContain(committee.township);
    const off = await as.leader.request("PUT", `/api/mediation/committees/${committee.township}`, { ...body, regionCode: tree.townships[0][0], isActive: false });
    expect(off.statusCode).toBe(200);
    expect(await forVillage()).toEqual([committee.village, committee.industry]);
    const listed = ((await as.window.get("/api/mediation/committees")).json().items as { id: string; isActive: boolean; abilities: { save: boolean } }[]).find((c) => c.id === committee.township);
    expect(listed).toMatchObject({ isActive: false, abilities: { save: false } });
    const forLeader = ((await as.leader.get("/api/mediation/committees")).json().items as { id: string; abilities: { save: boolean } }[]).find((c) => c.id === committee.township);
    expect(forLeader?.abilities.save).toBe(true);
    const { rows } = await database.pool.query<{ action: string; detail: { isActive: boolean } }>(
      "select action, detail from audit_log where entity_type = 'mediation_committee' and entity_id = $1 and action in ('mediation_committee.create', 'mediation_committee.update') order by seq",
      [committee.township],
    );
    expect(rows.map((r) => [r.action, r.detail.isActive])).toEqual([
      ["mediation_committee.create", true],
      ["mediation_committee.update", true],
      ["mediation_committee.update", false],
    ]);
  });
});
