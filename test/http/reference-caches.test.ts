/**
 * Regions, service settings and the calendar are kept in process (issue 7, item 9;
 * platform/cache.ts): every change must still reach the next intake — made
 * through this app, by SQL outside it (a trigger bumps the version), inside a
 * transaction that then reads it (and never cached if rolled back), and on a
 * PostgreSQL server through another process (another app on the same database,
 * with caches of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/server/platform/db/index.ts";
import { expireCacheVersions } from "../../src/server/platform/cache.ts";
import { settingsAtCached } from "../../src/server/modules/services/queries/cached-settings.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database & { url?: string };
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};

// Monday 2 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-02T10:00:00+08:00");

const intake = (session: Session, regionCode: string) =>
  session.request("POST", "/api/tickets", {
    channel: "window",
    serviceType: "legal_aid",
    category: "劳动争议",
    regionCode,
    applicant: { name: "缓存测试", phone: "13800001111" },
    description: "缓存测试工单",
  });

/** The `resolve` limit the 201 answer of an intake carries. */
async function resolveDaysOfIntake(session: Session, regionCode: string): Promise<number> {
  const response = await intake(session, regionCode);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().deadlines.find((d: { step: string }) => d.step === "resolve").amount;
}

const legalAidBody = (resolve: number) => ({
  checklist: [{ key: "id_card", name: "申请人身份证明", isRequired: true }],
  deadlines: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: resolve, unit: "working_days" }],
  isAutoDispatch: false,
});
const putLegalAid = (session: Session, resolve: number) => session.request("PUT", "/api/settings/services/legal_aid", legalAidBody(resolve));

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("countyWindow", ["window"], tree.counties[0]);
  await make("siblingAdmin", ["admin"], tree.counties[1]);
  await make("siblingWindow", ["window"], tree.counties[1]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("in-process caches, one process", () => {
  it("a region code refused as unknown is known to the next intake once the region is created", async () => {
    const code = `${tree.counties[0]}009`;
    const refused = await intake(s.countyWindow, code);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
    expect((await s.countyAdmin.request("POST", "/api/regions", { code, name: "新设镇", parentCode: tree.counties[0] })).statusCode).toBe(201);
    const created = await intake(s.countyWindow, code);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().region).toEqual({ code, name: "新设镇" });
  });

  it("a deadline an admin changes is used by the next intake", async () => {
    const before = await resolveDaysOfIntake(s.countyWindow, tree.counties[0]);
    expect((await putLegalAid(s.countyAdmin, before + 7)).statusCode).toBe(200);
    expect(await resolveDaysOfIntake(s.countyWindow, tree.counties[0])).toBe(before + 7);
  });

  it("a change made by SQL outside the app's commands (psql, a migration) is used by the next intake", async () => {
    expect((await putLegalAid(s.siblingAdmin, 11)).statusCode).toBe(200);
    expect(await resolveDaysOfIntake(s.siblingWindow, tree.counties[1])).toBe(11);
    await database.db.execute(sql`
      update service_settings set deadlines = ${JSON.stringify(legalAidBody(13).deadlines)}::jsonb
      where region_code = ${tree.counties[1]} and service_type = 'legal_aid'`);
    expect(await resolveDaysOfIntake(s.siblingWindow, tree.counties[1])).toBe(13);
  });

  it("a transaction reads its own change through the cache; a change rolled back is never cached", async () => {
    const path = (await database.db.execute<{ path: string }>(sql`select path from regions where code = ${tree.counties[1]}`)).rows[0].path;
    const resolveOf = (settings: Awaited<ReturnType<typeof settingsAtCached>>) => settings.deadlines.find((d) => d.step === "resolve")!.amount;
    expect(resolveOf(await settingsAtCached(database.db, "legal_aid", path))).toBe(13);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`
          update service_settings set deadlines = ${JSON.stringify(legalAidBody(17).deadlines)}::jsonb
          where region_code = ${tree.counties[1]} and service_type = 'legal_aid'`);
        expireCacheVersions(tx);
        expect(resolveOf(await settingsAtCached(tx, "legal_aid", path))).toBe(17);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(resolveOf(await settingsAtCached(database.db, "legal_aid", path))).toBe(13);
    expect(await resolveDaysOfIntake(s.siblingWindow, tree.counties[1])).toBe(13);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("in-process caches, two processes on one PostgreSQL database", () => {
  let other: Database;
  let otherApp: FastifyInstance;
  let otherWindow: Session;

  beforeAll(async () => {
    // Another pool and another app: caches of their own, sharing only the database.
    other = await openDatabase({ databaseUrl: database.url!, dataDir: null, poolSize: 4 });
    ({ app: otherApp } = await createTestApp(other, START));
    otherWindow = await signIn(otherApp, s.countyWindow.username);
  });

  afterAll(async () => {
    await otherApp?.close();
    await other?.close();
  });

  it("a setting changed through app A is used by app B's next intake", async () => {
    const before = await resolveDaysOfIntake(otherWindow, tree.counties[0]);
    expect((await putLegalAid(s.countyAdmin, before + 3)).statusCode).toBe(200);
    expect(await resolveDaysOfIntake(otherWindow, tree.counties[0])).toBe(before + 3);
  });

  it("a region created through app A is known to app B's next intake, after B refused its code", async () => {
    const code = `${tree.counties[0]}008`;
    expect((await intake(otherWindow, code)).statusCode).toBe(422);
    expect((await s.countyAdmin.request("POST", "/api/regions", { code, name: "又一新镇", parentCode: tree.counties[0] })).statusCode).toBe(201);
    expect((await intake(otherWindow, code)).statusCode).toBe(201);
  });
});
