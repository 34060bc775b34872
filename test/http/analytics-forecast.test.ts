/**
 * 需求预测 over HTTP (docs/forecast.md): the weekly demand of a region subtree
 * read from the rollups, forecast with intervals and its backtest; a ticket
 * taken in through the command counts in its week; the region scope and the
 * roles; the query's validation.
 *
 * Three years of weekly demand are written into the county's rollup rows
 * directly (the rollups' own upkeep is tested in analytics-rollups.test.ts and
 * analytics.test.ts; creating 7,000 tickets through the commands would only make
 * this slow).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createProtector } from "../../src/server/platform/personal/protect.ts";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { findRegionRefsCached } from "../../src/server/modules/regions/queries/cached-regions.ts";
import { generateWeeklyDemand } from "../../src/server/modules/forecast/demand-history.ts";
import { backtestWeekly } from "../../src/server/modules/forecast/forecast-model.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};
const people: Record<string, StaffActor> = {};
const protector = createProtector(Buffer.alloc(32, 9));

// Wednesday 2 December 2026, 10:00 Beijing time: this week starts on Monday 30 November.
const NOW = new Date("2026-12-02T10:00:00+08:00");
const LAST_WEEK = "2026-11-23";
// Three years of wage-arrears demand (劳动争议) ending with last week, festival rush included.
const HISTORY = generateWeeklyDemand({ lastWeekStart: new Date(`${LAST_WEEK}T00:00:00Z`), weeks: 3 * 52, profile: "wage_arrears", base: 30, seed: 11 });

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, NOW));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Role[], region: string) => {
    people[key] = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, people[key].username);
  };
  await make("countyLeader", ["leader"], tree.counties[0]);
  await make("cityDispatcher", ["dispatcher"], tree.city);
  await make("otherCountyLeader", ["leader"], tree.counties[1]);
  await make("countyWindow", ["window"], tree.counties[0]);
  people.worker = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.city));
  const county = (await findRegionRefsCached(database.db, [tree.counties[0]])).get(tree.counties[0])!;
  // Each week's demand on its Tuesday, as hotline 劳动争议 consultations, in the county's node.
  const days = HISTORY.map((w) => new Date(w.weekStart.getTime() + 86_400_000).toISOString().slice(0, 10));
  await database.db.execute(sql`
    insert into analytics_daily (region_path, day, channel, service_type, category, created)
    select ${county.path}, d::date, 'hotline', 'consultation', '劳动争议', n
    from unnest(${sql.param(days)}::text[], ${sql.param(HISTORY.map((w) => w.count))}::int[]) as h(d, n) where n > 0`);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("GET /api/analytics/forecast", () => {
  it("reads the weekly demand from the rollups and forecasts the weeks ahead with ordered intervals and its backtest", async () => {
    const response = await s.countyLeader.get(`/api/analytics/forecast?regionCode=${tree.counties[0]}&category=${encodeURIComponent("劳动争议")}&horizon=8`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    // The history starts at the first week with demand and ends with the last complete week.
    const firstWithDemand = HISTORY.findIndex((w) => w.count > 0);
    expect(body.history.map((w: { count: number }) => w.count)).toEqual(HISTORY.slice(firstWithDemand).map((w) => w.count));
    expect(body.history.at(-1).weekStart).toBe(LAST_WEEK);
    expect(body.model).toBe("mstl-ets");
    expect(body.forecast).toHaveLength(8);
    expect(body.forecast[0].weekStart).toBe("2026-11-30");
    expect(body.forecast[7].weekStart).toBe("2027-01-18");
    for (const week of body.forecast) {
      expect(week.lower95).toBeLessThanOrEqual(week.lower80);
      expect(week.lower80).toBeLessThanOrEqual(week.point);
      expect(week.point).toBeLessThanOrEqual(week.upper80);
      expect(week.upper80).toBeLessThanOrEqual(week.upper95);
    }
    // The backtest is the model's own on this history (8 weeks held back).
    const expected = backtestWeekly(HISTORY.slice(firstWithDemand).map((w) => w.count), 8, HISTORY[firstWithDemand].weekStart)!;
    expect(body.backtest.holdoutWeeks).toBe(8);
    expect(body.backtest.mape).toBeCloseTo(expected.mape!, 6);
    expect(body.backtest.baselineMape).toBeCloseTo(expected.baselineMape!, 6);
    // Two festivals are in the history: the rush before it is learned.
    const before = body.festival.find((f: { week: number }) => f.week === -3);
    expect(before.factor).toBeGreaterThan(1.5);
  });

  it("counts a ticket taken in this week in the next forecast's history only once the week is complete", async () => {
    const county = tree.villages[0][0][0];
    const take = (when: Date) =>
      database.db.transaction((tx) =>
        createTicket(tx, people.worker, { channel: "window", serviceType: "consultation", category: "邻里", regionCode: county, applicant: { name: "王五" }, description: "预测测试" } as never, when, { protector }),
      );
    await take(new Date("2026-11-24T09:00:00+08:00")); // last week
    await take(new Date("2026-12-01T09:00:00+08:00")); // this week: not complete
    const response = await s.countyLeader.get(`/api/analytics/forecast?regionCode=${tree.counties[0]}&category=${encodeURIComponent("邻里")}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().history).toEqual([{ weekStart: LAST_WEEK, count: 1 }]);
    expect(response.json().model).toBe("ets");
    expect(response.json().backtest).toBeNull();
    // The same demand is in the city's figures (a subtree's rows carry it) and not in the other county's.
    const city = await s.cityDispatcher.get(`/api/analytics/forecast?regionCode=${tree.city}&category=${encodeURIComponent("邻里")}`);
    expect(city.json().history).toEqual([{ weekStart: LAST_WEEK, count: 1 }]);
  });

  it("keeps to the region scope and the command center's roles", async () => {
    expect((await s.otherCountyLeader.get(`/api/analytics/forecast?regionCode=${tree.counties[0]}`)).statusCode).toBe(404);
    expect((await s.countyLeader.get(`/api/analytics/forecast?regionCode=${tree.city}`)).statusCode).toBe(404);
    expect((await s.countyWindow.get(`/api/analytics/forecast?regionCode=${tree.counties[0]}`)).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: `/api/analytics/forecast?regionCode=${tree.counties[0]}` })).statusCode).toBe(401);
    // A region with no demand at all: an empty history and a flat zero forecast, not an error.
    const empty = await s.otherCountyLeader.get(`/api/analytics/forecast?regionCode=${tree.counties[1]}&category=${encodeURIComponent("医疗")}&horizon=3`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json().history).toEqual([]);
    expect(empty.json().forecast.map((w: { point: number }) => w.point)).toEqual([0, 0, 0]);
  });

  it("refuses a bad query naming the field", async () => {
    for (const [query, field] of [
      ["horizon=0", "horizon"],
      ["horizon=27", "horizon"],
      ["horizon=abc", "horizon"],
      ["category=不存在", "category"],
      ["serviceType=x", "serviceType"],
      ["regionCode=12", "regionCode"],
      ["extra=1", "extra"],
    ]) {
      const response = await s.countyLeader.get(`/api/analytics/forecast?${encodeURI(query)}`);
      expect(response.statusCode, query).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, query).toBeLessThan(500);
      expect(response.body, query).toContain(field);
    }
  });
});
