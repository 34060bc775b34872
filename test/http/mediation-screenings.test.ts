/**
 * The dispute screening ledger (矛盾纠纷排查, issue 10 part 7; docs/mediation.md): villages and
 * townships report each period, nothing found or the disputes found; the overview flags
 * the regions without a report after the due day; who may report and see where.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { findScreeningStatus } from "../../src/server/modules/mediation/queries/find-screenings.ts";
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
  await person("villageAdvisor", ["advisor"], tree.villages[0][0][0]);
  await person("mediatorA", ["mediator"], tree.townships[0][0]);
  await person("mediatorB", ["mediator"], tree.townships[0][1]);
  await person("countyLeader", ["leader"], tree.counties[0]);
  await person("otherLeader", ["leader"], tree.counties[1]);
  await person("supervisor", ["supervisor"], tree.counties[0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const report = (session: Session, body: Record<string, unknown>) => session.request("POST", "/api/mediation/screenings", body);

describe("reporting", () => {
  it("a village reports the disputes found this month; a township reports nothing found", async () => {
    const found = await report(as.villageAdvisor, {
      regionCode: tree.villages[0][0][0], isNothingFound: false,
      items: [{ category: "山林土地", partiesCount: 12, riskLevel: "high", summary: "两组村民因林地界线争执" }, { category: "邻里", partiesCount: 2, riskLevel: "low", summary: "排水纠纷" }],
    });
    expect(found.statusCode).toBe(201);
    expect(found.json()).toMatchObject({ period: "2026-11", disputeCount: 2, highRiskCount: 1, isNothingFound: false });
    const nothing = await report(as.mediatorA, { regionCode: tree.townships[0][0], isNothingFound: true });
    expect(nothing.json()).toMatchObject({ period: "2026-11", disputeCount: 0, isNothingFound: true });
    // Reporting again corrects the period's report.
    const corrected = await report(as.villageAdvisor, { regionCode: tree.villages[0][0][0], isNothingFound: false, items: [{ category: "邻里", partiesCount: 2, riskLevel: "medium", summary: "排水纠纷" }] });
    expect(corrected.json()).toMatchObject({ id: found.json().id, disputeCount: 1, highRiskCount: 0 });
    const { rows } = await database.pool.query<{ action: string }>("select action from audit_log where entity_type = 'dispute_screening' and entity_id = $1 order by seq", [found.json().id]);
    expect(rows.map((r) => r.action)).toEqual(["dispute_screening.report", "dispute_screening.correct"]);
  });

  it.each([
    ["a category not in the list", { isNothingFound: false, items: [{ category: "打架", partiesCount: 2, riskLevel: "low", summary: "x" }] }, "items/0/category"],
    ["disputes with nothing found", { isNothingFound: true, items: [{ category: "邻里", partiesCount: 2, riskLevel: "low", summary: "x" }] }, "items"],
    ["no disputes and not nothing found", { isNothingFound: false }, "items"],
    ["a risk level not in the list", { isNothingFound: false, items: [{ category: "邻里", partiesCount: 2, riskLevel: "severe", summary: "x" }] }, "items/0/riskLevel"],
    ["a period not begun", { isNothingFound: true, period: "2026-12" }, "period"],
    ["a quarter where months are set", { isNothingFound: true, period: "2026-Q4" }, "period"],
  ])("refuses %s, naming the field", async (_name, body, field) => {
    const response = await report(as.villageAdvisor, { regionCode: tree.villages[0][0][0], ...body });
    expect(response.statusCode).toBe(400);
    expect(String(response.json().field)).toContain(field.split("/").pop());
  });

  it("reports only for one's own village or township, and only a village or a township", async () => {
    expect((await report(as.mediatorB, { regionCode: tree.townships[0][0], isNothingFound: true })).statusCode).toBe(404);
    expect((await report(as.villageAdvisor, { regionCode: tree.villages[0][0][1], isNothingFound: true })).statusCode).toBe(404);
    expect((await report(as.supervisor, { regionCode: tree.townships[0][0], isNothingFound: true })).statusCode).toBe(403);
    const county = await report(as.countyLeader, { regionCode: tree.counties[0], isNothingFound: true });
    expect(county.statusCode).toBe(403);
  });
});

describe("the overview and overdue reports", () => {
  it("before the due day nobody is overdue; after it, the regions without a report are", async () => {
    const before = (await as.countyLeader.get("/api/mediation/screenings/status")).json();
    // The county's 2 townships and 4 villages report.
    expect(before.items).toHaveLength(6);
    expect(before).toMatchObject({ overdue: 0, reported: 2 });
    await moveTo(new Date("2026-11-26T08:00:00+08:00"));
    const after = (await as.countyLeader.get("/api/mediation/screenings/status")).json();
    expect(after).toMatchObject({ overdue: 4, reported: 2 });
    const overdue = (await as.countyLeader.get("/api/mediation/screenings/status?isOverdueOnly=true")).json().items.map((s: { region: { code: string } }) => s.region.code);
    expect(overdue.sort()).toEqual([tree.townships[0][1], tree.villages[0][0][1], tree.villages[0][1][0], tree.villages[0][1][1]].sort());
    expect(after.items.find((s: { region: { code: string } }) => s.region.code === tree.townships[0][0])).toMatchObject({ period: "2026-11", dueAt: "2026-11-25T16:00:00.000Z", isOverdue: false, report: { isNothingFound: true } });
    // A township mediator sees its own subtree only; another county is not in scope.
    const mine = (await as.mediatorB.get("/api/mediation/screenings/status")).json().items.map((s: { region: { code: string } }) => s.region.code);
    expect(mine.sort()).toEqual([tree.townships[0][1], ...tree.villages[0][1]].sort());
    expect((await as.otherLeader.get(`/api/mediation/screenings/status?regionCode=${tree.counties[0]}`)).statusCode).toBe(404);
    // The same query, for the command center.
    const status = await findScreeningStatus(database.db, (await database.pool.query<{ path: string }>("select path from regions where code = $1", [tree.counties[0]])).rows[0].path, new Date("2026-11-26T08:00:00+08:00"));
    expect(status.filter((s) => s.isOverdue)).toHaveLength(4);
  });

  it("the bureau sets a quarterly schedule; the periods and the due day follow it", async () => {
    const set = (session: Session, body: Record<string, unknown>) => session.request("PUT", "/api/mediation/screenings/schedule", body);
    expect((await set(as.mediatorA, { regionCode: tree.counties[0], periodKind: "quarterly", dueDay: 20 })).statusCode).toBe(404);
    expect((await set(as.supervisor, { regionCode: tree.counties[0], periodKind: "quarterly", dueDay: 20 })).statusCode).toBe(403);
    const bad = await set(as.countyLeader, { regionCode: tree.counties[0], periodKind: "quarterly", dueDay: 31 });
    expect([bad.statusCode, bad.json().field]).toEqual([400, "dueDay"]);
    expect((await set(as.countyLeader, { regionCode: tree.counties[0], periodKind: "quarterly", dueDay: 20 })).statusCode).toBe(204);
    expect((await as.villageAdvisor.get("/api/mediation/screenings/schedule")).json()).toEqual({ periodKind: "quarterly", dueDay: 20, setAt: tree.counties[0] });
    const status = (await as.countyLeader.get("/api/mediation/screenings/status")).json();
    // Q4 is due on 20 December: the November reports do not count for it, and nobody is overdue yet.
    expect(status).toMatchObject({ overdue: 0, reported: 0 });
    expect(status.items[0]).toMatchObject({ periodKind: "quarterly", period: "2026-Q4", dueAt: "2026-12-20T16:00:00.000Z" });
    expect((await report(as.villageAdvisor, { regionCode: tree.villages[0][0][0], isNothingFound: true })).json().period).toBe("2026-Q4");
  });

  it("lists the reports in scope", async () => {
    const all = (await as.countyLeader.get("/api/mediation/screenings")).json();
    expect(all.total).toBe(3);
    const b = (await as.mediatorB.get("/api/mediation/screenings")).json();
    expect(b.total).toBe(0);
    const november = (await as.countyLeader.get("/api/mediation/screenings?period=2026-11")).json();
    expect(november.items.map((s: { region: { code: string } }) => s.region.code).sort()).toEqual([tree.townships[0][0], tree.villages[0][0][0]].sort());
  });
});
