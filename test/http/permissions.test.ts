/**
 * The permission matrix: every route of the foundation × every role × the
 * actor's region relative to the record (own node, an ancestor of it, a
 * descendant of it, a sibling). Lists must never show what the detail route refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { ROLES, type Role } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, TEST_PASSWORD, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

type Relation = "own" | "ancestor" | "descendant" | "sibling";
const RELATIONS: Relation[] = ["own", "ancestor", "descendant", "sibling"];
const sees = (relation: Relation) => relation === "own" || relation === "ancestor";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
let targetCounty: string;
let venueId: string;
let targetAccountId: string;
const sessions = new Map<string, Session>();
const session = (role: Role, relation: Relation) => sessions.get(`${role}:${relation}`)!;
let nextTownship = 100;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  targetCounty = tree.counties[0];
  const regionOf: Record<Relation, string> = {
    own: targetCounty,
    ancestor: tree.city,
    descendant: tree.townships[0][0],
    sibling: tree.counties[1],
  };
  venueId = await database.db.transaction((tx) => makeVenue(tx, targetCounty, { name: "目标中心" }));
  const target = await database.db.transaction((tx) => makeStaff(tx, ["window"], targetCounty));
  targetAccountId = target.id;
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const actor = await database.db.transaction((tx) => makeStaff(tx, [role], regionOf[relation]));
      sessions.set(`${role}:${relation}`, await signIn(app, actor.username, TEST_PASSWORD));
    }
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const cases = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));

describe("anonymous requests", () => {
  it.each([
    ["GET", "/api/venues"],
    ["GET", "/api/regions"],
    ["GET", "/api/accounts"],
    ["GET", "/api/audit"],
    ["GET", "/api/auth/me"],
    ["POST", "/api/venues"],
    ["POST", "/api/regions/import"],
  ])("%s %s → 401", async (method, url) => {
    const response = await app.inject({ method: method as "GET", url, ...(method === "POST" ? { payload: {} } : {}) });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("UNAUTHENTICATED");
  });
});

describe("venues", () => {
  it.each(cases)("$role at $relation: GET /api/venues/:id and the list agree", async ({ role, relation }) => {
    const s = session(role, relation);
    const detail = await s.get(`/api/venues/${venueId}`);
    expect(detail.statusCode).toBe(sees(relation) ? 200 : 404);
    const list = await s.get(`/api/venues?limit=200`);
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((v: { id: string }) => v.id);
    expect(ids.includes(venueId)).toBe(sees(relation));
    if (sees(relation)) expect(detail.json().abilities.update).toBe(role === "admin");
  });

  it.each(cases)("$role at $relation: PATCH /api/venues/:id", async ({ role, relation }) => {
    const response = await session(role, relation).request("PATCH", `/api/venues/${venueId}`, { openingHours: `${role} ${relation}` });
    expect(response.statusCode).toBe(!sees(relation) ? 404 : role === "admin" ? 200 : 403);
  });

  it.each(cases)("$role at $relation: POST /api/venues in the target county", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", "/api/venues", { name: `新中心 ${role}`, level: "center", regionCode: targetCounty });
    expect(response.statusCode).toBe(role === "admin" && sees(relation) ? 201 : 403);
  });
});

describe("regions", () => {
  it.each(cases)("$role at $relation: GET /api/regions/:code and the list agree", async ({ role, relation }) => {
    const s = session(role, relation);
    expect((await s.get(`/api/regions/${targetCounty}`)).statusCode).toBe(sees(relation) ? 200 : 404);
    const list = await s.get(`/api/regions?parentCode=${tree.city}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((r: { code: string }) => r.code === targetCounty)).toBe(sees(relation));
  });

  it.each(cases)("$role at $relation: POST /api/regions under the target county", async ({ role, relation }) => {
    nextTownship += 1;
    const response = await session(role, relation).request("POST", "/api/regions", { code: `${targetCounty}${nextTownship}`, name: "新镇", parentCode: targetCounty });
    expect(response.statusCode).toBe(!sees(relation) ? 404 : role === "admin" ? 201 : 403);
  });

  it.each(cases)("$role at $relation: POST /api/regions/import under the target county", async ({ role, relation }) => {
    nextTownship += 1;
    const response = await session(role, relation).request("POST", "/api/regions/import", { csv: `${targetCounty}${nextTownship},导入镇,${targetCounty},township` });
    if (role !== "admin") expect(response.statusCode).toBe(403);
    else if (sees(relation)) expect(response.json()).toEqual({ imported: 1 });
    else {
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0].code).toBe("OUT_OF_SCOPE");
    }
  });
});

describe("accounts", () => {
  const readers: Role[] = ["admin", "leader"];

  it.each(cases)("$role at $relation: GET /api/accounts/:id and the list agree", async ({ role, relation }) => {
    const s = session(role, relation);
    const canRead = readers.includes(role) && sees(relation);
    expect((await s.get(`/api/accounts/${targetAccountId}`)).statusCode).toBe(canRead ? 200 : 404);
    const list = await s.get(`/api/accounts?limit=200`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((a: { id: string }) => a.id === targetAccountId)).toBe(canRead);
  });

  it.each(cases)("$role at $relation: PATCH /api/accounts/:id", async ({ role, relation }) => {
    const response = await session(role, relation).request("PATCH", `/api/accounts/${targetAccountId}`, { displayName: `改名 ${role}` });
    const canRead = readers.includes(role) && sees(relation);
    expect(response.statusCode).toBe(!canRead ? 404 : role === "admin" ? 200 : 403);
  });

  it.each(cases)("$role at $relation: POST /api/accounts/:id/reset-password", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/accounts/${targetAccountId}/reset-password`, { password: "new-secret-42" });
    const canRead = readers.includes(role) && sees(relation);
    expect(response.statusCode).toBe(!canRead ? 404 : role === "admin" ? 204 : 403);
  });

  it.each(cases)("$role at $relation: POST /api/accounts in the target county", async ({ role, relation }) => {
    const username = `n${role}${relation}${Math.random().toString(36).slice(2, 7)}`;
    const response = await session(role, relation).request("POST", "/api/accounts", { username, displayName: "新人", password: "first-pass-1", roles: ["window"], regionCode: targetCounty });
    expect(response.statusCode).toBe(role === "admin" && sees(relation) ? 201 : 403);
  });
});

describe("audit log and me", () => {
  it.each(cases)("$role at $relation: GET /api/audit", async ({ role, relation }) => {
    const response = await session(role, relation).get("/api/audit");
    const mayRead = (["admin", "leader", "supervisor"] as Role[]).includes(role);
    expect(response.statusCode).toBe(mayRead ? 200 : 403);
    if (mayRead) {
      // Only entries of the actor's own subtree: the admins' edits of the target venue (above).
      const entries = await session(role, relation).get(`/api/audit?entityType=venue&entityId=${venueId}`);
      const actions = entries.json().items.map((e: { action: string }) => e.action);
      expect(actions.includes("venue.update")).toBe(sees(relation));
    }
  });

  it.each(cases)("$role at $relation: GET /api/auth/me", async ({ role, relation }) => {
    const response = await session(role, relation).get("/api/auth/me");
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me.roles).toEqual([role]);
    expect(me.abilities.manageAccounts).toBe(role === "admin");
    expect(me.abilities.readAudit).toBe(["admin", "leader", "supervisor"].includes(role));
  });
});
