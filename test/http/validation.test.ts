/**
 * Bad input gets a 4xx naming what is wrong, never a 500, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { count, eq } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { venues } from "../../src/server/modules/venues/venues.tables.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
let admin: Session;
let venueId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-03-02T09:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const actor = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.city));
  venueId = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0]));
  admin = await signIn(app, actor.username);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const venueCount = async () => (await database.db.select({ n: count() }).from(venues))[0].n;

describe("malformed requests", () => {
  it.each([
    ["malformed JSON", "{\"name\": ", "INVALID_JSON", undefined],
    ["unknown field", { name: "x", level: "center", regionCode: "980102", colour: "red" }, "VALIDATION_FAILED", "colour"],
    ["missing field", { level: "center", regionCode: "980102" }, "VALIDATION_FAILED", "name"],
    ["wrong type", { name: "x", level: "center", regionCode: "980102", floorArea: "big" }, "VALIDATION_FAILED", "floorArea"],
    ["a number sent as text", { name: "x", level: "center", regionCode: "980102", isStreetFacingGroundFloor: "true" }, "VALIDATION_FAILED", "isStreetFacingGroundFloor"],
    ["bad enum", { name: "x", level: "palace", regionCode: "980102" }, "VALIDATION_FAILED", "level"],
    ["nested bad value", { name: "x", level: "center", regionCode: "980102", windows: [{ name: "w", services: ["haircut"] }] }, "VALIDATION_FAILED", "windows[0].services[0]"],
    ["bad phone", { name: "x", level: "center", regionCode: "980102", phone: "call me" }, "VALIDATION_FAILED", "phone"],
    ["unknown region", { name: "x", level: "center", regionCode: "970102" }, "UNKNOWN_REGION", "regionCode"],
    ["level not matching the region", { name: "x", level: "station", regionCode: "980102" }, "VALIDATION_FAILED", "level"],
  ])("POST /api/venues with %s → 4xx naming the field", async (_label, body, code, field) => {
    const before = await venueCount();
    const response = await admin.request("POST", "/api/venues", body);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().code).toBe(code);
    if (field) expect(response.json().field).toBe(field);
    expect(await venueCount()).toBe(before);
  });

  it("an oversize body → 413", async () => {
    const response = await admin.request("POST", "/api/venues", { name: "x".repeat(2 * 1024 * 1024), level: "center", regionCode: "980102" });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("a non-JSON content type → 415", async () => {
    const response = await admin.request("POST", "/api/venues", undefined, { "content-type": "text/plain" });
    expect([400, 415]).toContain(response.statusCode);
  });

  it.each([
    ["/api/venues/not-a-uuid", "id"],
    ["/api/venues?limit=0", "limit"],
    ["/api/venues?limit=abc", "limit"],
    ["/api/venues?colour=red", "colour"],
    ["/api/regions/12", "code"],
  ])("GET %s → 400 naming %s", async (url, field) => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("an unknown venue id → 404", async () => {
    const response = await admin.get("/api/venues/00000000-0000-4000-8000-000000000000");
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("NOT_FOUND");
  });

  it("an unknown API path → JSON 404", async () => {
    const response = await admin.get("/api/nothing-here");
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("NOT_FOUND");
  });

  it("a PATCH that fails half-way changes nothing (transaction)", async () => {
    const response = await admin.request("PATCH", `/api/venues/${venueId}`, {
      name: "应当不被保存",
      posts: [{ post: "reception", accountIds: ["00000000-0000-4000-8000-000000000000"] }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe("posts[0].accountIds[0]");
    const [row] = await database.db.select({ name: venues.name }).from(venues).where(eq(venues.id, venueId));
    expect(row.name).not.toBe("应当不被保存");
  });
});

describe("accounts input", () => {
  it("a weak password is refused naming the field", async () => {
    const response = await admin.request("POST", "/api/accounts", { username: "weakling", displayName: "弱", password: "abcdefgh", roles: ["window"], regionCode: tree.city });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "PASSWORD_POLICY", field: "password" });
  });

  it("a taken username → 409 naming username", async () => {
    const body = { username: "dupname", displayName: "甲", password: "good-pass-1", roles: ["window"], regionCode: tree.city };
    expect((await admin.request("POST", "/api/accounts", body)).statusCode).toBe(201);
    const again = await admin.request("POST", "/api/accounts", { ...body, username: "DupName" });
    expect(again.statusCode).toBe(409);
    expect(again.json().field).toBe("username");
  });

  it("an unknown role is refused", async () => {
    const response = await admin.request("POST", "/api/accounts", { username: "rolex", displayName: "x", password: "good-pass-1", roles: ["king"], regionCode: tree.city });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe("roles[0]");
  });
});

describe("region import", () => {
  it("reports every bad line and imports nothing", async () => {
    const county = tree.counties[1];
    const csv = [
      "code,name,parentCode,level",
      `${county}101,好镇,${county},township`,
      `${county}102,坏镇,999999,township`,
      `${county}101,重复镇,${county},township`,
      `${county}103,怪镇,${county},hamlet`,
    ].join("\n");
    const response = await admin.request("POST", "/api/regions/import", { csv });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("IMPORT_INVALID");
    expect(response.json().errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [3, "UNKNOWN_PARENT"],
      [4, "DUPLICATE_CODE"],
      [5, "BAD_LEVEL"],
    ]);
    expect((await admin.get(`/api/regions/${county}101`)).statusCode).toBe(404);
  });
});

describe("region tree reads", () => {
  it("says which nodes have children", async () => {
    const counties = (await admin.get(`/api/regions?parentCode=${tree.city}`)).json().items;
    expect(counties.map((r: { hasChildren: boolean }) => r.hasChildren)).toEqual([true, true]);
    const villages = (await admin.get(`/api/regions?parentCode=${tree.townships[0][0]}`)).json().items;
    expect(villages.map((r: { hasChildren: boolean }) => r.hasChildren)).toEqual([false, false]);
    const root = (await admin.get("/api/regions")).json().items;
    expect(root).toMatchObject([{ code: tree.city, hasChildren: true, path: [tree.province, tree.city] }]);
  });
});

describe("sessions and CSRF", () => {
  it("a state-changing request without the CSRF header is refused", async () => {
    const response = await admin.request("PATCH", `/api/venues/${venueId}`, { address: "x" }, { "x-csrf-token": "" });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("CSRF_FAILED");
  });

  it("the session cookie is HttpOnly and SameSite", async () => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.city));
    const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: actor.username, password: "test-pass-123" } });
    const cookie = response.cookies.find((c) => c.name === "santai_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    // Max-Age (counted on the browser's own clock), not an Expires date from the server's.
    expect(cookie.maxAge).toBe(12 * 3600);
    expect(cookie.expires).toBeUndefined();
  });

  it("lockout: after 5 failures from one address the right password is refused there until the pause ends (more in sign-in.test.ts)", async () => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.city));
    const from = (password: string) => app.inject({ method: "POST", url: "/api/auth/login", payload: { username: actor.username, password }, remoteAddress: "10.20.30.40" });
    for (let i = 0; i < 5; i++) expect((await from("wrong-pass-1")).json()).toEqual({ code: "INVALID_CREDENTIALS", message: "Wrong username or password" });
    const right = await from("test-pass-123");
    expect(right.statusCode).toBe(429);
    expect(right.headers["retry-after"]).toBe(String(15 * 60));
    clock.advance(15 * 60_000);
    expect((await from("test-pass-123")).statusCode).toBe(200);
  });

  it("an idle session expires; logout ends it; both are on the audit log", async () => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.city));
    const s = await signIn(app, actor.username);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
    const s2 = await signIn(app, actor.username);
    expect((await s2.request("POST", "/api/auth/logout")).statusCode).toBe(204);
    expect((await s2.get("/api/auth/me")).statusCode).toBe(401);
    // The admin's own session idled out too while the clock moved.
    admin = await signIn(app, admin.username);
    const audit = await admin.get(`/api/audit?entityType=account&entityId=${actor.id}`);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "auth.logout"]));
  });

  it("every staff write is on the audit log with who and from where", async () => {
    await admin.request("PATCH", `/api/venues/${venueId}`, { address: "新地址 8 号" });
    const audit = await admin.get(`/api/audit?entityType=venue&entityId=${venueId}`);
    const [latest] = audit.json().items;
    expect(latest).toMatchObject({ action: "venue.update", actorUsername: admin.username, ip: "127.0.0.1" });
    expect(latest.detail.changed).toEqual(["address"]);
  });
});
