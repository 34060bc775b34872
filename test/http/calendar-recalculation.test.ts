/**
 * Editing the calendar moves the deadlines already running (issue 6, item 14).
 * Deadlines across New Year 2027 are counted while 2027 has no arrangement
 * (weekends only: 1 January is a working day), then the 2027 arrangement is
 * saved: every running or paused working-day deadline the year touches is counted
 * again from its start, with suspensions, extensions and reopening replayed from
 * the trail; each moved one gets a `deadline.recalculated` event and the queues
 * follow. Hour limits and met deadlines stay as they were.
 *
 * 2027's real arrangement is not out yet; the test uses 1–3 January off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { endOfBeijingDay } from "../../src/server/modules/calendar/working-calendar.ts";
import { calendarHooks } from "../../src/server/modules/calendar/calendar.events.ts";
import { recalculateDeadlines } from "../../src/server/modules/tickets/commands/recalculate-deadlines.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const usernames: Record<string, string> = {};
const t: Record<string, { id: string; number: string }> = {};

const beijing = (dateTime: string) => `${dateTime}:00+08:00`;
const endOf = (date: string) => endOfBeijingDay(date).toISOString();
const NEW_YEAR_2027 = { off: [{ name: "元旦", from: "2027-01-01", to: "2027-01-03" }], work: [], source: "测试：2027年元旦放假1月1日至3日" };

type Deadline = { step: string; dueAt: string; state: string; amount: number; unit: string };
type TicketView = { id: string; number: string; dueState: string; nextDueAt: string | null; deadlines: Deadline[] };
type Event = { type: string; actorName: string; data: Record<string, unknown> };

async function create(key: string, serviceType: string, regionCode: string) {
  const response = await s.desk.request("POST", "/api/tickets", { channel: "window", serviceType, category: "劳动争议", regionCode, applicant: { name: `申请人${key}` }, description: `事项${key}` });
  expect(response.statusCode).toBe(201);
  t[key] = { id: response.json().id, number: response.json().number };
}

async function act(key: string, action: string, extra: Record<string, unknown> = {}) {
  const response = await s.desk.request("POST", `/api/tickets/${t[key].id}/actions`, { action, ...extra });
  expect(response.statusCode, response.body).toBe(200);
}

const ticket = async (key: string): Promise<TicketView> => (await s.desk.get(`/api/tickets/${t[key].id}`)).json();
const due = async (key: string, step: string) => (await ticket(key)).deadlines.find((d) => d.step === step)!;
const recalculations = async (key: string): Promise<Event[]> => {
  const audit = (await s.desk.get(`/api/tickets/${t[key].id}/audit`)).json();
  expect(audit.verified).toBe(true);
  return audit.events.filter((e: Event) => e.type === "deadline.recalculated");
};
/** Moves the clock; sessions idle for days have ended, so everyone signs in again. */
async function at(dateTime: string) {
  clock.set(beijing(dateTime));
  for (const [key, username] of Object.entries(usernames)) s[key] = await signIn(app, username);
}

const queue = async (name: string) => ((await s.desk.get(`/api/tickets?queue=${name}&limit=100`)).json().items as TicketView[]).map((i) => i.id);

beforeAll(async () => {
  database = await createTestDatabase();
  const built = await createTestApp(database, new Date(beijing("2026-12-28T10:00")));
  ({ app, clock } = built);
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string, name?: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region, name));
    usernames[key] = actor.username;
    s[key] = await signIn(app, actor.username);
  };
  await make("rootAdmin", ["admin"], tree.province, "rootadmin2027");
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("desk", ["window", "dispatcher"], tree.city);

  // A legal aid ticket opens its legal aid case at intake, which takes it in at once (docs/legal-aid-flow.md).
  // This test is about a ticket's own deadlines, so notarization stands in with legal aid's limits.
  const notarization = (await s.rootAdmin.get("/api/settings/services")).json().items.find((i: { serviceType: string }) => i.serviceType === "notarization");
  const stand = await s.rootAdmin.request("PUT", "/api/settings/services/notarization", {
    checklist: notarization.checklist,
    deadlines: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 7, unit: "working_days" }],
    isAutoDispatch: false,
  });
  expect(stand.statusCode, stand.body).toBe(200);

  const [village0, village1] = [tree.villages[0][0][0], tree.villages[1][0][0]];
  const assign = (key: string, unit: string) => act(key, "assign", { unitRegionCode: unit });

  // Monday 28 December 2026. Accept in 1, resolve in 7 working days.
  for (const key of ["plain", "resumed", "resumedSibling", "suspended", "extended", "reopened", "unexplained"]) {
    await create(key, "notarization", key === "resumedSibling" ? village1 : village0);
  }
  await create("short", "consultation", village0);
  for (const key of ["resumed", "resumedSibling", "suspended", "reopened"]) {
    await act(key, "accept");
    await assign(key, key === "resumedSibling" ? tree.counties[1] : tree.counties[0]);
  }
  await act("reopened", "resolve", { summary: "已答复" });
  // A deadline whose stored time its trail does not explain (changed outside the commands).
  await database.db.execute(sql`update ticket_deadlines set due_at = due_at + interval '2 days' where ticket_id = ${t.unexplained.id} and step = 'resolve'`);

  await at("2026-12-29T10:00");
  await act("resumed", "suspend", { reason: "等待补充材料" });
  await act("resumedSibling", "suspend", { reason: "等待补充材料" });
  expect((await s.desk.request("POST", `/api/tickets/${t.extended.id}/extensions`, { step: "resolve", amount: 2, unit: "working_days", reason: "案情复杂" })).statusCode).toBe(200);
  await act("reopened", "reopen", { reason: "申请人不满意" });

  await at("2026-12-30T10:00");
  await act("suspended", "suspend", { reason: "当事人住院" });

  await at("2026-12-31T10:00");
  await act("resumed", "resume");
  await act("resumedSibling", "resume");
  // Thursday 31 December: accept due "Friday 1 January" while 2027 is unknown.
  await create("met", "notarization", village0);
  await act("met", "accept");
  // Mediation: accept in 1 working day, resolve in 720 hours.
  await create("hours", "mediation", village0);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("before 2027 is loaded, 1 January counts as a working day", () => {
  it.each([
    ["plain", "resolve", "2027-01-06"],
    ["resumed", "resolve", "2027-01-08"],
    ["suspended", "resolve", "2027-01-06"],
    ["extended", "resolve", "2027-01-08"],
    ["reopened", "resolve", "2027-01-07"],
    ["met", "accept", "2027-01-01"],
    ["hours", "accept", "2027-01-01"],
  ])("%s: %s due %s", async (key, step, day) => {
    expect((await due(key, step)).dueAt).toBe(endOf(day));
  });

  it("on New Year's Day the mediation ticket is due soon in the queue", async () => {
    await at("2027-01-01T10:00");
    await runSchedulerTick(app.ctx, clock.now(), { warn: () => {} });
    expect((await ticket("hours")).dueState).toBe("due_soon");
    expect(await queue("due_soon")).toContain(t.hours.id);
  });
});

describe("saving the 2027 arrangement recalculates them", () => {
  let hoursResolveBefore: string;
  let metAcceptBefore: Deadline;

  beforeAll(async () => {
    hoursResolveBefore = (await due("hours", "resolve")).dueAt;
    metAcceptBefore = await due("met", "accept");
    const response = await s.rootAdmin.request("PUT", "/api/calendar/2027", NEW_YEAR_2027);
    expect(response.statusCode).toBe(200);
  });

  it.each([
    // 29, 30, 31 December, then 4–7 January.
    ["plain", "resolve", "2027-01-06", "2027-01-07"],
    // Paused 29–30 December (2 working days either way), on a base that moved a day: 8 → 11 January.
    ["resumed", "resolve", "2027-01-08", "2027-01-11"],
    // Still suspended: its base moves; the pause is added when it resumes.
    ["suspended", "resolve", "2027-01-06", "2027-01-07"],
    // Two working days approved on 29 December, added to the new base.
    ["extended", "resolve", "2027-01-08", "2027-01-11"],
    // Restarted on 29 December by reopening: counted from then.
    ["reopened", "resolve", "2027-01-07", "2027-01-08"],
    ["hours", "accept", "2027-01-01", "2027-01-04"],
  ])("%s: %s moves from %s to %s, with the event on its trail", async (key, step, from, to) => {
    expect((await due(key, step)).dueAt).toBe(endOf(to));
    const events = await recalculations(key);
    expect(events).toEqual([
      expect.objectContaining({
        actorName: "rootadmin2027",
        data: { step, previousDueAt: endOf(from), dueAt: endOf(to), year: "2027", calendar: "national", reason: "holiday_year_saved" },
      }),
    ]);
  });

  it("the paused deadline stays paused", async () => {
    expect((await due("suspended", "resolve")).state).toBe("paused");
  });

  it("the queue follows: the mediation ticket is no longer due soon", async () => {
    const hours = await ticket("hours");
    expect(hours.dueState).toBe("ok");
    expect(hours.nextDueAt).toBe(endOf("2027-01-04"));
    expect(await queue("due_soon")).not.toContain(t.hours.id);
  });

  it("an hour limit is untouched", async () => {
    expect((await due("hours", "resolve")).dueAt).toBe(hoursResolveBefore);
    expect((await recalculations("hours")).map((e) => e.data.step)).toEqual(["accept"]);
  });

  it("a met deadline is untouched", async () => {
    expect(await due("met", "accept")).toEqual(metAcceptBefore);
    expect((await recalculations("met")).map((e) => e.data.step)).toEqual(["resolve"]);
  });

  it("a deadline the year does not change gets no event", async () => {
    // Consultation: resolved in 3 working days, 29–31 December.
    expect((await due("short", "resolve")).dueAt).toBe(endOf("2026-12-31"));
    expect(await recalculations("short")).toEqual([]);
    expect((await recalculations("plain")).map((e) => e.data.step)).toEqual(["resolve"]);
  });

  it("a deadline whose time the trail does not explain is left alone, and the audit log names it", async () => {
    // Stored as 8 January; replayed on the old calendar it would be the 6th, so nobody knows what moved it.
    expect((await due("unexplained", "resolve")).dueAt).toBe(endOf("2027-01-08"));
    expect(await recalculations("unexplained")).toEqual([]);
    const [entry] = (await database.db.execute<{ detail: Record<string, unknown> }>(sql`select detail from audit_log where action = 'deadlines.recalculated' and entity_id = '2027'`)).rows;
    expect(entry.detail).toMatchObject({ year: "2027", calendar: "national", unexplained: [t.unexplained.number] });
  });

  it("resuming later counts the pause on the new calendar", async () => {
    await at("2027-01-05T10:00");
    await act("suspended", "resume");
    // Paused 30, 31 December and 4 January (1–3 January off): 3 working days after the 7th.
    expect((await due("suspended", "resolve")).dueAt).toBe(endOf("2027-01-12"));
  });
});

describe("a region's additions move only that region's deadlines", () => {
  beforeAll(async () => {
    // Every ticket in its own round here, to go through the batching.
    calendarHooks.subscribe("calendar.changed", "tickets.recalculate-deadlines", async (tx, change) => {
      await recalculateDeadlines(tx, change, { batchSize: 1 });
    });
    const response = await s.countyAdmin.request("PUT", "/api/calendar/2027/regional", { off: [{ name: "本地假日", from: "2027-01-11", to: "2027-01-11" }], work: [] });
    expect(response.statusCode).toBe(200);
  });

  it("county 0's tickets move past the local holiday", async () => {
    expect((await due("resumed", "resolve")).dueAt).toBe(endOf("2027-01-12"));
    expect((await due("suspended", "resolve")).dueAt).toBe(endOf("2027-01-13"));
    expect((await recalculations("resumed")).at(-1)!.data).toMatchObject({ year: "2027", calendar: { regionCode: tree.counties[0], regionName: "测试县1-0" } });
  });

  it("the same history in the sibling county does not", async () => {
    expect((await due("resumedSibling", "resolve")).dueAt).toBe(endOf("2027-01-11"));
    expect(await recalculations("resumedSibling")).toHaveLength(1);
  });
});
