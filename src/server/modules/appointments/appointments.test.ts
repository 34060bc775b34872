/**
 * The appointment commands on a migrated database (embedded, or PostgreSQL with
 * DATABASE_URL): capacity under concurrent booking, one active booking per
 * citizen and slot, retries, atomic rescheduling, and the reminder of the day
 * before enqueued exactly once however often the job runs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/index.ts";
import type { AppContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { fixedClock } from "../../platform/clock.ts";
import { loadConfig } from "../../platform/config.ts";
import { ephemeralKeyring, toKey, type Keyring } from "../../platform/keys.ts";
import { createProtector, type Protector } from "../../platform/personal/protect.ts";
import type { CitizenActor, StaffActor } from "../../policies/actor.ts";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../../../../test/helpers/factories.ts";
import { runSchedulerTick } from "../../scheduler.ts";
import { appointmentBookings, appointmentSlots } from "./appointments.tables.ts";
import { createSlots } from "./commands/create-slots.ts";
import { closeSlot } from "./commands/close-slot.ts";
import { bookAppointment, MAX_ACTIVE_BOOKINGS } from "./commands/book-appointment.ts";
import { cancelBooking, rescheduleBooking } from "./commands/change-booking.ts";
import { findBookingsToRemind, remindBooking } from "./commands/send-reminders.ts";
import { findOpenSlots } from "./queries/find-slots.ts";
import { resealAppointmentContacts } from "./commands/reseal-appointment-contacts.ts";

let database: Database;
let protector: Protector;
let ctx: AppContext;
let keys: Keyring;
let tree: TestTree;
let clerk: StaffActor;
let venueId: string;

// Monday 16 November 2026, 10:00 Beijing.
const MONDAY = new Date("2026-11-16T10:00:00+08:00");
const at = (iso: string) => new Date(iso);
const citizenWith = (id: string): CitizenActor => ({ kind: "citizen", id, regionCode: null, regionPath: null, preferredLanguage: null, ip: null });
const citizen = () => citizenWith(randomUUID());
const contact = { contactName: "卓玛", contactPhone: "13912345678" };

beforeAll(async () => {
  database = await createTestDatabase();
  keys = ephemeralKeyring();
  protector = createProtector(keys);
  ctx = { database, clock: fixedClock(MONDAY), config: loadConfig({}, { dataDir: null, webRoot: null }), keys, protector };
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  clerk = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.counties[0]));
  venueId = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { windows: [{ name: "综合窗口", services: ["consultation", "legal_aid"] }] }));
});

afterAll(async () => {
  await database?.close();
});

/** One slot at `start` (Beijing "YYYY-MM-DD HH:MM") for a fresh service/window combination; its id. */
let slotCounter = 0;
async function slotAt(date: string, start: string, capacity: number): Promise<string> {
  slotCounter += 1;
  const minute = String(slotCounter % 60).padStart(2, "0");
  const begin = `${start.slice(0, 2)}:${minute}`;
  const end = `${String(Number(start.slice(0, 2)) + 1).padStart(2, "0")}:${minute}`;
  const result = await database.db.transaction((tx) =>
    createSlots(tx, clerk, { venueId, serviceType: "consultation", from: date, to: date, weekdays: [1, 2, 3, 4, 5, 6, 7], blocks: [{ start: begin, end }], capacity }, MONDAY),
  );
  expect(result.created).toBe(1);
  const [slot] = await database.db
    .select({ id: appointmentSlots.id })
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.venueId, venueId), eq(appointmentSlots.startsAt, at(`${date}T${begin}:00+08:00`))));
  return slot.id;
}

const book = (actor: CitizenActor, slotId: string, now = MONDAY, idempotencyKey?: string) =>
  database.db.transaction((tx) => bookAppointment(tx, actor, { slotId, ...contact }, now, { protector, idempotencyKey }));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

const slotRow = async (id: string) => (await database.db.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)))[0];
const activeIn = async (slotId: string) =>
  (await database.db.select().from(appointmentBookings).where(and(eq(appointmentBookings.slotId, slotId), eq(appointmentBookings.status, "booked")))).length;
const outbox = async (template: string) =>
  (await database.db.execute<{ payload: { code: string } }>(sql`select payload from notifications where template = ${template}`)).rows.map((r) => r.payload.code);

describe("createSlots", () => {
  it("skips rest days of the venue's calendar and slots that exist; audited", async () => {
    // 2026-12-31 (Thu) to 2027-01-04 (Mon): New Year's Day 2027 is a holiday where the calendar knows the year.
    const input = { venueId, windowPosition: 0, serviceType: "legal_aid" as const, from: "2026-11-23", to: "2026-11-29", blocks: [{ start: "09:00", end: "10:00" }, { start: "10:00", end: "11:00" }], capacity: 3 };
    const first = await database.db.transaction((tx) => createSlots(tx, clerk, input, MONDAY));
    expect(first).toEqual({ created: 10, existing: 0, restDays: [] });
    const again = await database.db.transaction((tx) => createSlots(tx, clerk, input, MONDAY));
    expect(again).toEqual({ created: 0, existing: 10, restDays: [] });
    const audit = await database.db.execute(sql`select detail from audit_log where action = 'appointment.slots_create' and entity_id = ${venueId}`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("a window that does not offer the service, a past start and a window that does not exist are refused by field", async () => {
    const base = { venueId, serviceType: "consultation" as const, from: "2026-11-23", to: "2026-11-23", blocks: [{ start: "09:00", end: "10:00" }], capacity: 1 };
    expect((await failure(database.db.transaction((tx) => createSlots(tx, clerk, { ...base, windowPosition: 0, serviceType: "mediation" }, MONDAY)))).field).toBe("serviceType");
    expect((await failure(database.db.transaction((tx) => createSlots(tx, clerk, { ...base, windowPosition: 3 }, MONDAY)))).field).toBe("windowPosition");
    expect((await failure(database.db.transaction((tx) => createSlots(tx, clerk, { ...base, from: "2026-11-15" }, MONDAY)))).field).toBe("from");
  });

  it("staff outside the venue's region do not find it; a mediator in it may not open slots", async () => {
    const sibling = await database.db.transaction((tx) => makeStaff(tx, ["window", "admin"], tree.counties[1]));
    const mediator = await database.db.transaction((tx) => makeStaff(tx, ["mediator"], tree.counties[0]));
    const input = { venueId, serviceType: "consultation" as const, from: "2026-11-24", to: "2026-11-24", blocks: [{ start: "16:00", end: "17:00" }], capacity: 1 };
    expect((await failure(database.db.transaction((tx) => createSlots(tx, sibling, input, MONDAY)))).code).toBe("NOT_FOUND");
    expect((await failure(database.db.transaction((tx) => createSlots(tx, mediator, input, MONDAY)))).code).toBe("NOT_FOUND");
  });
});

describe("capacity under concurrency", () => {
  it("forty citizens booking a slot of five at once: five get in, the rest are told it is full", async () => {
    const slotId = await slotAt("2026-11-25", "09:00", 5);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => book(citizen(), slotId)));
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(made).toHaveLength(5);
    expect(refused).toHaveLength(35);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "CONFLICT", extra: { reason: "slot_full" } });
    expect((await slotRow(slotId)).bookedCount).toBe(5);
    expect(await activeIn(slotId)).toBe(5);
  });

  it("one citizen's ten simultaneous retries make one booking (natural key), with or without the same Idempotency-Key", async () => {
    const slotId = await slotAt("2026-11-25", "10:00", 5);
    const person = citizen();
    const plain = await Promise.all(Array.from({ length: 10 }, () => book(person, slotId)));
    expect(new Set(plain.map((r) => r.id)).size).toBe(1);
    expect(plain.filter((r) => r.isNew)).toHaveLength(1);
    const other = citizen();
    const keyed = await Promise.all(Array.from({ length: 10 }, () => book(other, slotId, MONDAY, "key-0001-abcdef")));
    expect(new Set(keyed.map((r) => r.id)).size).toBe(1);
    expect((await slotRow(slotId)).bookedCount).toBe(2);
    // The same key for another slot is refused.
    const elsewhere = await slotAt("2026-11-25", "11:00", 5);
    expect((await failure(book(other, elsewhere, MONDAY, "key-0001-abcdef"))).code).toBe("IDEMPOTENCY_KEY_REUSED");
    // Confirmations went to the outbox, one per booking.
    const codes = await outbox("appointment_booked");
    const made = await database.db.select({ code: appointmentBookings.code }).from(appointmentBookings).where(eq(appointmentBookings.slotId, slotId));
    for (const { code } of made) expect(codes.filter((c) => c === code)).toHaveLength(1);
  });

  it("a closed slot, a slot begun and too many bookings ahead are refused", async () => {
    const slotId = await slotAt("2026-11-26", "09:00", 5);
    expect((await failure(book(citizen(), slotId, at("2026-11-26T10:00:00+08:00")))).extra).toMatchObject({ reason: "slot_started" });
    const person = citizen();
    for (let i = 0; i < MAX_ACTIVE_BOOKINGS; i += 1) await book(person, await slotAt("2026-11-27", "09:00", 2));
    expect((await failure(book(person, slotId))).extra).toMatchObject({ reason: "too_many" });
    const booked = citizen();
    const { id } = await book(booked, slotId);
    expect(await database.db.transaction((tx) => closeSlot(tx, clerk, slotId, MONDAY, protector))).toBe(1);
    expect((await failure(book(citizen(), slotId))).extra).toMatchObject({ reason: "slot_closed" });
    const [row] = await database.db.select().from(appointmentBookings).where(eq(appointmentBookings.id, id));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "staff" });
    expect(await outbox("appointment_slot_closed")).toContain(row.code);
    expect((await slotRow(slotId)).bookedCount).toBe(0);
    expect(await findOpenSlots(database.db, venueId, { from: "2026-11-26", to: "2026-11-26", serviceType: "consultation" }, MONDAY)).toEqual([]);
  });
});

describe("cancel and reschedule", () => {
  it("only the owner, only before the start; cancelling twice is a no-op", async () => {
    const slotId = await slotAt("2026-11-30", "09:00", 2);
    const owner = citizen();
    const { id } = await book(owner, slotId);
    expect((await failure(database.db.transaction((tx) => cancelBooking(tx, citizen(), id, MONDAY, protector)))).code).toBe("NOT_FOUND");
    expect((await failure(database.db.transaction((tx) => cancelBooking(tx, clerk, id, MONDAY, protector)))).code).toBe("NOT_FOUND");
    expect((await failure(database.db.transaction((tx) => cancelBooking(tx, owner, id, at("2026-11-30T10:00:00+08:00"), protector)))).code).toBe("INVALID_TRANSITION");
    await database.db.transaction((tx) => cancelBooking(tx, owner, id, MONDAY, protector));
    await database.db.transaction((tx) => cancelBooking(tx, owner, id, MONDAY, protector));
    expect((await slotRow(slotId)).bookedCount).toBe(0);
    // Booking the slot again after cancelling is a new booking.
    expect((await book(owner, slotId)).isNew).toBe(true);
  });

  it("moves the booking in one step: never both places, never neither", async () => {
    const from = await slotAt("2026-12-01", "09:00", 1);
    const full = await slotAt("2026-12-01", "10:00", 1);
    const to = await slotAt("2026-12-01", "11:00", 1);
    const owner = citizen();
    const { id } = await book(owner, from);
    await book(citizen(), full);
    // Into a full slot: refused, and the booking stays where it was.
    expect((await failure(database.db.transaction((tx) => rescheduleBooking(tx, owner, id, full, MONDAY, protector)))).extra).toMatchObject({ reason: "slot_full" });
    expect([(await slotRow(from)).bookedCount, (await slotRow(full)).bookedCount]).toEqual([1, 1]);
    // A failure after the move inside the transaction undoes all of it.
    const boom = new Error("rolled back on purpose");
    await expect(
      database.db.transaction(async (tx) => {
        await rescheduleBooking(tx, owner, id, to, MONDAY, protector);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect([(await slotRow(from)).bookedCount, (await slotRow(to)).bookedCount]).toEqual([1, 0]);
    // Done for real; retried, nothing changes.
    await database.db.transaction((tx) => rescheduleBooking(tx, owner, id, to, MONDAY, protector));
    await database.db.transaction((tx) => rescheduleBooking(tx, owner, id, to, MONDAY, protector));
    expect([(await slotRow(from)).bookedCount, (await slotRow(to)).bookedCount]).toEqual([0, 1]);
    const [row] = await database.db.select().from(appointmentBookings).where(eq(appointmentBookings.id, id));
    expect(row).toMatchObject({ slotId: to, status: "booked" });
  });

  it("two citizens moving into the last place at once: one gets it, the other keeps their booking", async () => {
    const last = await slotAt("2026-12-02", "09:00", 1);
    const movers = await Promise.all(
      [0, 1].map(async () => {
        const person = citizen();
        const slot = await slotAt("2026-12-02", "10:00", 1);
        return { person, slot, id: (await book(person, slot)).id };
      }),
    );
    const results = await Promise.allSettled(movers.map((m) => database.db.transaction((tx) => rescheduleBooking(tx, m.person, m.id, last, MONDAY, protector))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await slotRow(last)).bookedCount).toBe(1);
    const counts = await Promise.all(movers.map(async (m) => (await slotRow(m.slot)).bookedCount));
    expect(counts.sort()).toEqual([0, 1]);
  });
});

describe("reminders of the day before", () => {
  it("are due from 08:00 Beijing the day before, and enqueued once however often and concurrently the job runs", async () => {
    const slotId = await slotAt("2026-12-08", "09:00", 3);
    const ids = [(await book(citizen(), slotId)).id, (await book(citizen(), slotId)).id];
    const cancelled = (await book(citizen(), slotId)).id;
    const owner3 = (await database.db.select().from(appointmentBookings).where(eq(appointmentBookings.id, cancelled)))[0].citizenId;
    await database.db.transaction((tx) => cancelBooking(tx, citizenWith(owner3), cancelled, MONDAY, protector));
    expect(await findBookingsToRemind(database.db, at("2026-12-07T07:59:00+08:00"), 500)).not.toContain(ids[0]);
    const due = at("2026-12-07T08:00:00+08:00");
    expect(await findBookingsToRemind(database.db, due, 500)).toEqual(expect.arrayContaining(ids));
    expect(await findBookingsToRemind(database.db, due, 500)).not.toContain(cancelled);
    // Two runs at once, then one more.
    const races = await Promise.all(ids.flatMap((id) => [0, 1, 2].map(() => database.db.transaction((tx) => remindBooking(tx, protector, id, due)))));
    expect(races.filter(Boolean)).toHaveLength(2);
    expect(await findBookingsToRemind(database.db, due, 500)).not.toContain(ids[0]);
    const codes = (await database.db.select({ code: appointmentBookings.code }).from(appointmentBookings).where(eq(appointmentBookings.slotId, slotId))).map((r) => r.code);
    const reminded = await outbox("appointment_reminder");
    expect(codes.map((c) => reminded.filter((r) => r === c).length).sort()).toEqual([0, 1, 1]);
  });

  it("the scheduler job twice: one reminder per booking; a moved booking is reminded again for its new day", async () => {
    const slotId = await slotAt("2026-12-10", "09:00", 3);
    const later = await slotAt("2026-12-11", "09:00", 3);
    const owner = citizen();
    const { id } = await book(owner, slotId);
    const tick = at("2026-12-09T09:00:00+08:00");
    const first = await runSchedulerTick(ctx, tick);
    const second = await runSchedulerTick(ctx, new Date(tick.getTime() + 60_000));
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect(second.reminders).toBe(0);
    const [{ code }] = await database.db.select({ code: appointmentBookings.code }).from(appointmentBookings).where(eq(appointmentBookings.id, id));
    expect((await outbox("appointment_reminder")).filter((c) => c === code)).toHaveLength(1);
    await database.db.transaction((tx) => rescheduleBooking(tx, owner, id, later, tick, protector));
    await runSchedulerTick(ctx, at("2026-12-10T09:00:00+08:00"));
    expect((await outbox("appointment_reminder")).filter((c) => c === code)).toHaveLength(2);
  });
});

describe("rotate-data-key", () => {
  it("re-seals the contact name and phone under the new key, with the phone's lookup hash", async () => {
    const { id } = await book(citizen(), await slotAt("2026-12-14", "09:00", 2));
    const fresh = toKey(Buffer.alloc(32, 7));
    const rotated = createProtector({ data: fresh, dataKeys: [fresh, ...keys.dataKeys] });
    const report = await resealAppointmentContacts(database.db, rotated);
    expect(report.unreadable).toBe(0);
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const [row] = await database.db.select().from(appointmentBookings).where(eq(appointmentBookings.id, id));
    expect(rotated.isCurrent(row.contactNameEnc) && rotated.isCurrent(row.contactPhoneEnc)).toBe(true);
    expect(rotated.decrypt(row.contactPhoneEnc)).toBe("13912345678");
    expect(row.contactPhoneHash).toBe(rotated.lookupHash("13912345678"));
    expect((await resealAppointmentContacts(database.db, rotated)).resealed).toBe(0);
  });
});
