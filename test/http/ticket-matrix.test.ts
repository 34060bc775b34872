/**
 * The whole permission matrix of the ticket routes: every action and ability ×
 * every role × each way of seeing a ticket:
 *
 * - matter:   the account's region covers the matter's region (county B);
 * - unit:     its region covers the handling unit's (township A1), not the matter's;
 * - assignee: it holds the ticket, and its region covers neither (a village of township A2);
 * - outside:  none of these (township A2).
 *
 * For each case the ticket is put in the status the action needs, then:
 * - outside the view: GET and the action answer 404;
 * - in view: the `abilities` GET sends say exactly what the action then does
 *   (true → 2xx and the change is stored; false → 403, nothing changes);
 * - the expected answer follows the rules written out below, so a change of
 *   policy shows up here as a changed line of the table.
 * An action that takes the ticket out of the actor's view (sent back,
 * transferred or delegated away) answers 200 with a receipt, never a rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { ROLES, systemActor, type Role, type StaffActor } from "../../src/server/policies/actor.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { actOnTicket } from "../../src/server/modules/tickets/commands/act-on-ticket.ts";
import { insertSupervisionOrder } from "../../src/server/modules/oversight/commands/issue-supervision.ts";
import { lockTicket } from "../../src/server/modules/tickets/queries/get-ticket.ts";
import type { TicketActionType, TicketStatus } from "../../src/server/modules/tickets/tickets.state.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

type Relation = "matter" | "unit" | "assignee" | "outside";
const RELATIONS: Relation[] = ["matter", "unit", "assignee", "outside"];
type Ability = TicketActionType | "supervise" | "respondSupervision" | "recordRating" | "updateMaterials" | "extendDeadline" | "message";

const START = new Date("2026-11-18T10:00:00+08:00");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake png body")]);

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const actors = new Map<string, { actor: StaffActor; session: Session }>();
const who = (role: Role, relation: Relation) => actors.get(`${role}:${relation}`)!;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const regionOf: Record<Relation, string> = {
    matter: tree.counties[1],
    unit: tree.townships[0][0],
    assignee: tree.villages[0][1][0],
    outside: tree.townships[0][1],
  };
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const actor = await database.db.transaction((tx) => makeStaff(tx, [role], regionOf[relation]));
      actors.set(`${role}:${relation}`, { actor, session: await signIn(app, actor.username) });
    }
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

// ---- the rules, written out ----

const HANDLER_ROLES: Role[] = ["lawyer", "mediator", "reviewer", "advisor", "window", "operator"];
type Case = { role: Role; relation: Relation; hasUnit: boolean; isAssignee: boolean };
const visible = (c: Case) => c.relation === "matter" || (c.relation === "unit" && c.hasUnit) || (c.relation === "assignee" && c.isAssignee);
const scoped = (...roles: Role[]) => (c: Case) => visible(c) && roles.includes(c.role);
/** The assignee, or a handling-role member of the unit while nobody holds it. */
const handler = (c: Case) => (c.relation === "assignee" && c.isAssignee) || (c.relation === "unit" && c.hasUnit && !c.isAssignee && HANDLER_ROLES.includes(c.role));
const either = (...rules: ((c: Case) => boolean)[]) => (c: Case) => rules.some((rule) => rule(c));

/** Each ability: the status it is tried in, who may, and the request that exercises it. */
const SPEC: Record<Ability, { status: TicketStatus; isAllowed: (c: Case) => boolean; created?: boolean }> = {
  accept: { status: "submitted", isAllowed: scoped("window", "operator", "dispatcher", "admin") },
  reject: { status: "submitted", isAllowed: scoped("window", "operator", "dispatcher", "admin") },
  merge_into: { status: "submitted", isAllowed: scoped("window", "operator", "dispatcher") },
  assign: { status: "accepted", isAllowed: scoped("dispatcher") },
  start: { status: "assigned", isAllowed: handler },
  transfer: { status: "assigned", isAllowed: either(handler, scoped("dispatcher")) },
  delegate: { status: "assigned", isAllowed: handler },
  send_back: { status: "assigned", isAllowed: handler },
  suspend: { status: "in_progress", isAllowed: handler },
  resume: { status: "suspended", isAllowed: handler },
  resolve: { status: "in_progress", isAllowed: handler },
  follow_up: { status: "resolved", isAllowed: scoped("operator", "supervisor", "dispatcher") },
  archive: { status: "followed_up", isAllowed: scoped("dispatcher", "admin") },
  reopen: { status: "resolved", isAllowed: scoped("dispatcher", "supervisor", "operator") },
  supervise: { status: "in_progress", isAllowed: scoped("supervisor"), created: true },
  respondSupervision: { status: "in_progress", isAllowed: handler },
  recordRating: { status: "resolved", isAllowed: scoped("operator", "window", "dispatcher", "supervisor"), created: true },
  updateMaterials: { status: "assigned", isAllowed: either(scoped("window", "operator", "dispatcher"), handler) },
  extendDeadline: { status: "in_progress", isAllowed: scoped("dispatcher", "supervisor") },
  // The thread with a portal applicant (issue 8): the front desk, the command centre, supervisors and the handler.
  message: { status: "assigned", isAllowed: either(scoped("window", "operator", "dispatcher", "supervisor"), handler), created: true },
};
const ABILITIES = Object.keys(SPEC) as Ability[];
const HAS_UNIT: TicketStatus[] = ["assigned", "in_progress", "suspended", "resolved", "followed_up"];

// ---- tickets in a given status ----

/** A ticket about a village of county B, handled (once dispatched) by township A1; the assignee, if any, set as an insider would. */
async function makeTicket(status: TicketStatus, assigneeId: string | null): Promise<{ id: string; orderId?: string }> {
  const { protector } = app.ctx;
  const system = systemActor("test");
  return database.db.transaction(async (tx) => {
    const now = START;
    const { id } = await createTicket(
      tx,
      system,
      { channel: "window", serviceType: "mediation", category: "邻里", regionCode: tree.villages[1][0][0], applicant: { name: "赵六", phone: "13912345678" }, description: "邻里排水纠纷" },
      now,
      { protector },
    );
    const act = (input: Parameters<typeof actOnTicket>[3]) => actOnTicket(tx, system, id, input, now, { protector });
    const path: Partial<Record<TicketStatus, () => Promise<void>>> = {
      accepted: () => act({ action: "accept" }),
      assigned: () => act({ action: "assign", unitRegionCode: tree.townships[0][0], assigneeId: null }),
      in_progress: () => act({ action: "start" }),
      suspended: () => act({ action: "suspend", reason: "等待补充材料" }),
      resolved: () => act({ action: "resolve", summary: "已调解" }),
      followed_up: () => act({ action: "follow_up", outcome: "当事人满意" }),
    };
    const order: TicketStatus[] = status === "suspended" ? ["accepted", "assigned", "in_progress", "suspended"] : ["accepted", "assigned", "in_progress", "resolved", "followed_up"];
    for (const step of order.slice(0, order.indexOf(status) + 1)) await path[step]!();
    // Who holds it is set directly: the assign action only takes people of the unit, and the
    // point of the "assignee" relation is someone who sees the ticket only because they hold it.
    if (assigneeId) await tx.execute(sql`update tickets set assignee_id = ${assigneeId} where id = ${id}`);
    let orderId: string | undefined;
    if (status === "in_progress") {
      const row = await lockTicket(tx, id);
      orderId = await insertSupervisionOrder(tx, system, row, { reason: "请加快办理", dueAt: new Date(now.getTime() + 3 * 86_400_000), isAutomatic: false, addresseeIds: [] }, now);
    }
    return { id, orderId };
  });
}

/** The request that exercises an ability, as the actor would send it. */
function perform(session: Session, actor: StaffActor, ability: Ability, ticket: { id: string; orderId?: string }, mergeTarget: string) {
  const actions = `/api/tickets/${ticket.id}/actions`;
  switch (ability) {
    case "reject":
    case "send_back":
    case "suspend":
    case "reopen":
      return session.request("POST", actions, { action: ability, reason: "测试原因" });
    case "assign":
      return session.request("POST", actions, { action: "assign", unitRegionCode: actor.regionCode, assigneeId: null });
    case "transfer":
      return session.request("POST", actions, { action: "transfer", unitRegionCode: tree.townships[1][1], reason: "属地管辖" });
    case "delegate":
      return session.request("POST", actions, { action: "delegate", unitRegionCode: tree.villages[0][0][0], assigneeId: null });
    case "resolve":
      return session.request("POST", actions, { action: "resolve", summary: "已办结" });
    case "follow_up":
      return session.request("POST", actions, { action: "follow_up", outcome: "当事人满意" });
    case "merge_into":
      return session.request("POST", actions, { action: "merge_into", targetTicketId: mergeTarget });
    case "supervise":
      return session.request("POST", `/api/tickets/${ticket.id}/supervision`, { reason: "请加快办理", dueAt: "2026-11-25T10:00:00+08:00" });
    case "respondSupervision":
      return session.request("POST", `/api/supervision/${ticket.orderId}/respond`, { response: "已联系当事人" });
    case "recordRating":
      return session.request("POST", `/api/tickets/${ticket.id}/rating`, { attitude: 5, speed: 4, policy: 5, expertise: 5 });
    case "updateMaterials":
      return session.request("PATCH", `/api/tickets/${ticket.id}/materials`, { materialsProvided: ["id_card"] });
    case "extendDeadline":
      return session.request("POST", `/api/tickets/${ticket.id}/extensions`, { step: "resolve", amount: 1, unit: "hours", reason: "当事人出差" });
    case "message":
      return session.request("POST", `/api/tickets/${ticket.id}/messages`, { body: "请补充劳动合同。" });
    default:
      return session.request("POST", actions, { action: ability });
  }
}

const cases = ABILITIES.flatMap((ability) => ROLES.flatMap((role) => RELATIONS.map((relation) => ({ ability, role, relation }))));

describe("every ability × every role × each way of seeing a ticket", () => {
  /** Refusals change nothing, so they share one ticket per ability and relation. */
  const probes = new Map<string, Promise<{ id: string; orderId?: string }>>();
  const probe = (ability: Ability, relation: Relation) => {
    const key = `${ability}:${relation}`;
    if (!probes.has(key)) probes.set(key, makeTicket(SPEC[ability].status, null));
    return probes.get(key)!;
  };
  let mergeTarget: Promise<{ id: string }>;

  it.each(cases)("$ability by $role ($relation)", async ({ ability, role, relation }) => {
    const { actor, session } = who(role, relation);
    const spec = SPEC[ability];
    const c: Case = { role, relation, hasUnit: HAS_UNIT.includes(spec.status), isAssignee: relation === "assignee" && HAS_UNIT.includes(spec.status) };
    const isAllowed = spec.isAllowed(c);
    mergeTarget ??= makeTicket("submitted", null);
    const ticket = isAllowed ? await makeTicket(spec.status, c.isAssignee ? actor.id : null) : await probe(ability, relation);
    if (!isAllowed && c.isAssignee) await database.db.execute(sql`update tickets set assignee_id = ${actor.id} where id = ${ticket.id}`);
    const before = (await database.db.execute<{ status: string; updated_at: Date }>(sql`select status, updated_at from tickets where id = ${ticket.id}`)).rows[0];

    const shown = await session.get(`/api/tickets/${ticket.id}`);
    expect(shown.statusCode, "GET").toBe(visible(c) ? 200 : 404);
    if (visible(c)) expect(shown.json().abilities[ability], "abilities sent with the ticket").toBe(isAllowed);

    const response = await perform(session, actor, ability, ticket, (await mergeTarget).id);
    const expected = !visible(c) ? 404 : !isAllowed ? 403 : spec.created ? 201 : 200;
    expect(response.statusCode, response.body).toBe(expected);
    const after = (await database.db.execute<{ status: string; updated_at: Date; assignee_id: string | null }>(sql`select status, updated_at, assignee_id from tickets where id = ${ticket.id}`)).rows[0];
    if (!isAllowed) {
      expect(after.status).toBe(before.status);
      expect(new Date(after.updated_at).getTime()).toBe(new Date(before.updated_at).getTime());
      if (c.isAssignee) await database.db.execute(sql`update tickets set assignee_id = null where id = ${ticket.id}`);
      return;
    }
    const body = response.json();
    if (body.receipt) {
      // Out of the actor's view now: the action stood, and the answer tells only what they may still know.
      expect(["send_back", "transfer", "delegate"]).toContain(ability);
      expect(body).toMatchObject({ id: ticket.id, status: after.status, action: ability });
      expect(body.applicant).toBeUndefined();
      expect((await session.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    }
  });
});

describe("handlers who see a ticket only because they hold it can still hand it on (issue 6, item 1)", () => {
  it("a village advisor sends back a ticket of another county: 200 with a receipt, and the ticket is back with dispatch", async () => {
    const { actor, session } = who("advisor", "assignee");
    const ticket = await makeTicket("assigned", actor.id);
    const response = await session.request("POST", `/api/tickets/${ticket.id}/actions`, { action: "send_back", reason: "不属于本村" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ receipt: true, id: ticket.id, number: expect.stringMatching(/^\d{6}-\d{8}-\d{4}$/), status: "accepted", action: "send_back", unit: null });
    const row = (await database.db.execute<{ status: string; assignee_id: string | null; bounce_count: number }>(sql`select status, assignee_id, bounce_count from tickets where id = ${ticket.id}`)).rows[0];
    expect(row).toMatchObject({ status: "accepted", assignee_id: null, bounce_count: 1 });
  });

  it("a lawyer of another county transfers the ticket on: 200 with where it went", async () => {
    const { actor, session } = who("lawyer", "assignee");
    const ticket = await makeTicket("in_progress", actor.id);
    const response = await session.request("POST", `/api/tickets/${ticket.id}/actions`, { action: "transfer", unitRegionCode: tree.townships[1][1], reason: "属地管辖" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ receipt: true, status: "assigned", action: "transfer", unit: { code: tree.townships[1][1] } });
    const audit = await who("dispatcher", "matter").session.get(`/api/tickets/${ticket.id}/audit`);
    expect(audit.json().events.at(-1)).toMatchObject({ type: "action.transfer", actorId: actor.id });
  });

  it("a successful reopen within the window puts the ticket back in progress", async () => {
    const { session } = who("operator", "matter");
    const ticket = await makeTicket("resolved", null);
    const response = await session.request("POST", `/api/tickets/${ticket.id}/actions`, { action: "reopen", reason: "当事人反映未解决" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "in_progress", resolvedAt: null });
  });
});

describe("abilities follow the status, not only the role (issue 6, item 3)", () => {
  it("a supervisor is not offered 督办 on a resolved ticket, and the server refuses it alike", async () => {
    const { session } = who("supervisor", "matter");
    const ticket = await makeTicket("resolved", null);
    expect((await session.get(`/api/tickets/${ticket.id}`)).json().abilities.supervise).toBe(false);
    expect((await session.request("POST", `/api/tickets/${ticket.id}/supervision`, { reason: "x", dueAt: "2026-11-25T10:00:00+08:00" })).statusCode).toBe(409);
  });

  it("a dispatcher is offered neither start nor resolve on a lawyer's ticket", async () => {
    const lawyer = who("lawyer", "assignee").actor;
    const ticket = await makeTicket("assigned", lawyer.id);
    const abilities = (await who("dispatcher", "matter").session.get(`/api/tickets/${ticket.id}`)).json().abilities;
    expect(abilities).toMatchObject({ start: false, resolve: false, suspend: false, send_back: false, transfer: true });
    expect((await who("dispatcher", "matter").session.request("POST", `/api/tickets/${ticket.id}/actions`, { action: "start" })).statusCode).toBe(403);
  });

  it("a rated ticket is not offered rating again; the list carries the same abilities as the detail", async () => {
    const { session } = who("operator", "matter");
    const ticket = await makeTicket("resolved", null);
    expect((await session.request("POST", `/api/tickets/${ticket.id}/rating`, { attitude: 5, speed: 5, policy: 5, expertise: 5 })).statusCode).toBe(201);
    const detail = (await session.get(`/api/tickets/${ticket.id}`)).json();
    expect(detail.abilities.recordRating).toBe(false);
    const listed = (await session.get(`/api/tickets?limit=200&status=resolved`)).json().items.find((t: { id: string }) => t.id === ticket.id);
    expect(listed.abilities).toEqual(detail.abilities);
    expect(listed.allowedActions).toEqual(detail.allowedActions);
  });
});
