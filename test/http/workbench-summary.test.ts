/**
 * The staff home page's summary: every count is the total of the list it links
 * to (for several roles, one account with two roles among them), an account sees
 * only its own region's tickets in it, "since yesterday" starts at 00:00 Beijing time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
import { TICKET_COUNTS } from "../../src/server/modules/tickets/queries/ticket-summary.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};
const tickets: Record<string, string> = {};

// Tuesday 17 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-17T10:00:00+08:00");

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
  await make("otherWindow", ["window"], tree.counties[1]);
  await make("windowDispatcher", ["window", "dispatcher"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("operator", ["operator"], tree.city);
  await make("supervisor", ["supervisor"], tree.city);
  await make("otherSupervisor", ["supervisor"], tree.counties[1]);
  await make("leader", ["leader"], tree.city);
  await make("admin", ["admin"], tree.city);

  const walkIn = (who: Session, regionCode: string, serviceType: string) =>
    who.request("POST", "/api/tickets", {
      channel: "window",
      serviceType,
      category: "邻里",
      regionCode,
      applicant: { name: "赵六", phone: "13812345678" },
      description: "邻居违建影响采光",
    });
  const act = async (who: Session, id: string, body: Record<string, unknown>) => expect((await who.request("POST", `/api/tickets/${id}/actions`, body)).statusCode).toBe(200);
  const create = async (key: string, who: Session, regionCode: string, serviceType = "mediation") => {
    const response = await walkIn(who, regionCode, serviceType);
    expect(response.statusCode).toBe(201);
    tickets[key] = response.json().id;
  };
  // assigned: with the county's lawyer, supervised; waiting: not yet dispatched;
  // elsewhere: waiting in the other county; done: resolved and rated low.
  // A consultation is answered within 3 working days: overdue by next Monday (a mediation has 30 days).
  await create("assigned", s.window, tree.townships[0][0], "consultation");
  await act(s.window, tickets.assigned, { action: "accept" });
  await act(s.dispatcher, tickets.assigned, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
  await create("waiting", s.window, tree.townships[0][1]);
  await create("elsewhere", s.otherWindow, tree.townships[1][0]);
  await create("done", s.window, tree.townships[0][0]);
  await act(s.window, tickets.done, { action: "accept" });
  await act(s.dispatcher, tickets.done, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
  await act(s.lawyer, tickets.done, { action: "resolve", summary: "双方达成调解协议" });
  const rated = await s.operator.request("POST", `/api/tickets/${tickets.done}/rating`, { attitude: 2, speed: 1, policy: 2, expertise: 2 });
  expect(rated.statusCode).toBe(201);
  const order = await s.supervisor.request("POST", `/api/tickets/${tickets.assigned}/supervision`, {
    reason: "群众多次来电催办",
    dueAt: new Date(START.getTime() + 86_400_000).toISOString(),
  });
  expect(order.statusCode).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function summaryOf(who: Session) {
  const response = await who.get("/api/workbench/summary");
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** Each count against the total of the list it names, as the home page links them. */
async function expectCountsToMatchLists(key: string) {
  const who = s[key];
  const summary = await summaryOf(who);
  for (const [name, query] of Object.entries(TICKET_COUNTS)) {
    const list = await who.get(`/api/tickets?${new URLSearchParams({ ...query, limit: "1" })}`);
    expect(list.statusCode).toBe(200);
    expect({ who: key, name, count: summary.tickets[name] }).toEqual({ who: key, name, count: list.json().total });
  }
  for (const queue of ["mine", "open"] as const) {
    const list = await who.get(`/api/follow-ups?queue=${queue}&limit=1`);
    if (summary.followUps[queue] === null) {
      // No such queue for this account: the list refuses it, or (mine, for overseers) has nothing of theirs.
      expect(list.statusCode === 403 || list.json().total === 0).toBe(true);
    } else {
      expect({ who: key, queue, count: summary.followUps[queue] }).toEqual({ who: key, queue, count: list.json().total });
    }
  }
  for (const state of ["open", "overdue"] as const) {
    const list = await who.get(`/api/supervision?state=${state}&limit=1`);
    if (summary.supervision === null) expect(list.statusCode).toBe(403);
    else expect({ who: key, state, count: summary.supervision[state] }).toEqual({ who: key, state, count: list.json().total });
  }
  const waiting = await who.get("/api/requests/awaiting-reply");
  expect(waiting.statusCode).toBe(200);
  // An account that answers no applicant has no such count (and an empty list).
  if (summary.awaitingReplies === null) expect(waiting.json().items).toEqual([]);
  else expect({ who: key, awaitingReplies: summary.awaitingReplies }).toEqual({ who: key, awaitingReplies: waiting.json().items.length });
  return summary;
}

describe("GET /api/workbench/summary", () => {
  it("is for signed-in staff only", async () => {
    expect((await app.inject({ method: "GET", url: "/api/workbench/summary" })).statusCode).toBe(401);
  });

  it("every count equals the total of the list it links to, for every role", async () => {
    for (const key of Object.keys(s)) await expectCountsToMatchLists(key);
  });

  it("counts the account's own work", async () => {
    const lawyer = await summaryOf(s.lawyer);
    // The assigned ticket and the resolved one awaiting its follow-up.
    expect(lawyer.tickets).toMatchObject({ mine: 2, unit: 1 });
    expect(lawyer.followUps).toEqual({ mine: null, open: null });
    expect(lawyer.supervision).toBeNull();

    const dispatcher = await summaryOf(s.dispatcher);
    expect(dispatcher.tickets).toMatchObject({ unassigned: 2, supervised: 1, mine: 0 });
    expect(dispatcher.supervision).toEqual({ open: 1, overdue: 0 });

    // The operator's 回访 of the resolved ticket; the low rating opened the supervisor's.
    expect((await summaryOf(s.operator)).followUps).toEqual({ mine: 1, open: 1 });
    expect((await summaryOf(s.supervisor)).followUps).toEqual({ mine: 1, open: 1 });
    expect((await summaryOf(s.admin)).followUps).toEqual({ mine: null, open: 2 });
  });

  it("an account outside a region sees none of its tickets in the counts", async () => {
    const window = await summaryOf(s.window);
    expect(window.tickets.unassigned).toBe(1);
    expect(window.changes).toMatchObject({ created: 3, resolved: 1 });
    const other = await summaryOf(s.otherWindow);
    expect(other.tickets).toEqual({ mine: 0, mine_due_soon: 0, mine_overdue: 0, unit: 0, unassigned: 1, due_soon: other.tickets.due_soon, overdue: 0, bounced: 0, supervised: 0 });
    expect(other.changes).toMatchObject({ created: 1, resolved: 0, overdue: 0 });
    expect(other.today).toMatchObject({ received: 1, receivedByChannel: { window: 1 }, resolved: 0, ratings: { count: 0, averageScore: null, satisfiedShare: null } });
    const otherSupervisor = await summaryOf(s.otherSupervisor);
    expect(otherSupervisor.supervision).toEqual({ open: 0, overdue: 0 });
    expect(otherSupervisor.followUps).toEqual({ mine: 0, open: 0 });
  });

  it("gives a leader today's figures", async () => {
    const leader = await summaryOf(s.leader);
    expect(leader.today).toMatchObject({
      since: "2026-11-16T16:00:00.000Z",
      received: 4,
      receivedByChannel: { window: 4 },
      resolved: 1,
      ratings: { count: 1, averageScore: 1.75, satisfiedShare: 0 },
    });
    expect(leader.changes).toMatchObject({ since: "2026-11-15T16:00:00.000Z", created: 4, resolved: 1, overdue: 0 });
  });

  it("after the deadlines run out: overdue counted, and 'since yesterday' starts at yesterday 00:00 Beijing time", async () => {
    // Monday 23 November, 09:00: the accept deadlines of Tuesday's tickets are long past.
    clock.set("2026-11-23T09:00:00+08:00");
    for (const [key, session] of Object.entries(s)) s[key] = await signIn(app, session.username);
    await runSchedulerTick(app.ctx, clock.now());

    const leader = await expectCountsToMatchLists("leader");
    expect(leader.tickets.overdue).toBeGreaterThan(0);
    expect(leader.changes).toMatchObject({ since: "2026-11-21T16:00:00.000Z", created: 0, resolved: 0 });
    expect(leader.changes.overdue).toBe(leader.tickets.overdue);
    expect(leader.today).toMatchObject({ received: 0, resolved: 0 });
    for (const key of ["window", "otherWindow", "lawyer", "dispatcher", "windowDispatcher", "supervisor"]) await expectCountsToMatchLists(key);
    // The lawyer's own overdue ticket is the assigned one, in the "mine, overdue" list.
    const lawyer = await summaryOf(s.lawyer);
    expect(lawyer.tickets.mine_overdue).toBe(1);
    expect((await s.lawyer.get("/api/tickets?queue=mine&due=overdue")).json().items.map((t: { id: string }) => t.id)).toEqual([tickets.assigned]);
    expect((await summaryOf(s.otherWindow)).changes.overdue).toBe(1);
  });
});
