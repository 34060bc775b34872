/**
 * A year without its holiday arrangement counts weekends only (issue 6, item 14):
 * from 1 November (Beijing) a missing next year, and always a missing current
 * year, is reported to every staff member (the workbench banner) and written to
 * the server log once a Beijing day, until an admin loads it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
const s: Record<string, Session> = {};
const usernames: Record<string, string> = {};

const beijing = (dateTime: string) => new Date(`${dateTime}+08:00`);

/** Moves the clock; everyone signs in again (sessions end when idle). */
async function at(dateTime: string) {
  clock.set(beijing(dateTime));
  for (const [key, username] of Object.entries(usernames)) s[key] = await signIn(app, username);
}

const notices = async (session: Session) => {
  const response = await session.get("/api/calendar/notices");
  expect(response.statusCode).toBe(200);
  return response.json() as { notices: { year: string; isStarted: boolean; startsOn: string }[]; abilities: { updateNational: boolean } };
};

/** One scheduler round at the clock's time; returns what it logged. */
async function tick(): Promise<string[]> {
  const logged: string[] = [];
  await runSchedulerTick(app.ctx, clock.now(), { warn: (line) => logged.push(line) });
  return logged;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, beijing("2026-10-31T23:59:00")));
  const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  for (const [key, roles, region] of [["rootAdmin", ["admin"], tree.province], ["window", ["window"], tree.counties[0]]] as const) {
    const actor = await database.db.transaction((tx) => makeStaff(tx, [...roles], region));
    usernames[key] = actor.username;
    s[key] = await signIn(app, actor.username);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("a missing holiday year is reported", () => {
  it("31 October: nothing yet, and nothing logged", async () => {
    expect((await notices(s.window)).notices).toEqual([]);
    expect(await tick()).toEqual([]);
  });

  it("1 November, 00:00 Beijing: 2027 is missing, for every staff member; only a root admin may load it", async () => {
    await at("2026-11-01T00:00:00");
    const seen = await notices(s.window);
    expect(seen).toEqual({ notices: [{ kind: "holiday_year_missing", year: "2027", startsOn: "2027-01-01", isStarted: false }], abilities: { updateNational: false } });
    expect((await notices(s.rootAdmin)).abilities.updateNational).toBe(true);
    expect((await s.window.get("/api/calendar")).json().notices).toEqual(seen.notices);
  });

  it("the server log says so once a Beijing day, whatever the number of ticks", async () => {
    const first = await tick();
    expect(first).toHaveLength(1);
    expect(first[0]).toContain("no holiday arrangement for 2027");
    clock.set(beijing("2026-11-01T15:00:00"));
    expect(await tick()).toEqual([]);
    clock.set(beijing("2026-11-01T23:59:59"));
    expect(await tick()).toEqual([]);
    clock.set(beijing("2026-11-02T00:00:01"));
    expect(await tick()).toHaveLength(1);
  });

  it("once loaded, the notice and the log stop", async () => {
    await at("2026-11-05T09:00:00");
    const response = await s.rootAdmin.request("PUT", "/api/calendar/2027", { off: [{ name: "元旦", from: "2027-01-01", to: "2027-01-01" }], work: [] });
    expect(response.statusCode).toBe(200);
    expect((await notices(s.window)).notices).toEqual([]);
    clock.set(beijing("2026-11-06T09:00:00"));
    expect(await tick()).toEqual([]);
  });

  it("a year that has begun without one is reported as started, even in spring", async () => {
    await at("2028-03-02T09:00:00");
    expect((await notices(s.window)).notices).toEqual([{ kind: "holiday_year_missing", year: "2028", startsOn: "2028-01-01", isStarted: true }]);
    const logged = await tick();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("2028, which has begun");
  });
});
