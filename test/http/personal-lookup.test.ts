/**
 * Searching tickets by personal data (issue 6, item 9). A lawyer who sees
 * `138****5678` recovered the full number in 1,243 searches of
 * `GET /api/tickets?phone=…`, and an ID number from its masked form through
 * `?idNumber=`. Now only the roles that see a value in full may search by it,
 * every such search is on the audit log (the field and the count, never the
 * value), and an account makes at most 30 of them in 10 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { fixedClock } from "../../src/server/platform/clock.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};

const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";
const START = new Date("2026-11-20T10:00:00+08:00");

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    ids[key] = actor.id;
    s[key] = await signIn(app, actor.username);
  };
  await make("window", ["window"], tree.counties[0]);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("operator", ["operator"], tree.city);
  await make("reviewer", ["reviewer"], tree.counties[0]);
  await make("busyOperator", ["operator"], tree.city);
  for (let i = 0; i < 2; i++) {
    const created = await s.window.request("POST", "/api/tickets", {
      channel: "window",
      serviceType: "consultation",
      category: "劳动争议",
      regionCode: tree.townships[0][0],
      applicant: { name: "张三", phone: PHONE, idNumber: ID_NUMBER },
      description: "工地拖欠工资",
    });
    expect(created.statusCode).toBe(201);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const lookups = async (accountId: string) =>
  (
    await database.db.execute<{ detail: Record<string, unknown> }>(
      sql`select detail from audit_log where actor_id = ${accountId} and action = 'ticket.lookup_personal' order by id`,
    )
  ).rows.map((r) => r.detail);

describe("who may search by personal data", () => {
  it("the brute force from the issue: a lawyer who sees the phone masked may not search by it (403 naming the field)", async () => {
    const ticket = (await s.lawyer.get("/api/tickets?queue=all&limit=1")).json().items[0];
    expect(ticket.applicant.phone).toBe("138****5678");
    // Candidates for the four hidden digits: every one is refused, none reveals a match.
    for (const candidate of ["13800005678", "13812345678", "13899995678"]) {
      const response = await s.lawyer.get(`/api/tickets?phone=${candidate}`);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: "FORBIDDEN", field: "phone" });
    }
    const exported = await s.lawyer.get(`/api/tickets/export.xlsx?phone=${PHONE}`);
    expect(exported.statusCode).toBe(403);
    expect(exported.json()).toMatchObject({ code: "FORBIDDEN", field: "phone" });
  });

  it("ID numbers: window staff see them masked and may not search by them; reviewers see them in full and may", async () => {
    const asWindow = await s.window.get(`/api/tickets?idNumber=${ID_NUMBER}`);
    expect(asWindow.statusCode).toBe(403);
    expect(asWindow.json()).toMatchObject({ code: "FORBIDDEN", field: "idNumber" });
    const asReviewer = await s.reviewer.get(`/api/tickets?idNumber=${ID_NUMBER}`);
    expect(asReviewer.statusCode).toBe(200);
    expect(asReviewer.json().total).toBe(2);
    expect(asReviewer.json().items[0].applicant.idNumber).toBe(ID_NUMBER);
  });

  it("window staff keep the intake's phone lookup", async () => {
    const response = await s.window.get(`/api/tickets?queue=all&phone=${PHONE}&limit=20`);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(2);
  });

  it("/api/auth/me tells the web app which searches the account may make", async () => {
    expect((await s.window.get("/api/auth/me")).json().abilities).toMatchObject({ searchByPhone: true, searchByIdNumber: false });
    expect((await s.reviewer.get("/api/auth/me")).json().abilities).toMatchObject({ searchByPhone: false, searchByIdNumber: true });
    expect((await s.lawyer.get("/api/auth/me")).json().abilities).toMatchObject({ searchByPhone: false, searchByIdNumber: false });
  });
});

describe("the audit log", () => {
  it("records every search by phone or ID number: the field and the count of results, never the value", async () => {
    const before = (await lookups(ids.operator)).length;
    expect((await s.operator.get(`/api/tickets?phone=${PHONE}`)).json().total).toBe(2);
    expect((await s.operator.get("/api/tickets?phone=13900000000")).json().total).toBe(0);
    expect((await s.operator.get(`/api/tickets/export.xlsx?phone=${PHONE}`)).statusCode).toBe(200);
    const entries = (await lookups(ids.operator)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ fields: ["phone"], results: 2, via: "list" }),
      expect.objectContaining({ fields: ["phone"], results: 0, via: "list" }),
      expect.objectContaining({ fields: ["phone"], results: 2, via: "export" }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(PHONE);
    expect(JSON.stringify(entries)).not.toContain("13900000000");
  });

  it("a search without personal data is not a lookup", async () => {
    const before = (await lookups(ids.operator)).length;
    await s.operator.get("/api/tickets?name=张三");
    expect(await lookups(ids.operator)).toHaveLength(before);
  });
});

describe("the rate limit", () => {
  it("the 31st lookup within 10 minutes is 429 with Retry-After; after the window it passes again", async () => {
    for (let i = 0; i < 30; i++) {
      clock.advance(1_000);
      const response = await s.busyOperator.get(`/api/tickets?phone=139000${String(i).padStart(5, "0")}`);
      expect(response.statusCode).toBe(200);
    }
    const refused = await s.busyOperator.get(`/api/tickets?phone=${PHONE}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // The first of the 30 was 29 s ago: it leaves the 10-minute window in 571 s.
    expect(refused.headers["retry-after"]).toBe("571");
    // The export takes the same filters and counts against the same limit.
    expect((await s.busyOperator.get(`/api/tickets/export.xlsx?phone=${PHONE}`)).statusCode).toBe(429);
    // Searches without personal data are not limited.
    expect((await s.busyOperator.get("/api/tickets?name=张三")).statusCode).toBe(200);
    // Refused lookups looked nothing up: the audit log holds the 30 that ran.
    expect(await lookups(ids.busyOperator)).toHaveLength(30);
    // Another account is not held up by this one's count.
    expect((await s.operator.get(`/api/tickets?phone=${PHONE}`)).statusCode).toBe(200);

    clock.advance(570_000);
    expect((await s.busyOperator.get(`/api/tickets?phone=${PHONE}`)).statusCode).toBe(429);
    clock.advance(1_000);
    const again = await s.busyOperator.get(`/api/tickets?phone=${PHONE}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().total).toBe(2);
  });
});

describe("the count is shared by every server on the database", () => {
  it("lookups through two app instances add up to one allowance (not one per process)", async () => {
    // A second server process, as behind a load balancer: its own app, the same database and keys.
    const other = await buildApp({ config: loadConfig({}, { dataDir: null, webRoot: null }), database, clock: fixedClock(clock.now()), keys: app.ctx.keys });
    try {
      const actor = await database.db.transaction((tx) => makeStaff(tx, ["operator"], tree.city));
      const here = await signIn(app, actor.username);
      const there = await signIn(other, actor.username);
      for (let i = 0; i < 30; i++) {
        const response = await (i % 2 === 0 ? here : there).get(`/api/tickets?phone=138000${String(i).padStart(5, "0")}`);
        expect(response.statusCode).toBe(200);
      }
      // Fifteen went through each server; the 31st is refused on both.
      expect((await there.get(`/api/tickets?phone=${PHONE}`)).statusCode).toBe(429);
      expect((await here.get(`/api/tickets?phone=${PHONE}`)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});
