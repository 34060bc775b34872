/**
 * The permission matrix of the ticket routes: every role × the actor's region
 * relative to the ticket's (own node, ancestor, descendant, sibling). Actions are
 * chosen so that an authorized actor meets the state machine (409) rather than
 * changing the ticket, which keeps every case independent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { ROLES, type Role } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

type Relation = "own" | "ancestor" | "descendant" | "sibling";
const RELATIONS: Relation[] = ["own", "ancestor", "descendant", "sibling"];
const sees = (relation: Relation) => relation === "own" || relation === "ancestor";
const cases = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
let ticketId: string;
const sessions = new Map<string, Session>();
const session = (role: Role, relation: Relation) => sessions.get(`${role}:${relation}`)!;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, new Date("2026-11-18T10:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const township = tree.townships[0][0];
  const regionOf: Record<Relation, string> = { own: township, ancestor: tree.counties[0], descendant: tree.villages[0][0][0], sibling: tree.townships[0][1] };
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const actor = await database.db.transaction((tx) => makeStaff(tx, [role], regionOf[relation]));
      sessions.set(`${role}:${relation}`, await signIn(app, actor.username));
    }
  }
  // A ticket about the township, handled by the township's own mediator.
  const window = session("window", "own");
  ticketId = (await window.request("POST", "/api/tickets", {
    channel: "window", serviceType: "mediation", category: "邻里", regionCode: township,
    applicant: { name: "赵六", phone: "13912345678" }, description: "邻里排水纠纷",
  })).json().id;
  await window.request("POST", `/api/tickets/${ticketId}/actions`, { action: "accept" });
  const mediator = await database.db.transaction((tx) => makeStaff(tx, ["mediator"], township));
  const assigned = await session("dispatcher", "own").request("POST", `/api/tickets/${ticketId}/actions`, { action: "assign", unitRegionCode: township, assigneeId: mediator.id });
  expect(assigned.statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("reading", () => {
  it.each(cases)("$role at $relation: detail, list and audit agree", async ({ role, relation }) => {
    const s = session(role, relation);
    expect((await s.get(`/api/tickets/${ticketId}`)).statusCode).toBe(sees(relation) ? 200 : 404);
    expect((await s.get(`/api/tickets/${ticketId}/audit`)).statusCode).toBe(sees(relation) ? 200 : 404);
    const listed = (await s.get("/api/tickets?limit=200")).json().items.some((t: { id: string }) => t.id === ticketId);
    expect(listed).toBe(sees(relation));
  });
});

describe("acting", () => {
  const expectFor = (allowed: boolean, relation: Relation, allowedStatus: number) => (!sees(relation) ? 404 : allowed ? allowedStatus : 403);

  it.each(cases)("$role at $relation: accept (front desk roles meet the state machine)", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/tickets/${ticketId}/actions`, { action: "accept" });
    expect(response.statusCode).toBe(expectFor(["window", "operator", "dispatcher", "admin"].includes(role), relation, 409));
  });

  it.each(cases)("$role at $relation: archive (dispatchers and admins meet the state machine)", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/tickets/${ticketId}/actions`, { action: "archive" });
    expect(response.statusCode).toBe(expectFor(["dispatcher", "admin"].includes(role), relation, 409));
  });

  it.each(cases)("$role at $relation: follow_up before resolution", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/tickets/${ticketId}/actions`, { action: "follow_up", outcome: "x" });
    expect(response.statusCode).toBe(expectFor(["operator", "supervisor", "dispatcher"].includes(role), relation, 409));
  });

  it.each(cases)("$role at $relation: dispatch suggestion", async ({ role, relation }) => {
    const response = await session(role, relation).get(`/api/tickets/${ticketId}/dispatch-suggestion`);
    expect(response.statusCode).toBe(expectFor(role === "dispatcher", relation, 200));
  });

  it.each(cases)("$role at $relation: approve an extension", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/tickets/${ticketId}/extensions`, { step: "resolve", amount: 1, unit: "hours", reason: "当事人出差" });
    expect(response.statusCode).toBe(expectFor(["dispatcher", "supervisor"].includes(role), relation, 200));
  });

  it.each(cases)("$role at $relation: issue a supervision order", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/tickets/${ticketId}/supervision`, { reason: "请加快办理", dueAt: "2026-11-25T10:00:00+08:00" });
    expect(response.statusCode).toBe(expectFor(role === "supervisor", relation, 201));
  });

  it("an approved extension moves the deadline and is on the trail", async () => {
    const before = (await session("dispatcher", "own").get(`/api/tickets/${ticketId}`)).json().deadlines.find((d: { step: string }) => d.step === "resolve").dueAt;
    const after = (await session("dispatcher", "own").request("POST", `/api/tickets/${ticketId}/extensions`, { step: "resolve", amount: 2, unit: "hours", reason: "补充证据" })).json();
    const due = after.deadlines.find((d: { step: string }) => d.step === "resolve").dueAt;
    expect(new Date(due).getTime() - new Date(before).getTime()).toBe(2 * 3_600_000);
    const audit = (await session("dispatcher", "own").get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.verified).toBe(true);
    expect(audit.events.at(-1)).toMatchObject({ type: "deadline.extended", data: { reason: "补充证据", amount: 2 } });
    const bad = await session("dispatcher", "own").request("POST", `/api/tickets/${ticketId}/extensions`, { step: "accept", amount: 1, unit: "hours", reason: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("step");
  });
});
