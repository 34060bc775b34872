/**
 * Strange input gets a 4xx naming the field and changes nothing; it never
 * reaches PostgreSQL as something it refuses with a 500. Each case here was a
 * 500 (or a silently stored empty value) once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { count } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { venues } from "../../src/server/modules/venues/venues.tables.ts";
import { tickets } from "../../src/server/modules/tickets/tickets.tables.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { idCheckChar } from "../../src/server/platform/personal/identity.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
let admin: Session;
let supervisor: Session;
let ticketId: string;
let client: { apiKey: string; secret: string };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-03-02T09:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const adminActor = await database.db.transaction((tx) => makeStaff(tx, ["admin", "window"], tree.city));
  const supervisorActor = await database.db.transaction((tx) => makeStaff(tx, ["supervisor"], tree.city));
  admin = await signIn(app, adminActor.username);
  supervisor = await signIn(app, supervisorActor.username);
  const created = await admin.request("POST", "/api/tickets", ticket());
  expect(created.statusCode).toBe(201);
  ticketId = created.json().id;
  client = (await admin.request("POST", "/api/upstream-clients", { name: "省平台", regionCode: tree.city })).json();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const ticket = (overrides: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "张三", ...applicant },
  description: "工资被拖欠三个月",
  ...overrides,
});

const venue = (overrides: Record<string, unknown> = {}) => ({ name: "青川法律服务中心", level: "center", regionCode: tree.counties[0], ...overrides });

function sendUpstream(body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  return app.inject({ method: "POST", url: "/api/upstream/tickets", payload: raw, headers: { "content-type": "application/json", ...signedHeaders(client.apiKey, client.secret, raw, clock.now()) } });
}

const upstreamTicket = (applicant: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => {
  const { channel: _channel, ...rest } = ticket(overrides, applicant);
  return { ...rest, externalRef: `ref-${Math.random().toString(36).slice(2)}` };
};

function expectRefused(response: LightMyRequestResponse, field: string, code = "VALIDATION_FAILED") {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json()).toMatchObject({ code, field });
}

const ticketCount = async () => (await database.db.select({ n: count() }).from(tickets))[0].n;
const venueCount = async () => (await database.db.select({ n: count() }).from(venues))[0].n;

describe("NUL and lone surrogates are refused at validation, naming the field", () => {
  it.each([
    ["username", { username: "ad\u0000min", password: "whatever-1" }],
    ["password", { username: "admin", password: "pass\u0000word" }],
    ["username", { username: "\ud800", password: "whatever-1" }],
  ])("anonymous sign-in with a bad %s", async (field, body) => {
    expectRefused(await app.inject({ method: "POST", url: "/api/auth/login", payload: body }), field);
  });

  it("a NUL in the sign-in's user-agent header", async () => {
    const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: admin.username, password: "test-pass-123" }, headers: { "user-agent": "curl\u0000" } });
    expectRefused(response, "user-agent");
  });

  it.each([
    ["applicant.name", () => ticket({}, { name: "张\u0000三" })],
    ["description", () => ticket({ description: "拖欠\u0000工资" })],
    ["counterparty.note", () => ticket({ counterparty: { note: "欠款\ud800" } })],
    ["counterparty.name", () => ticket({ counterparty: { name: "\udfff李四" } })],
    ["materialsProvided[0]", () => ticket({ materialsProvided: ["id\u0000card"] })],
  ])("a ticket with a bad %s", async (field, body) => {
    const before = await ticketCount();
    expectRefused(await admin.request("POST", "/api/tickets", body()), field);
    expect(await ticketCount()).toBe(before);
  });

  it("a NUL in the Idempotency-Key header", async () => {
    expectRefused(await admin.request("POST", "/api/tickets", ticket(), { "idempotency-key": "key-\u0000-12345" }), "idempotency-key");
  });

  it.each([
    ["name", () => venue({ name: "中心\u0000" })],
    ["windows[0].name", () => venue({ windows: [{ name: "\ud83d窗口", services: [] }] })],
  ])("a venue with a bad %s", async (field, body) => {
    const before = await venueCount();
    expectRefused(await admin.request("POST", "/api/venues", body()), field);
    expect(await venueCount()).toBe(before);
  });

  it.each([
    ["/api/venues?q=%00", "q"],
    ["/api/tickets?name=%00", "name"],
    ["/api/tickets?phone=138%00", "phone"],
    ["/api/accounts?q=a%00b", "q"],
    ["/api/audit?entityType=%00", "entityType"],
    ["/api/regions?q=%00", "q"],
  ])("GET %s", async (url, field) => {
    const response = await admin.get(url);
    expectRefused(response, field);
  });

  it("an attachment name with a NUL", async () => {
    const response = await admin.request("POST", `/api/tickets/${ticketId}/attachments?fileName=a%00.png`, Buffer.from("%PDF-1.7\n") as unknown as object, { "content-type": "application/pdf" });
    expectRefused(response, "fileName");
  });

  it.each([
    ["applicant.name", () => upstreamTicket({ name: "王\u0000五" })],
    ["description", () => upstreamTicket({}, { description: "\ud800" })],
  ])("an upstream ticket with a bad %s", async (field, body) => {
    const before = await ticketCount();
    expectRefused(await sendUpstream(body()), field);
    expect(await ticketCount()).toBe(before);
  });
});

describe("numbers and dates are bounded to what PostgreSQL and JavaScript represent", () => {
  it.each(["/api/venues", "/api/tickets", "/api/accounts", "/api/audit", "/api/supervision", "/api/follow-ups", "/api/notifications", "/api/tickets/export.xlsx"])(
    "GET %s?offset=1e20",
    async (path) => {
      expectRefused(await admin.get(`${path}?offset=1e20`), "offset");
    },
  );

  it("GET /api/venues?offset=100000 is still allowed (the documented bound)", async () => {
    expect((await admin.get("/api/venues?offset=100000")).statusCode).toBe(200);
  });

  it.each([
    ["a leap second", "2026-12-31T23:59:60Z"],
    ["year 0", "0000-06-01T10:00:00Z"],
    ["hour 24", "2026-06-01T24:00:00Z"],
    ["February 30", "2026-02-30T10:00:00+08:00"],
  ])("a supervision due at %s", async (_label, dueAt) => {
    expectRefused(await supervisor.request("POST", `/api/tickets/${ticketId}/supervision`, { reason: "加快办理", dueAt }), "dueAt");
  });

  it.each([
    ["from", "0000-01-01"],
    ["to", "0000-12-31"],
    ["from", "2026-02-29"],
  ])("GET /api/tickets?%s=%s", async (field, value) => {
    expectRefused(await admin.get(`/api/tickets?${field}=${value}`), field);
  });

  it("the widest dates still answer", async () => {
    expect((await admin.get("/api/tickets?from=0001-01-01&to=9999-12-31")).statusCode).toBe(200);
  });
});

describe("required text must hold more than white space; stored values are trimmed", () => {
  it.each([
    ["name", "/api/regions", () => ({ code: `${tree.townships[0][0]}009`, name: " \t ", parentCode: tree.townships[0][0] })],
    ["name", "/api/venues", () => venue({ name: "   " })],
    ["windows[0].name", "/api/venues", () => venue({ windows: [{ name: "  ", services: [] }] })],
    ["displayName", "/api/accounts", () => ({ username: "blankname", displayName: "\u3000 ", password: "good-pass-1", roles: ["window"], regionCode: tree.city })],
    ["applicant.name", "/api/tickets", () => ticket({}, { name: "  " })],
    ["description", "/api/tickets", () => ticket({ description: "\n\t " })],
    ["reason", `/api/tickets/:id/supervision`, () => ({ reason: "   ", dueAt: "2026-03-09T09:00:00+08:00" })],
  ])("a blank %s on POST %s", async (field, path, body) => {
    const who = path.includes("supervision") ? supervisor : admin;
    expectRefused(await who.request("POST", path.replace(":id", ticketId), body()), field);
  });

  it("a blank applicant name from upstream", async () => {
    expectRefused(await sendUpstream(upstreamTicket({ name: " " })), "applicant.name");
  });

  it("a blank account name on PATCH", async () => {
    const me = (await admin.get("/api/auth/me")).json();
    expectRefused(await admin.request("PATCH", `/api/accounts/${me.id}`, { displayName: "  " }), "displayName");
  });

  it("names are stored trimmed", async () => {
    const created = await admin.request("POST", "/api/tickets", ticket({ description: "  有内容  " }, { name: " 李四 " }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ description: "有内容", applicant: { name: "李四" } });
  });
});

describe("ID numbers", () => {
  it.each([
    ["born in 2099", "11010520990101123"],
    ["born in the year 1000", "11010510000101123"],
  ])("an ID number %s is refused naming applicant.idNumber", async (_label, first17) => {
    const response = await admin.request("POST", "/api/tickets", ticket({}, { idNumber: `${first17}${idCheckChar(first17)}` }));
    expectRefused(response, "applicant.idNumber");
  });
});

describe("concurrent duplicates", () => {
  it("8 concurrent creates of one username: one 201, the rest 409 naming username", async () => {
    const body = { username: "racer", displayName: "赛跑者", password: "good-pass-1", roles: ["window"], regionCode: tree.city };
    const responses = await Promise.all(Array.from({ length: 8 }, () => admin.request("POST", "/api/accounts", body)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ code: "CONFLICT", field: "username" });
  });
});

describe("malformed URLs", () => {
  it.each([["/api/regions/%ED%A0%80"], ["/api/venues/%zz"], [`/api/tickets/${"a".repeat(101)}`]])("GET %s → 400 in the usual shape", async (url) => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "url" });
  });
});
