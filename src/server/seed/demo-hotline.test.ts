import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../platform/db/index.ts";
import { createProtector } from "../platform/personal/protect.ts";
import { systemActor } from "../policies/actor.ts";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { findHotlineStatistics } from "../modules/hotline/queries/hotline-statistics.ts";
import { getOperatorState } from "../modules/hotline/commands/set-operator-state.ts";
import { seedDemo } from "./demo.ts";
import { seedDemoHotline } from "./demo-hotline.ts";

// The demo's hotline (docs/hotline-statistics.md, Demo): three days of calls posted through the
// event command fill the statistics page; seeding again adds nothing.

const NOW = new Date("2026-11-18T02:00:00Z");
let database: Database;
const protector = createProtector(Buffer.alloc(32, 9));

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, NOW));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

it("posts a few days of calls whose figures the statistics page shows, once", async () => {
  const report = await seedDemoHotline(database, { protector }, NOW, { days: 3 });
  expect(report.calls).toBeGreaterThan(40);
  expect(report.events).toBeGreaterThan(report.calls * 3);
  const stats = await database.db.transaction((tx) => findHotlineStatistics(tx, systemActor("test"), { from: "2026-11-14", to: "2026-11-18", regionCode: "990100" }));
  expect(stats.total.offered).toBe(report.calls);
  expect(stats.total.inProgress).toBe(0);
  // Mostly answered in office hours, with every kind of unanswered call among them.
  expect(stats.total.answerRate).toBeGreaterThan(0.6);
  for (const outcome of ["abandoned", "answered"] as const) expect(stats.total[outcome]).toBeGreaterThan(0);
  expect(stats.bySeat.map((s) => s.seat?.extension)).toEqual(expect.arrayContaining(["8001", "8002"]));
  expect(stats.byOperator.find((o) => o.operator?.name === "陈话务")?.answered).toBeGreaterThan(0);
  // The demo's operator starts on a break.
  const { rows } = await database.pool.query<{ id: string }>("select id from accounts where username = 'operator'");
  expect((await getOperatorState(database.db, rows[0].id)).state).toBe("break");

  expect(await seedDemoHotline(database, { protector }, NOW, { days: 3 })).toMatchObject({ calls: 0 });
});
