/**
 * 预约 over HTTP: the staff routes' permission matrix (every role × the actor's
 * region relative to the venue's), the citizen's owner-only rule (another's
 * booking does not exist for you, by id), anonymous access, validation, the audit
 * log, and the idempotent retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import { ROLES, type Role } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signInCitizen, type CitizenSession } from "../helpers/citizens.ts";

type Relation = "own" | "ancestor" | "descendant" | "sibling";
const RELATIONS: Relation[] = ["own", "ancestor", "descendant", "sibling"];
const sees = (relation: Relation) => relation === "own" || relation === "ancestor";
const READERS: Role[] = ["window", "admin", "leader"];
const MANAGERS: Role[] = ["window", "admin"];
const cases = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));

// Monday 16 November 2026, 10:00 Beijing.
const MONDAY = new Date("2026-11-16T10:00:00+08:00");

let database: Database;
let app: FastifyInstance;
let clock: ReturnType<typeof import("../../src/server/platform/clock.ts").fixedClock>;
let tree: TestTree;
let venueId: string;
let clerk: Session;
let slotIds: string[];
const sessions = new Map<string, Session>();
const session = (role: Role, relation: Relation) => sessions.get(`${role}:${relation}`)!;
let alice: CitizenSession;
let bob: CitizenSession;

const bulk = (overrides: Record<string, unknown> = {}) => ({
  venueId,
  windowPosition: 0,
  serviceType: "consultation",
  from: "2026-11-17",
  to: "2026-11-18",
  blocks: [{ start: "09:00", end: "10:00" }, { start: "10:00", end: "11:00" }],
  capacity: 2,
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, MONDAY));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  venueId = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { name: "测试县公共法律服务中心", windows: [{ name: "综合窗口", services: ["consultation", "legal_aid"] }] }));
  const regionOf: Record<Relation, string> = { own: tree.counties[0], ancestor: tree.city, descendant: tree.townships[0][0], sibling: tree.counties[1] };
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const actor = await database.db.transaction((tx) => makeStaff(tx, [role], regionOf[relation]));
      sessions.set(`${role}:${relation}`, await signIn(app, actor.username));
    }
  }
  clerk = session("window", "own");
  const created = await clerk.request("POST", "/api/appointments/slots/bulk", bulk());
  expect(created.statusCode).toBe(201);
  expect(created.json()).toEqual({ created: 4, existing: 0, restDays: [] });
  const listed = await clerk.get(`/api/appointments/slots?venueId=${venueId}&from=2026-11-17&to=2026-11-18`);
  slotIds = listed.json().items.map((s: { id: string }) => s.id);
  expect(slotIds).toHaveLength(4);
  alice = await signInCitizen(app);
  bob = await signInCitizen(app);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const contact = { contactName: "卓玛", contactPhone: "13912345678" };

describe("anonymous visitors", () => {
  it("see the venues with open slots of a region, and a venue's open slots", async () => {
    const venues = await app.inject({ url: `/api/appointments/venues?regionCode=${tree.city}&serviceType=consultation` });
    expect(venues.statusCode).toBe(200);
    expect(venues.json().items).toEqual([expect.objectContaining({ id: venueId, name: "测试县公共法律服务中心", services: ["consultation"] })]);
    expect((await app.inject({ url: `/api/appointments/venues?regionCode=${tree.counties[1]}` })).json().items).toEqual([]);
    const slots = await app.inject({ url: `/api/appointments/venues/${venueId}/slots?from=2026-11-17&to=2026-11-17` });
    expect(slots.statusCode).toBe(200);
    expect(slots.json().items).toEqual([
      { id: expect.any(String), serviceType: "consultation", windowName: "综合窗口", startsAt: "2026-11-17T01:00:00.000Z", endsAt: "2026-11-17T02:00:00.000Z", remaining: 2 },
      expect.objectContaining({ startsAt: "2026-11-17T02:00:00.000Z" }),
    ]);
  });

  it("cannot book, list, cancel or reach the staff routes", async () => {
    const calls = [
      app.inject({ method: "POST", url: "/api/appointments/bookings", payload: { slotId: slotIds[0], ...contact } }),
      app.inject({ url: "/api/appointments/bookings" }),
      app.inject({ method: "POST", url: `/api/appointments/bookings/${slotIds[0]}/cancel` }),
      app.inject({ url: `/api/appointments/slots?venueId=${venueId}&from=2026-11-17` }),
      app.inject({ url: `/api/appointments/day?venueId=${venueId}&date=2026-11-17` }),
      app.inject({ method: "POST", url: "/api/appointments/slots/bulk", payload: bulk() }),
    ];
    for (const response of await Promise.all(calls)) expect(response.statusCode).toBe(401);
  });

  it("staff are not citizens, and citizens are not staff", async () => {
    expect((await clerk.request("POST", "/api/appointments/bookings", { slotId: slotIds[0], ...contact })).statusCode).toBe(401);
    expect((await alice.get(`/api/appointments/day?venueId=${venueId}&date=2026-11-17`)).statusCode).toBe(401);
  });
});

describe("citizens: their own bookings only", () => {
  it("book (a retry with the same key answers the same booking), list, read; another citizen finds nothing by id", async () => {
    const key = { "idempotency-key": "alice-booking-0001" };
    const first = await alice.request("POST", "/api/appointments/bookings", { slotId: slotIds[0], ...contact, note: "劳动合同" }, key);
    expect(first.statusCode).toBe(201);
    const booking = first.json();
    expect(booking).toMatchObject({ status: "booked", contactName: "卓玛", contactPhone: "139****5678", note: "劳动合同", venue: { id: venueId }, abilities: { cancel: true, reschedule: true } });
    expect(booking.code).toMatch(/^[2-9A-Z]{8}$/);
    const retry = await alice.request("POST", "/api/appointments/bookings", { slotId: slotIds[0], ...contact, note: "劳动合同" }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json().id).toBe(booking.id);
    // The same key for a different request is refused by name.
    const reused = await alice.request("POST", "/api/appointments/bookings", { slotId: slotIds[1], ...contact }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().field).toBe("idempotency-key");

    expect((await alice.get("/api/appointments/bookings")).json().items.map((b: { id: string }) => b.id)).toEqual([booking.id]);
    expect((await alice.get(`/api/appointments/bookings/${booking.id}`)).statusCode).toBe(200);
    expect((await bob.get("/api/appointments/bookings")).json().items).toEqual([]);
    expect((await bob.get(`/api/appointments/bookings/${booking.id}`)).statusCode).toBe(404);
    expect((await bob.request("POST", `/api/appointments/bookings/${booking.id}/cancel`)).statusCode).toBe(404);
    expect((await bob.request("POST", `/api/appointments/bookings/${booking.id}/reschedule`, { slotId: slotIds[1] })).statusCode).toBe(404);
    expect((await alice.get(`/api/appointments/bookings/${booking.id}`)).json().status).toBe("booked");
    // The personal data is sealed at rest.
    const stored = await database.db.execute<{ phone: string; name: string }>(sql`select contact_phone_enc as phone, contact_name_enc as name from appointment_bookings where id = ${booking.id}`);
    expect(stored.rows[0].phone).not.toContain("13912345678");
    expect(stored.rows[0].name).not.toContain("卓玛");
  });

  it("reschedule and cancel their own, before the start", async () => {
    const made = (await bob.request("POST", "/api/appointments/bookings", { slotId: slotIds[2], ...contact })).json();
    const moved = await bob.request("POST", `/api/appointments/bookings/${made.id}/reschedule`, { slotId: slotIds[3] });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: made.id, code: made.code, slot: { id: slotIds[3] } });
    const cancelled = await bob.request("POST", `/api/appointments/bookings/${made.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", abilities: { cancel: false, reschedule: false } });
    const slots = (await app.inject({ url: `/api/appointments/venues/${venueId}/slots?from=2026-11-18&to=2026-11-18` })).json().items;
    expect(slots.map((s: { remaining: number }) => s.remaining)).toEqual([2, 2]);
  });
});

describe("validation: 4xx naming the field, never 5xx", () => {
  it.each([
    [{ slotId: "not-a-uuid", ...contact }, 400, "slotId"],
    [{ slotId: "00000000-0000-4000-8000-000000000001", ...contact }, 404, "slotId"],
    [{ slotId: "00000000-0000-4000-8000-000000000001", contactName: "卓玛", contactPhone: "12345" }, 400, "contactPhone"],
    [{ slotId: "00000000-0000-4000-8000-000000000001", contactName: "   ", contactPhone: "13912345678" }, 400, "contactName"],
  ])("booking %j → %i", async (body, status, field) => {
    const response = await alice.request("POST", "/api/appointments/bookings", body);
    expect(response.statusCode).toBe(status);
    expect(response.json().field).toBe(field);
  });

  it.each([
    [{ to: "2026-11-10" }, "to"],
    [{ to: "2027-03-01" }, "to"],
    [{ from: "2026-11-01", to: "2026-11-02" }, "from"],
    [{ blocks: [{ start: "09:00", end: "10:00" }, { start: "09:30", end: "10:30" }] }, "blocks[1]"],
    [{ blocks: [{ start: "25:00", end: "26:00" }] }, "blocks[0].start"],
    [{ windowPosition: 7 }, "windowPosition"],
    [{ serviceType: "mediation" }, "serviceType"],
    [{ capacity: 0 }, "capacity"],
  ])("bulk creation %j names %s", async (change, field) => {
    const response = await clerk.request("POST", "/api/appointments/slots/bulk", bulk(change));
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it("strange queries are 400s", async () => {
    for (const url of [
      `/api/appointments/venues/${venueId}/slots?from=2026-02-30`,
      `/api/appointments/venues/${venueId}/slots?from=2026-11-20&to=2026-11-01`,
      `/api/appointments/venues/${venueId}/slots?from=2026-01-01&to=2026-12-31`,
      "/api/appointments/venues/not-a-uuid/slots",
      "/api/appointments/venues?regionCode=%00",
    ]) {
      expect((await app.inject({ url })).statusCode, url).toBe(400);
    }
  });
});

describe("staff: role × region", () => {
  it.each(cases)("$role at $relation: the slot list", async ({ role, relation }) => {
    const response = await session(role, relation).get(`/api/appointments/slots?venueId=${venueId}&from=2026-11-17&to=2026-11-18`);
    expect(response.statusCode).toBe(sees(relation) && READERS.includes(role) ? 200 : 404);
  });

  it.each(cases)("$role at $relation: bulk creation", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", "/api/appointments/slots/bulk", bulk());
    const expected = !sees(relation) || !READERS.includes(role) ? 404 : MANAGERS.includes(role) ? 201 : 403;
    expect(response.statusCode).toBe(expected);
    if (expected === 201) expect(response.json()).toMatchObject({ created: 0, existing: 4 });
  });

  it.each(cases)("$role at $relation: reopen (an open slot: nothing changes)", async ({ role, relation }) => {
    const response = await session(role, relation).request("POST", `/api/appointments/slots/${slotIds[1]}/reopen`);
    expect(response.statusCode).toBe(!sees(relation) || !READERS.includes(role) ? 404 : MANAGERS.includes(role) ? 200 : 403);
  });

  it.each(cases)("$role at $relation: the day's bookings", async ({ role, relation }) => {
    const response = await session(role, relation).get(`/api/appointments/day?venueId=${venueId}&date=2026-11-17`);
    expect(response.statusCode).toBe(sees(relation) && READERS.includes(role) ? 200 : 404);
    if (response.statusCode === 200) {
      const [booking] = response.json().items;
      // Who receives the citizens sees the number to call them; a leader sees it masked.
      expect(booking.contactPhone).toBe(MANAGERS.includes(role) ? "13912345678" : "139****5678");
      expect(booking.abilities.markAttendance).toBe(false);
    }
  });
});

describe("staff actions are audited", () => {
  it("close (the citizen is told), reopen, and attendance on the day", async () => {
    const booked = (await bob.request("POST", "/api/appointments/bookings", { slotId: slotIds[1], ...contact })).json();
    const closed = await clerk.request("POST", `/api/appointments/slots/${slotIds[1]}/close`);
    expect(closed.json()).toMatchObject({ id: slotIds[1], isClosed: true, bookedCount: 0 });
    expect((await bob.get(`/api/appointments/bookings/${booked.id}`)).json().status).toBe("cancelled");
    expect((await clerk.request("POST", `/api/appointments/slots/${slotIds[1]}/reopen`)).json().isClosed).toBe(false);

    const aliceBooking = (await alice.get("/api/appointments/bookings")).json().items[0];
    const early = await clerk.request("POST", `/api/appointments/day/${aliceBooking.id}/attendance`, { status: "attended" });
    expect(early.statusCode).toBe(409);
    // The next morning (sessions from a day ago have expired: sign in again).
    clock.set("2026-11-17T09:10:00+08:00");
    const [window, leader, outsider] = await Promise.all([clerk, session("leader", "own"), session("window", "sibling")].map((s) => signIn(app, s.username)));
    const aliceNow = await signInCitizen(app, alice.phone);
    const day = (await window.get(`/api/appointments/day?venueId=${venueId}&date=2026-11-17`)).json().items;
    expect(day.find((b: { id: string }) => b.id === aliceBooking.id).abilities.markAttendance).toBe(true);
    expect((await leader.request("POST", `/api/appointments/day/${aliceBooking.id}/attendance`, { status: "attended" })).statusCode).toBe(403);
    expect((await outsider.request("POST", `/api/appointments/day/${aliceBooking.id}/attendance`, { status: "attended" })).statusCode).toBe(404);
    expect((await window.request("POST", `/api/appointments/day/${aliceBooking.id}/attendance`, { status: "attended" })).statusCode).toBe(204);
    // Begun: the citizen can no longer cancel.
    const late = await aliceNow.request("POST", `/api/appointments/bookings/${aliceBooking.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("INVALID_TRANSITION");
    clock.set(MONDAY);

    const entries = await database.db.execute<{ action: string; entity_id: string; actor_username: string }>(
      sql`select action, entity_id, actor_username from audit_log where action like 'appointment.%' order by seq`,
    );
    const actions = entries.rows.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["appointment.slots_create", "appointment.slot_close", "appointment.slot_reopen", "appointment.attendance"]));
    expect(entries.rows.find((e) => e.action === "appointment.attendance")).toMatchObject({ entity_id: aliceBooking.id, actor_username: clerk.username });
    const told = await database.db.execute(sql`select 1 from notifications where template = 'appointment_slot_closed' and payload->>'code' = ${booked.code}`);
    expect(told.rows).toHaveLength(1);
    // The audit page names the booking by its code.
    const admin = session("admin", "own");
    const page = await admin.get(`/api/audit?action=appointment.attendance`);
    expect(page.statusCode).toBe(200);
    expect(JSON.stringify(page.json())).toContain(aliceBooking.code);
  });
});
