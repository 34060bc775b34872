/**
 * findHotlineStatistics on a migrated database (embedded, or PostgreSQL with DATABASE_URL): on a
 * few hundred generated call records — across Beijing midnights, regions, operators and seats, some
 * outside the period, some still going on — every group of every breakdown equals a recount in
 * plain code by the same definitions (tallyCalls), Beijing day, hour and weekday included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "../../../platform/db/index.ts";
import { systemActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, type TestTree } from "../../../../../test/helpers/factories.ts";
import { hotlineCalls } from "../hotline.tables.ts";
import { figuresOf, tallyCalls, type CallForFigures } from "../hotline-statistics.ts";
import { findHotlineStatistics } from "./hotline-statistics.ts";

let database: Database;
let tree: TestTree;
type Generated = CallForFigures & { arrivedAt: Date; regionPath: string; operatorId: string | null; seat: string | null };
const calls: Generated[] = [];
const pathOf = new Map<string, string>();
const SOURCE = randomUUID();
const OPERATORS = [randomUUID(), randomUUID(), randomUUID(), null];
const SEATS = ["8001", "8002", "8003", null];
const OUTCOMES = ["answered", "answered", "answered", "abandoned", "missed", "voicemail", null] as const;
// The period asked for: Monday 16 to Wednesday 18 November 2026, Beijing days.
const FROM = "2026-11-16";
const TO = "2026-11-18";

/** A small deterministic generator (the same records on every run and both databases). */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/** The Beijing wall clock of an instant, for the recount. */
const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000);

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const { rows } = await database.db.execute<{ code: string; path: string }>(sql`select code, path from regions where code in (${tree.city}, ${tree.counties[0]}, ${tree.counties[1]})`);
  for (const r of rows) pathOf.set(r.code, r.path);
  const paths = [pathOf.get(tree.counties[0])!, pathOf.get(tree.counties[1])!];
  const random = generator(20261118);
  // From Sunday 15th 20:00 Beijing to Thursday 19th 04:00: a day either side of the period's edges.
  const first = Date.parse("2026-11-15T20:00:00+08:00");
  for (let i = 0; i < 400; i++) {
    const outcome = OUTCOMES[random(OUTCOMES.length)];
    const arrivedAt = new Date(first + random(80 * 3600) * 1000);
    const waitSeconds = random(10) === 0 ? null : random(120);
    const talkSeconds = outcome === "answered" ? random(900) : null;
    calls.push({
      outcome,
      arrivedAt,
      waitSeconds,
      talkSeconds,
      transferTarget: random(6) === 0 ? "8009" : null,
      regionPath: paths[random(paths.length)],
      operatorId: OPERATORS[random(OPERATORS.length)],
      seat: SEATS[random(SEATS.length)],
    });
  }
  await database.db.insert(hotlineCalls).values(
    calls.map((c, i) => ({
      sourceId: SOURCE,
      callId: `gen-${i}`,
      regionPath: c.regionPath,
      arrivedAt: c.arrivedAt,
      operatorId: c.operatorId,
      seat: c.seat,
      outcome: c.outcome,
      waitSeconds: c.waitSeconds,
      talkSeconds: c.talkSeconds,
      transferTarget: c.transferTarget,
      eventCount: 1,
      updatedAt: c.arrivedAt,
    })),
  );
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("findHotlineStatistics", () => {
  it("every group equals the recount of the generated records, for the city and for a county", async () => {
    const start = Date.parse(`${FROM}T00:00:00+08:00`);
    const end = Date.parse(`${TO}T00:00:00+08:00`) + 86_400_000;
    for (const regionCode of [tree.city, tree.counties[0]]) {
      const stats = await database.db.transaction((tx) => findHotlineStatistics(tx, systemActor("test"), { from: FROM, to: TO, regionCode }));
      const regionPath = pathOf.get(regionCode)!;
      const inScope = calls.filter((c) => c.regionPath.startsWith(regionPath) && c.arrivedAt.getTime() >= start && c.arrivedAt.getTime() < end);
      expect(inScope.length).toBeGreaterThan(50);
      const figures = (group: Generated[]) => figuresOf(tallyCalls(group));
      expect(stats.total).toEqual(figures(inScope));
      for (const h of stats.byHour) expect(h, `hour ${h.hour}`).toEqual({ hour: h.hour, ...figures(inScope.filter((c) => beijing(c.arrivedAt).getUTCHours() === h.hour)) });
      for (const w of stats.byWeekday) expect(w, `weekday ${w.weekday}`).toEqual({ weekday: w.weekday, ...figures(inScope.filter((c) => (beijing(c.arrivedAt).getUTCDay() || 7) === w.weekday)) });
      expect(stats.byDay.map((d) => d.date)).toEqual(["2026-11-16", "2026-11-17", "2026-11-18"]);
      for (const d of stats.byDay) expect(d, d.date).toEqual({ date: d.date, ...figures(inScope.filter((c) => beijing(c.arrivedAt).toISOString().slice(0, 10) === d.date)) });
      expect(stats.byOperator).toHaveLength(new Set(inScope.map((c) => c.operatorId)).size);
      for (const o of stats.byOperator) {
        const { operator, ...rest } = o;
        expect(rest).toEqual(figures(inScope.filter((c) => c.operatorId === (operator?.id ?? null))));
      }
      expect(stats.bySeat).toHaveLength(new Set(inScope.map((c) => c.seat)).size);
      for (const s of stats.bySeat) {
        const { seat, ...rest } = s;
        expect(rest).toEqual(figures(inScope.filter((c) => c.seat === (seat?.extension ?? null))));
      }
    }
  });
});
