/**
 * Dispatch over HTTP: the suggestion and who may see it, auto-dispatch on and off,
 * the per-service settings and the working-day calendar (admin only, validated,
 * audited), the materials checklist on a ticket, and the accounts' dispatch fields.
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
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");

const dispute = (overrides: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "mediation",
  category: "邻里",
  regionCode: tree.villages[0][0][0],
  applicant: { name: "扎西" },
  description: "邻居修房占了我家的路",
  language: "bo",
  ...overrides,
});

const create = async (overrides: Record<string, unknown> = {}) => {
  const response = await s.window.request("POST", "/api/tickets", dispute(overrides));
  expect(response.statusCode).toBe(201);
  return response.json();
};

const auditCount = async (action: string) =>
  Number((await database.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`)).rows[0].n);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    ids[key] = actor.id;
    s[key] = await signIn(app, actor.username);
  };
  await make("admin", ["admin"], tree.city);
  await make("rootAdmin", ["admin"], tree.province);
  await make("window", ["window"], tree.counties[0]);
  await make("townDispatcher", ["dispatcher"], tree.townships[0][0]);
  await make("otherTownDispatcher", ["dispatcher"], tree.townships[0][1]);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("mediator", ["mediator"], tree.townships[0][0]);
  await make("busyMediator", ["mediator"], tree.townships[0][0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("accounts carry what dispatch weighs", () => {
  it("an admin sets skills and languages; the account view shows them (on duty is the roster's, not the account's)", async () => {
    const response = await s.admin.request("PATCH", `/api/accounts/${ids.mediator}`, { skills: ["邻里", "婚姻家庭"], languages: ["zh", "bo"] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ skills: ["邻里", "婚姻家庭"], languages: ["zh", "bo"] });
    const fresh = (await s.admin.get(`/api/accounts/${ids.busyMediator}`)).json();
    expect(fresh).toMatchObject({ skills: [], languages: ["zh"] });
    expect(fresh).not.toHaveProperty("isOnDuty");
  });

  it.each([
    [{ skills: ["星际纠纷"] }, "skills[0]"],
    [{ languages: ["fr"] }, "languages[0]"],
    [{ languages: [] }, "languages"],
    // The per-account switch is gone (docs/hotline-roster.md): shifts on the duty roster say who is on duty.
    [{ isOnDuty: false }, "isOnDuty"],
  ])("refuses %j naming %s", async (body, field) => {
    const response = await s.admin.request("PATCH", `/api/accounts/${ids.mediator}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });
});

describe("the dispatch suggestion", () => {
  let ticketId: string;
  beforeAll(async () => {
    ticketId = (await create()).id;
  });

  it("a dispatcher in scope gets the unit, the person and why", async () => {
    const response = await s.townDispatcher.get(`/api/tickets/${ticketId}/dispatch-suggestion`);
    expect(response.statusCode).toBe(200);
    const suggestion = response.json();
    expect(suggestion).toMatchObject({
      unit: { code: tree.townships[0][0], level: "township" },
      unitKind: "mediation_committee",
      assignee: { id: ids.mediator },
      isClimbed: true,
      canAssign: true,
    });
    expect(suggestion.reason).toMatch(/^邻里纠纷由.+人民调解委员会调解（.+无调解员，上溯至.+）；.+在岗、擅长邻里、会讲藏语、当前在办 0 件$/);
    expect(suggestion.candidates.map((c: { id: string }) => c.id)).toEqual([ids.mediator, ids.busyMediator]);
    expect(suggestion.candidates[1]).toMatchObject({ skillMatch: false, languageMatch: false, isOnDuty: true, load: 0 });
  });

  it("a dispatcher of another township does not learn the ticket exists (404)", async () => {
    expect((await s.otherTownDispatcher.get(`/api/tickets/${ticketId}/dispatch-suggestion`)).statusCode).toBe(404);
  });

  it("a lawyer who can see the ticket may not dispatch it (403)", async () => {
    expect((await s.lawyer.get(`/api/tickets/${ticketId}`)).statusCode).toBe(200);
    expect((await s.lawyer.get(`/api/tickets/${ticketId}/dispatch-suggestion`)).statusCode).toBe(403);
  });

  it("anonymous callers are refused; an unknown ticket is a 404", async () => {
    expect((await app.inject({ method: "GET", url: `/api/tickets/${ticketId}/dispatch-suggestion` })).statusCode).toBe(401);
    expect((await s.townDispatcher.get("/api/tickets/00000000-0000-4000-8000-000000000000/dispatch-suggestion")).statusCode).toBe(404);
  });

  it("the dispatcher accepts it with the ordinary assign action", async () => {
    const suggestion = (await s.townDispatcher.get(`/api/tickets/${ticketId}/dispatch-suggestion`)).json();
    expect((await s.window.request("POST", `/api/tickets/${ticketId}/actions`, { action: "accept" })).statusCode).toBe(200);
    const assigned = await s.townDispatcher.request("POST", `/api/tickets/${ticketId}/actions`, { action: "assign", unitRegionCode: suggestion.unit.code, assigneeId: suggestion.assignee.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: "assigned", assignee: { id: ids.mediator } });
  });

  it("load counts: the next suggestion weighs the ticket just assigned", async () => {
    const next = await create({ category: "合同", language: "zh" });
    const suggestion = (await s.townDispatcher.get(`/api/tickets/${next.id}/dispatch-suggestion`)).json();
    // Neither handles 合同 and both speak Mandarin: the lighter load wins.
    expect(suggestion.assignee.id).toBe(ids.busyMediator);
    expect(suggestion.candidates.find((c: { id: string }) => c.id === ids.mediator).load).toBe(1);
  });
});

describe("auto-dispatch per service type", () => {
  const settingsOf = async (serviceType: string) => (await s.admin.get("/api/settings/services")).json().items.find((i: { serviceType: string }) => i.serviceType === serviceType);
  const setAuto = async (serviceType: string, isAutoDispatch: boolean) => {
    const { checklist, deadlines } = await settingsOf(serviceType);
    const response = await s.admin.request("PUT", `/api/settings/services/${serviceType}`, { checklist, deadlines, isAutoDispatch });
    expect(response.statusCode).toBe(200);
  };

  it("off (the default): a new ticket waits for the dispatcher", async () => {
    expect((await settingsOf("mediation")).isAutoDispatch).toBe(false);
    expect((await create()).status).toBe("submitted");
  });

  it("on: a new ticket is accepted and assigned by the system, with the reason on the trail", async () => {
    await setAuto("mediation", true);
    const ticket = await create();
    expect(ticket).toMatchObject({ status: "assigned", unit: { code: tree.townships[0][0] }, assignee: { id: ids.mediator } });
    const audit = (await s.townDispatcher.get(`/api/tickets/${ticket.id}/audit`)).json();
    expect(audit.verified).toBe(true);
    const steps = audit.events.filter((e: { type: string }) => e.type.startsWith("action."));
    expect(steps.map((e: { type: string }) => e.type)).toEqual(["action.accept", "action.assign"]);
    for (const step of steps) {
      expect(step).toMatchObject({ actorKind: "system", actorId: null, actorName: "auto-dispatch", data: { auto: true } });
      expect(step.data.reason).toContain("人民调解委员会调解");
    }
    expect(steps[1].data).toMatchObject({ unit: { code: tree.townships[0][0] }, assignee: { id: ids.mediator } });
    // The accept deadline is met by the automatic accept.
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "accept").state).toBe("met");
  });

  it("on, but nobody anywhere can take it: the ticket is left for the dispatcher", async () => {
    await setAuto("legal_aid", true);
    const ticket = await create({ serviceType: "legal_aid", category: "劳动争议" });
    // Auto-dispatch found nobody and did nothing (no automatic step on the trail); the legal aid case the
    // intake opened took the ticket in and handed it to its center, as its own step (legal-aid-intake.test.ts).
    const trail = (await s.admin.get(`/api/tickets/${ticket.id}/audit`)).json().events as { type: string; data: Record<string, unknown> }[];
    expect(trail.filter((e) => e.data.auto === true)).toEqual([]);
    expect(trail.filter((e) => e.type.startsWith("action.")).every((e) => e.data.authorizedBy === "aid_case.opened")).toBe(true);
    await setAuto("legal_aid", false);
  });

  it("off again: back to waiting", async () => {
    await setAuto("mediation", false);
    expect((await create()).status).toBe("submitted");
  });
});

describe("service settings", () => {
  const valid = {
    checklist: [{ key: "id_card", name: "身份证明", isRequired: true }, { key: "evidence", name: "证据材料", isRequired: false }],
    deadlines: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 10, unit: "working_days" }],
    isAutoDispatch: false,
  };

  it("every staff member reads them (the intake form shows the checklist)", async () => {
    const response = await s.lawyer.get("/api/settings/services");
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(10);
    expect(response.json().abilities.update).toBe(false);
    expect(response.json().items.find((i: { serviceType: string }) => i.serviceType === "legal_aid").checklist.map((c: { key: string }) => c.key)).toContain("hardship_declaration");
  });

  it("only an admin changes them", async () => {
    expect((await s.townDispatcher.request("PUT", "/api/settings/services/consultation", valid)).statusCode).toBe(403);
    expect((await s.lawyer.request("PUT", "/api/settings/services/consultation", valid)).statusCode).toBe(403);
  });

  it.each([
    ["/api/settings/services/haircut", valid, "serviceType"],
    ["/api/settings/services/consultation", { ...valid, checklist: [...valid.checklist, { key: "id_card", name: "又一个", isRequired: false }] }, "checklist[2].key"],
    ["/api/settings/services/consultation", { ...valid, checklist: [{ key: "身份证", name: "x", isRequired: true }] }, "checklist[0].key"],
    ["/api/settings/services/consultation", { ...valid, deadlines: [{ step: "accept", amount: 0, unit: "hours" }] }, "deadlines[0].amount"],
    ["/api/settings/services/consultation", { ...valid, deadlines: [{ step: "triage", amount: 1, unit: "hours" }] }, "deadlines[0].step"],
    ["/api/settings/services/consultation", { ...valid, deadlines: [{ step: "resolve", amount: 2, unit: "working_days" }, { step: "accept", amount: 3, unit: "working_days" }] }, "deadlines[1].amount"],
    ["/api/settings/services/consultation", { ...valid, colour: "red" }, "colour"],
    ["/api/settings/services/consultation", { checklist: [], deadlines: [] }, "isAutoDispatch"],
  ])("PUT %s refuses a bad body naming %s", async (url, body, field) => {
    const response = await s.admin.request("PUT", url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("an admin's change is audited and applies to new tickets", async () => {
    const before = await auditCount("settings.service_update");
    const response = await s.admin.request("PUT", "/api/settings/services/consultation", valid);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ serviceType: "consultation", checklist: valid.checklist, deadlines: valid.deadlines, isAutoDispatch: false });
    expect(await auditCount("settings.service_update")).toBe(before + 1);
    const ticket = await create({ serviceType: "consultation", category: "合同" });
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "resolve").amount).toBe(10);
    expect(ticket.materials.map((m: { key: string }) => m.key)).toEqual(["id_card", "evidence"]);
  });
});

describe("materials handed in", () => {
  let ticketId: string;
  beforeAll(async () => {
    ticketId = (await create()).id;
  });

  it("window records them; the ticket shows which are in and the trail says so", async () => {
    const response = await s.window.request("PATCH", `/api/tickets/${ticketId}/materials`, { materialsProvided: ["id_card", "dispute_facts"] });
    expect(response.statusCode).toBe(200);
    const provided = response.json().materials.filter((m: { isProvided: boolean }) => m.isProvided).map((m: { key: string }) => m.key);
    expect(provided).toEqual(["id_card", "dispute_facts"]);
    const audit = (await s.window.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.events.at(-1)).toMatchObject({ type: "ticket.materials_updated", data: { added: ["id_card", "dispute_facts"], removed: [] } });
  });

  it("a key not on the checklist is refused, naming it", async () => {
    const response = await s.window.request("PATCH", `/api/tickets/${ticketId}/materials`, { materialsProvided: ["id_card", "passport"] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "materialsProvided[1]" });
  });

  it("out of scope is a 404; in scope without the right is a 403", async () => {
    expect((await s.otherTownDispatcher.request("PATCH", `/api/tickets/${ticketId}/materials`, { materialsProvided: [] })).statusCode).toBe(404);
    expect((await s.admin.request("PATCH", `/api/tickets/${ticketId}/materials`, { materialsProvided: [] })).statusCode).toBe(403);
  });
});

describe("the working-day calendar", () => {
  it("every staff member reads it", async () => {
    const response = await s.lawyer.get("/api/calendar");
    expect(response.statusCode).toBe(200);
    expect(response.json().years.map((y: { year: string }) => y.year)).toEqual(expect.arrayContaining(["2025", "2026"]));
  });

  it("only an admin at a root node changes the national arrangement", async () => {
    expect((await s.window.request("PUT", "/api/calendar/2027", { off: [], work: [] })).statusCode).toBe(403);
    // A city admin would change every other city's calendar.
    expect((await s.admin.request("PUT", "/api/calendar/2027", { off: [], work: [] })).statusCode).toBe(403);
  });

  it.each([
    ["2027", { off: [{ name: "元旦", from: "2026-12-31", to: "2027-01-01" }], work: [] }, "off[0].from"],
    ["2027", { off: [{ name: "春节", from: "2027-02-10", to: "2027-02-05" }], work: [] }, "off[0].to"],
    ["2027", { off: [{ name: "春节", from: "2027-02-30", to: "2027-02-31" }], work: [] }, "off[0].from"],
    ["2027", { off: [], work: ["2027-01-06"] }, "work[0]"],
    // Named in the order sent (the dates are stored sorted): Saturday 9th is fine, Wednesday 6th is not.
    ["2027", { off: [], work: ["2027-01-09", "2027-01-06"] }, "work[1]"],
    ["2027", { off: [{ name: "", from: "2027-01-01", to: "2027-01-01" }], work: [] }, "off[0].name"],
    ["27", { off: [], work: [] }, "year"],
  ])("PUT /api/calendar/%s refuses %j naming %s", async (year, body, field) => {
    const response = await s.rootAdmin.request("PUT", `/api/calendar/${year}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("an admin's change is audited and moves the deadlines of new tickets", async () => {
    const year = (await s.admin.get("/api/calendar")).json().years.find((y: { year: string }) => y.year === "2026");
    const before = await auditCount("calendar.update");
    // Monday 23 November 2026 becomes a holiday: accepting a Friday request is due Tuesday.
    const response = await s.rootAdmin.request("PUT", "/api/calendar/2026", { off: [...year.off, { name: "测试假日", from: "2026-11-23", to: "2026-11-23" }], work: year.work, source: year.source });
    expect(response.statusCode).toBe(200);
    expect(response.json().off.at(-1)).toEqual({ name: "测试假日", from: "2026-11-23", to: "2026-11-23" });
    expect(await auditCount("calendar.update")).toBe(before + 1);
    const ticket = await create({ serviceType: "consultation", category: "合同" });
    expect(ticket.deadlines.find((d: { step: string }) => d.step === "accept").dueAt).toBe("2026-11-24T16:00:00.000Z");
  });
});
