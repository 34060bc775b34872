/**
 * The audit log in words (issue 7, item 4): names of people and objects come with each entry,
 * and the log filters by person, action, object and Beijing day, within the reader's region
 * subtree only. Who may read it, and what a bad filter gets back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { systemActor, type StaffActor } from "../../src/server/policies/actor.ts";
import { recordAudit } from "../../src/server/modules/audit/record-audit.ts";
import { createVenue } from "../../src/server/modules/venues/commands/save-venue.ts";
import { regionPathOf } from "../../src/server/modules/regions/queries/find-regions.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { getTicketRow } from "../../src/server/modules/tickets/queries/get-ticket.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
let countyPath: string;
let siblingPath: string;
let countyAdmin: StaffActor;
let windowClerk: StaffActor;
let venueId: string;
let ticket: { id: string; number: string };
const s: Record<"cityAdmin" | "countyAdmin" | "supervisor" | "leader" | "siblingLeader" | "window" | "dispatcher", Session> = {} as never;

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");

type Entry = {
  id: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorUsername: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  entityLabel: string | null;
  entitySecondary: string | null;
};
type Page = { items: Entry[]; total: number; subject: { entityType: string; entityId: string; label: string | null } | null };

async function list(session: Session, query: Record<string, string>): Promise<Page> {
  const response = await session.get(`/api/audit?${new URLSearchParams(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  countyPath = (await regionPathOf(database.db, tree.counties[0]))!;
  siblingPath = (await regionPathOf(database.db, tree.counties[1]))!;
  const made = await database.db.transaction(async (tx) => ({
    cityAdmin: await makeStaff(tx, ["admin"], tree.city),
    countyAdmin: await makeStaff(tx, ["admin"], tree.counties[0]),
    supervisor: await makeStaff(tx, ["supervisor"], tree.counties[0]),
    leader: await makeStaff(tx, ["leader"], tree.counties[0]),
    siblingLeader: await makeStaff(tx, ["leader"], tree.counties[1]),
    window: await makeStaff(tx, ["window"], tree.counties[0]),
    dispatcher: await makeStaff(tx, ["dispatcher"], tree.counties[0]),
  }));
  countyAdmin = made.countyAdmin;
  windowClerk = made.window;
  for (const [key, actor] of Object.entries(made)) s[key as keyof typeof s] = await signIn(app, actor.username);
  venueId = await database.db.transaction((tx) => createVenue(tx, countyAdmin, { name: "审计测试中心", level: "center", regionCode: tree.counties[0] }, START));
  const created = await database.db.transaction((tx) =>
    createTicket(
      tx,
      systemActor("test"),
      { channel: "window", serviceType: "mediation", category: "邻里", regionCode: tree.villages[0][0][0], applicant: { name: "赵六", phone: "13912345678" }, description: "邻里排水纠纷" },
      START,
      { protector: app.ctx.protector },
    ),
  );
  ticket = { id: created.id, number: (await getTicketRow(database.db, created.id))!.number };
  // A failed sign-in as the window clerk: an anonymous entry about their account.
  const failed = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: windowClerk.username.toUpperCase(), password: "wrong-password-1" } });
  expect(failed.statusCode).toBe(401);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("entries come with names", () => {
  it("the actor's display name and the venue's name", async () => {
    const page = await list(s.countyAdmin, { entityType: "venue", entityId: venueId });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      action: "venue.create",
      actorId: countyAdmin.id,
      actorUsername: countyAdmin.username,
      actorName: countyAdmin.displayName,
      entityLabel: "审计测试中心",
    });
  });

  it("an account as display name with the username beside it; a region as its name with its code", async () => {
    const accounts = await list(s.cityAdmin, { action: "account.create", entityType: "account", entityId: windowClerk.id });
    expect(accounts.items[0]).toMatchObject({ actorKind: "system", actorName: null, entityLabel: windowClerk.displayName, entitySecondary: windowClerk.username });
    const regions = await list(s.cityAdmin, { action: "region.create", entityType: "region", entityId: tree.counties[0] });
    // Test regions come by import; name one directly.
    expect(regions.total).toBe(0);
    await database.db.transaction((tx) =>
      recordAudit(tx, { actor: countyAdmin, action: "region.create", entityType: "region", entityId: tree.townships[0][0], at: START, regionPath: countyPath }),
    );
    const named = await list(s.cityAdmin, { action: "region.create", entityType: "region", entityId: tree.townships[0][0] });
    expect(named.items[0]).toMatchObject({ entityLabel: "测试镇1-0-1", entitySecondary: tree.townships[0][0] });
  });
});

describe("filters", () => {
  it("by person: the account that acted", async () => {
    const page = await list(s.cityAdmin, { actorId: countyAdmin.id });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e) => e.actorId === countyAdmin.id)).toBe(true);
    expect(page.items.map((e) => e.action)).toContain("venue.create");
  });

  it("by person: a username, whatever its case, also finds the sign-in attempts made under it", async () => {
    const page = await list(s.countyAdmin, { actor: windowClerk.username.toUpperCase() });
    expect(page.items.map((e) => [e.action, e.actorKind])).toContainEqual(["auth.login_failed", "anonymous"]);
    expect(page.items.every((e) => e.actorUsername?.toLowerCase() === windowClerk.username.toLowerCase())).toBe(true);
  });

  it("by action", async () => {
    const page = await list(s.countyAdmin, { action: "auth.login_failed" });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e) => e.action === "auth.login_failed")).toBe(true);
    expect(page.items.find((e) => e.entityId === windowClerk.id)).toMatchObject({ entityLabel: windowClerk.displayName });
  });

  it("by object: as typed — a venue's name, an account's username", async () => {
    const byName = await list(s.countyAdmin, { entityType: "venue", entity: "审计测试中心" });
    expect(byName.items.map((e) => e.entityId)).toEqual([venueId]);
    expect(byName.subject).toEqual({ entityType: "venue", entityId: venueId, label: "审计测试中心" });
    const byUsername = await list(s.countyAdmin, { entityType: "account", entity: windowClerk.username });
    expect(byUsername.items.length).toBeGreaterThan(0);
    expect(byUsername.items.every((e) => e.entityId === windowClerk.id)).toBe(true);
  });

  it("by object: a ticket number names the ticket (for its timeline) only for who may read the ticket", async () => {
    const mine = await list(s.supervisor, { entityType: "ticket", entity: ticket.number });
    expect(mine.subject).toEqual({ entityType: "ticket", entityId: ticket.id, label: ticket.number });
    const sibling = await list(s.siblingLeader, { entityType: "ticket", entity: ticket.number });
    expect(sibling.subject).toBeNull();
    const byId = await list(s.siblingLeader, { entityType: "ticket", entityId: ticket.id });
    expect(byId.subject).toBeNull();
  });

  it("by time: Beijing days, both ends included, whatever the server's zone", async () => {
    const id = `edge-${Math.random()}`;
    const at = (iso: string) => new Date(iso);
    const instants = [
      at("2026-11-18T15:59:59.999Z"), // 18 Nov 23:59:59.999 Beijing
      at("2026-11-18T16:00:00.000Z"), // 19 Nov 00:00 Beijing
      at("2026-11-20T15:59:59.999Z"), // 20 Nov 23:59:59.999 Beijing
      at("2026-11-20T16:00:00.000Z"), // 21 Nov 00:00 Beijing
    ];
    await database.db.transaction(async (tx) => {
      for (const instant of instants) await recordAudit(tx, { actor: countyAdmin, action: "venue.update", entityType: "venue", entityId: id, at: instant });
    });
    const times = async (query: Record<string, string>) => (await list(s.countyAdmin, { entityType: "venue", entityId: id, ...query })).items.map((e) => e.at).sort();
    expect(await times({ from: "2026-11-19", to: "2026-11-20" })).toEqual([instants[1], instants[2]].map((d) => d.toISOString()));
    expect(await times({ from: "2026-11-19", to: "2026-11-19" })).toEqual([instants[1].toISOString()]);
    expect(await times({ to: "2026-11-18" })).toEqual([instants[0].toISOString()]);
    expect(await times({ from: "2026-11-21" })).toEqual([instants[3].toISOString()]);
  });

  it("filters combine, newest first (in the order written), and page", async () => {
    const page = await list(s.cityAdmin, { actorId: countyAdmin.id, action: "venue.update", limit: "2", offset: "1" });
    const all = await list(s.cityAdmin, { actorId: countyAdmin.id, action: "venue.update" });
    expect(page.total).toBe(all.total);
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(1, 3).map((e) => e.id));
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe("region scoping", () => {
  it("a sibling county's entries are invisible, even to a filter naming them", async () => {
    const id = `outside-${Math.random()}`;
    await database.db.transaction((tx) =>
      recordAudit(tx, { actor: systemActor("test"), action: "venue.update", entityType: "venue", entityId: id, at: START, regionPath: siblingPath }),
    );
    for (const session of [s.countyAdmin, s.supervisor, s.leader]) {
      const page = await list(session, { entityType: "venue", entityId: id, action: "venue.update", from: "2026-11-20", to: "2026-11-20" });
      expect(page).toEqual({ items: [], total: 0, subject: null });
      expect((await list(session, { entityType: "venue", entity: id })).total).toBe(0);
    }
    expect((await list(s.siblingLeader, { entityType: "venue", entityId: id })).total).toBe(1);
    expect((await list(s.cityAdmin, { entityType: "venue", entityId: id })).total).toBe(1);
  });

  it("no filter shows an entry outside the reader's subtree", async () => {
    const page = await list(s.supervisor, { limit: "200" });
    expect(page.total).toBeGreaterThan(0);
    // Every entry the county reader sees belongs to the county; checked on the database.
    const ids = page.items.map((e) => e.id);
    const { rows } = await database.pool.query<{ region_path: string | null }>("select region_path from audit_log where id = any($1)", [ids]);
    expect(rows.every((r) => r.region_path?.startsWith(countyPath))).toBe(true);
  });
});

describe("who may read the audit log", () => {
  it.each(["cityAdmin", "countyAdmin", "supervisor", "leader"] as const)("%s may", async (who) => {
    expect((await s[who].get("/api/audit")).statusCode).toBe(200);
  });

  it.each(["window", "dispatcher"] as const)("%s is refused with 403", async (who) => {
    const response = await s[who].get("/api/audit");
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("FORBIDDEN");
  });

  it("nobody signed out", async () => {
    expect((await app.inject({ method: "GET", url: "/api/audit" })).statusCode).toBe(401);
  });
});

describe("a bad filter is refused naming the field", () => {
  it.each([
    ["actorId=not-a-uuid", "actorId"],
    ["actor=%20%20", "actor"],
    ["action=DROP%20TABLE", "action"],
    ["entityType=Venue!", "entityType"],
    ["entity=%20", "entity"],
    ["from=2026-02-30", "from"],
    ["to=20261120", "to"],
    ["from=2026-11-21&to=2026-11-20", "to"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["offset=-1", "offset"],
    ["colour=red", "colour"],
  ])("GET /api/audit?%s → 400 naming %s", async (query, field) => {
    const response = await s.cityAdmin.get(`/api/audit?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });
});
