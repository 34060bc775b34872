/**
 * 值班缺口预警 on a real database, through the scheduler: a gap in the 12348 line's roster within
 * the next 72 hours is warned of once to the supervisors covering the region — not again on the
 * next tick, nor when the look-ahead moves on and the gap grows, nor when a shift splits it; a
 * separate gap later is a new warning. A fixed clock moves; nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../platform/db/index.ts";
import type { AppContext } from "../../../platform/context.ts";
import { fixedClock } from "../../../platform/clock.ts";
import { loadConfig } from "../../../platform/config.ts";
import { createProtector } from "../../../platform/personal/protect.ts";
import { ephemeralKeyring } from "../../../platform/keys.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../../test/helpers/factories.ts";
import { notifications } from "../../notifications/notifications.tables.ts";
import { runSchedulerTick } from "../../../scheduler.ts";
import { createHotlineSource } from "./create-hotline-source.ts";
import { createSeat } from "./save-seat.ts";
import { createShift } from "./save-shift.ts";

let database: Database;
let ctx: AppContext;
let tree: TestTree;
let seatId: string;
let operator: StaffActor;
let operator2: StaffActor;
const supervisors: Record<string, StaffActor> = {};
const system = systemActor("test");

// Monday 7 December 2026, 10:00 Beijing time.
const NOW = new Date("2026-12-07T10:00:00+08:00");
const HOUR = 3_600_000;
const bj = (s: string) => {
  const [day, time] = s.split(" ");
  return `2026-12-${day.padStart(2, "0")}T${time}:00+08:00`;
};

beforeAll(async () => {
  database = await createTestDatabase();
  const keys = ephemeralKeyring();
  ctx = { database, clock: fixedClock(NOW), config: loadConfig({}, { dataDir: null, webRoot: null }), keys, protector: createProtector(keys) };
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    operator = await makeStaff(tx, ["operator"], tree.counties[0]);
    operator2 = await makeStaff(tx, ["operator"], tree.counties[0]);
    supervisors.city = await makeStaff(tx, ["supervisor"], tree.city);
    supervisors.county = await makeStaff(tx, ["supervisor"], tree.counties[0]);
    supervisors.otherCounty = await makeStaff(tx, ["supervisor"], tree.counties[1]);
    const { row: source } = await createHotlineSource(tx, system, { name: "县 12348", regionCode: tree.counties[0] }, NOW, { protector: ctx.protector });
    seatId = (await createSeat(tx, system, { sourceId: source.id, extension: "8001", name: "一号坐席" }, NOW)).id;
    // Covered from Monday 08:00 to Wednesday 08:00 (a 24-hour duty, then another).
    await createShift(tx, system, { accountId: operator.id, role: "operator", seatId, startsAt: bj("7 08:00"), endsAt: bj("8 08:00") }, NOW);
    await createShift(tx, system, { accountId: operator2.id, role: "operator", seatId, startsAt: bj("8 08:00"), endsAt: bj("9 08:00") }, NOW);
  });
});

afterAll(async () => {
  await database?.close();
});

const warnings = () => database.db.select().from(notifications).where(eq(notifications.template, "roster_gap"));
const tick = async (at: Date) => {
  const report = await runSchedulerTick(ctx, at, { log: () => {}, warn: () => {} });
  expect(report.jobs["roster-gaps"]).toBe("ran");
  expect(report.errors).toEqual([]);
  return report.rosterGaps;
};

describe("gap warnings", () => {
  it("a gap within 72 hours is warned of to the supervisors covering the region (city and county), not another county's", async () => {
    expect(await tick(NOW)).toBe(1);
    const sent = await warnings();
    expect(sent.map((n) => ctx.protector.decrypt(n.recipient)).sort()).toEqual([supervisors.city.id, supervisors.county.id].sort());
    expect(sent[0]).toMatchObject({ channel: "in_app", ticketId: null, payload: expect.objectContaining({ role: "operator", required: 1, staffed: 0, startsAt: "2026-12-09T00:00:00.000Z" }) });
    expect(sent[0].payload.time).toBe("12/09 08:00–12/10 10:00");
  });

  it("the next tick does not warn again", async () => {
    expect(await tick(NOW)).toBe(0);
    expect(await tick(new Date(NOW.getTime() + 60_000))).toBe(0);
    expect(await warnings()).toHaveLength(2);
  });

  it("nor when the look-ahead moves on and the gap grows, nor when a shift splits it", async () => {
    expect(await tick(new Date(NOW.getTime() + HOUR))).toBe(0);
    await database.db.transaction((tx) => createShift(tx, system, { accountId: operator.id, role: "operator", seatId, startsAt: bj("9 12:00"), endsAt: bj("9 14:00") }, NOW));
    expect(await tick(new Date(NOW.getTime() + 2 * HOUR))).toBe(0);
    expect(await warnings()).toHaveLength(2);
  });

  it("a separate gap later is a new warning, once", async () => {
    // Wednesday 14:00 to Friday 08:00 covered: the old gap (Wednesday morning) stays warned; Friday 08:00 on is new.
    await database.db.transaction(async (tx) => {
      await createShift(tx, system, { accountId: operator2.id, role: "operator", seatId, startsAt: bj("9 14:00"), endsAt: bj("10 14:00") }, NOW);
      await createShift(tx, system, { accountId: operator.id, role: "operator", seatId, startsAt: bj("10 14:00"), endsAt: bj("11 08:00") }, NOW);
    });
    const wednesday = new Date(bj("9 10:00"));
    expect(await tick(wednesday)).toBe(1);
    expect(await tick(wednesday)).toBe(0);
    const fresh = await database.db.select().from(notifications).where(and(eq(notifications.template, "roster_gap")));
    expect(fresh).toHaveLength(4);
    expect(fresh.filter((n) => n.payload.startsAt === "2026-12-11T00:00:00.000Z")).toHaveLength(2);
  });

  it("a region without a phone system or rule is not watched", async () => {
    expect(await tick(new Date(bj("9 11:00")))).toBe(0);
    expect(new Set((await warnings()).map((n) => n.regionPath))).toEqual(new Set([expect.stringContaining(tree.counties[0])]));
  });
});
