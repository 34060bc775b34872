/**
 * The scheduler on a real database: deadlines marked once, automatic 督办,
 * leases, and the outbox with retries. A fixed clock moves; nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./platform/db/index.ts";
import type { AppContext } from "./platform/context.ts";
import { fixedClock } from "./platform/clock.ts";
import { loadConfig } from "./platform/config.ts";
import { createProtector } from "./platform/personal/protect.ts";
import { ephemeralKeyring } from "./platform/keys.ts";
import type { StaffActor } from "./policies/actor.ts";
import { createTestDatabase } from "../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../test/helpers/factories.ts";
import { createTicket } from "./modules/tickets/commands/create-ticket.ts";
import { ticketDeadlines, ticketEvents, tickets } from "./modules/tickets/tickets.tables.ts";
import { notifications } from "./modules/notifications/notifications.tables.ts";
import { supervisionAddressees, supervisionOrders } from "./modules/oversight/oversight.tables.ts";
import { releaseLease, runSchedulerTick, schedulerIntervalSeconds, startScheduler, takeLease } from "./scheduler.ts";
import { markTicketDeadlines } from "./modules/tickets/commands/mark-deadlines.ts";
import { respondSupervision } from "./modules/oversight/commands/respond-supervision.ts";
import { MAX_ATTEMPTS, retryDelayMs } from "./modules/notifications/commands/deliver-notifications.ts";
import { smsChannel, type NotificationChannel, type NotificationMessage } from "./modules/notifications/notification-channels.ts";
import { systemActor } from "./policies/actor.ts";

let database: Database;
let ctx: AppContext;
let tree: TestTree;
let window: StaffActor;
let dispatcher: StaffActor;
const supervisors: Record<string, StaffActor> = {};

// Friday 20 November 2026, 10:00 Beijing time: accept is due Monday 23 Nov 24:00, resolve Wednesday 25 Nov 24:00.
const FRIDAY = new Date("2026-11-20T10:00:00+08:00");
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  database = await createTestDatabase();
  const keys = ephemeralKeyring();
  const clock = fixedClock(FRIDAY);
  ctx = { database, clock, config: loadConfig({}, { dataDir: null, webRoot: null }), keys, protector: createProtector(keys) };
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  window = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.counties[0]));
  dispatcher = await database.db.transaction((tx) => makeStaff(tx, ["dispatcher"], tree.counties[0]));
  supervisors.city = await database.db.transaction((tx) => makeStaff(tx, ["supervisor"], tree.city));
  supervisors.county = await database.db.transaction((tx) => makeStaff(tx, ["supervisor"], tree.counties[0]));
  supervisors.otherCounty = await database.db.transaction((tx) => makeStaff(tx, ["supervisor"], tree.counties[1]));
  supervisors.otherTownship = await database.db.transaction((tx) => makeStaff(tx, ["supervisor"], tree.townships[0][1]));
});

afterAll(async () => {
  await database?.close();
});

async function newTicket(phone: string | null = "13812345678", now = FRIDAY): Promise<string> {
  return database.db.transaction(async (tx) => {
    const { id } = await createTicket(
      tx,
      window,
      {
        channel: "window",
        serviceType: "consultation",
        category: "邻里",
        regionCode: tree.townships[0][0],
        applicant: { name: "王五", ...(phone ? { phone } : {}) },
        description: "邻居占用通道",
      },
      now,
      { protector: ctx.protector },
    );
    return id;
  });
}

const eventsOf = async (ticketId: string, type: string) =>
  database.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, type)));
const ticketOf = async (id: string) => (await database.db.select().from(tickets).where(eq(tickets.id, id)))[0];
const automaticOrdersOf = async (ticketId: string) =>
  database.db.select().from(supervisionOrders).where(and(eq(supervisionOrders.ticketId, ticketId), eq(supervisionOrders.isAutomatic, true)));

describe("deadlines and escalation", () => {
  let ticketId: string;

  beforeAll(async () => {
    ticketId = await newTicket();
  });

  it("nothing is due on Sunday night (accept still 25 hours away)", async () => {
    await runSchedulerTick(ctx, at("2026-11-22T23:00:00+08:00"));
    expect((await ticketOf(ticketId)).dueState).toBe("ok");
    expect(await eventsOf(ticketId, "deadline.due_soon")).toHaveLength(0);
  });

  it("marks the accept deadline due soon within its last 24 hours, once", async () => {
    const report = await runSchedulerTick(ctx, at("2026-11-23T01:00:00+08:00"));
    expect(report.jobs).toEqual({ deadlines: "ran", "aid-lapses": "ran", "defence-overdue": "ran", escalation: "ran", reminders: "ran", "roster-gaps": "ran", "early-warning": "ran", outbox: "ran", callbacks: "ran", calendar: "ran", checkpoint: "ran" });
    // 日终校验点: the day that ended at midnight gets its audit checkpoint, once.
    expect(report.checkpoint).toBe("2026-11-22");
    expect((await runSchedulerTick(ctx, at("2026-11-23T02:00:00+08:00"))).checkpoint).toBeUndefined();
    const events = await eventsOf(ticketId, "deadline.due_soon");
    expect(events.map((e) => e.data)).toEqual([{ step: "accept", dueAt: "2026-11-23T16:00:00.000Z" }]);
    const ticket = await ticketOf(ticketId);
    expect(ticket.dueState).toBe("due_soon");
    expect(ticket.nextDueAt?.toISOString()).toBe("2026-11-23T16:00:00.000Z");
    const [accept] = await database.db.select().from(ticketDeadlines).where(and(eq(ticketDeadlines.ticketId, ticketId), eq(ticketDeadlines.step, "accept")));
    expect(accept.dueSoonAt?.toISOString()).toBe(at("2026-11-23T01:00:00+08:00").toISOString());
  });

  it("marks it overdue once past due and escalates to the supervisors over the matter's region", async () => {
    const now = at("2026-11-24T01:00:00+08:00");
    await runSchedulerTick(ctx, now);
    await runSchedulerTick(ctx, at("2026-11-24T01:01:00+08:00"));
    expect((await eventsOf(ticketId, "deadline.overdue")).map((e) => e.data.step)).toEqual(["accept"]);
    const ticket = await ticketOf(ticketId);
    expect(ticket).toMatchObject({ dueState: "overdue", isSupervised: true });

    const orders = await automaticOrdersOf(ticketId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ reason: "逾期自动督办", issuedBy: null, respondedAt: null });
    // One working day: due at the end of Wednesday 25 November, Beijing.
    expect(orders[0].dueAt.toISOString()).toBe("2026-11-25T16:00:00.000Z");
    const addressees = (await database.db.select().from(supervisionAddressees).where(eq(supervisionAddressees.orderId, orders[0].id))).map((a) => a.accountId);
    // Unassigned: the matter's township is covered by the county and city supervisors, not by a sibling's.
    expect(addressees.sort()).toEqual([supervisors.city.id, supervisors.county.id].sort());
    const issued = await eventsOf(ticketId, "supervision.issued");
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ actorKind: "system", actorName: "scheduler" });
  });

  it("an answered automatic order covers the ticket until its due time; then a new one is issued", async () => {
    const [order] = await automaticOrdersOf(ticketId);
    await database.db.transaction((tx) => respondSupervision(tx, dispatcher, order.id, { response: "今日内受理" }, at("2026-11-24T09:00:00+08:00")));
    await runSchedulerTick(ctx, at("2026-11-24T10:00:00+08:00"));
    expect(await automaticOrdersOf(ticketId)).toHaveLength(1);
    await runSchedulerTick(ctx, at("2026-11-26T01:00:00+08:00"));
    const orders = await automaticOrdersOf(ticketId);
    expect(orders).toHaveLength(2);
    // By Thursday the resolve deadline has run out too, marked once.
    expect((await eventsOf(ticketId, "deadline.overdue")).map((e) => e.data.step).sort()).toEqual(["accept", "resolve"]);
  });

  it("escalates an assigned ticket to the supervisors over the handling unit", async () => {
    const id = await newTicket(null, at("2026-11-26T10:00:00+08:00"));
    // Handled by the other county's township (属地转办): only supervisors over that unit are addressed.
    await database.db.execute(sql`
      update tickets set status = 'assigned', unit_region_code = ${tree.townships[1][0]},
        unit_region_path = (select path from regions where code = ${tree.townships[1][0]}) where id = ${id}`);
    await runSchedulerTick(ctx, at("2026-12-01T10:00:00+08:00"));
    const [order] = await automaticOrdersOf(id);
    const addressees = (await database.db.select().from(supervisionAddressees).where(eq(supervisionAddressees.orderId, order.id))).map((a) => a.accountId);
    expect(addressees.sort()).toEqual([supervisors.city.id, supervisors.otherCounty.id].sort());
  });

  it("two concurrent ticks mark each deadline once and escalate once", async () => {
    const ids = await Promise.all([newTicket(), newTicket(), newTicket()]);
    const now = at("2026-11-27T01:00:00+08:00"); // both deadlines of Friday's tickets past due
    const reports = await Promise.all([runSchedulerTick(ctx, now), runSchedulerTick(ctx, now), runSchedulerTick(ctx, now)]);
    expect(reports.filter((r) => r.jobs.deadlines === "ran").length).toBeGreaterThanOrEqual(1);
    for (const id of ids) {
      expect((await eventsOf(id, "deadline.overdue")).map((e) => e.data.step).sort()).toEqual(["accept", "resolve"]);
      expect(await automaticOrdersOf(id)).toHaveLength(1);
      expect(await eventsOf(id, "supervision.issued")).toHaveLength(1);
    }
  });

  it("marking itself is idempotent under concurrency, even without the lease", async () => {
    const id = await newTicket();
    const now = at("2026-11-27T01:00:00+08:00");
    const scheduler = systemActor("scheduler");
    const results = await Promise.all([1, 2, 3].map(() => database.db.transaction((tx) => markTicketDeadlines(tx, scheduler, id, now))));
    expect(results.reduce((n, r) => n + r.overdue, 0)).toBe(2);
    expect(await eventsOf(id, "deadline.overdue")).toHaveLength(2);
  });
});

describe("leases", () => {
  it("one holder at a time; a dead holder's lease expires; a released lease is free", async () => {
    const now = at("2026-11-20T12:00:00+08:00");
    expect(await takeLease(database.db, "test-job", "a", now, 60)).toBe(true);
    expect(await takeLease(database.db, "test-job", "b", now, 60)).toBe(false);
    expect(await takeLease(database.db, "test-job", "b", new Date(now.getTime() + 30_000), 60)).toBe(false);
    expect(await takeLease(database.db, "test-job", "b", new Date(now.getTime() + 61_000), 60)).toBe(true);
    await releaseLease(database.db, "test-job", "a"); // not a's any more: nothing happens
    expect(await takeLease(database.db, "test-job", "c", new Date(now.getTime() + 62_000), 60)).toBe(false);
    await releaseLease(database.db, "test-job", "b");
    expect(await takeLease(database.db, "test-job", "c", new Date(now.getTime() + 62_000), 60)).toBe(true);
  });

  it("a tick skips a job another process holds", async () => {
    const now = at("2026-11-20T12:00:00+08:00");
    expect(await takeLease(database.db, "outbox", "other-process", now, 60)).toBe(true);
    const report = await runSchedulerTick(ctx, now);
    expect(report.jobs.outbox).toBe("skipped");
    await releaseLease(database.db, "outbox", "other-process");
  });
});

describe("the outbox", () => {
  const pendingOf = async (ticketId: string) => (await database.db.select().from(notifications).where(eq(notifications.ticketId, ticketId)))[0];

  it("retries a failing send with exponential backoff, gives up after 8 attempts, never touches the ticket", async () => {
    // Sent the moment the ticket is created, so only a failing channel keeps it pending.
    const start = at("2026-12-07T10:00:00+08:00");
    const ticketId = await newTicket("13900001111", start);
    const before = await ticketOf(ticketId);
    const eventsBefore = (await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId))).length;
    const failing: NotificationChannel = {
      deliveredVia: "sms",
      send: async () => {
        throw new Error("gateway timeout");
      },
    };
    let now = start;
    await runSchedulerTick(ctx, now, { channels: { sms: failing } });
    let row = await pendingOf(ticketId);
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: "gateway timeout" });
    expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(60_000);

    // Not due yet: untouched.
    await runSchedulerTick(ctx, new Date(now.getTime() + 30_000), { channels: { sms: failing } });
    expect((await pendingOf(ticketId)).attempts).toBe(1);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      now = (await pendingOf(ticketId)).nextAttemptAt;
      await runSchedulerTick(ctx, now, { channels: { sms: failing } });
      row = await pendingOf(ticketId);
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempt));
    }
    expect(row.state).toBe("failed");
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(7)).toBe(64 * 60_000);

    const after = await ticketOf(ticketId);
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    expect(after.status).toBe(before.status);
    expect((await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId))).length).toBe(eventsBefore);
  });

  it("without a gateway, sms goes to the dev record; with one, the gateway gets the number and the text", async () => {
    const start = at("2026-12-08T10:00:00+08:00");
    const first = await newTicket("13900002222", start);
    await runSchedulerTick(ctx, start);
    const delivered = await database.db.execute<{ state: string; delivered_via: string | null; attempts: number }>(
      sql`select state, delivered_via, attempts from notifications where ticket_id = ${first}`,
    );
    expect(delivered.rows[0]).toEqual({ state: "sent", delivered_via: "dev", attempts: 1 });

    const second = await newTicket("13900003333", start);
    const sent: NotificationMessage[] = [];
    await runSchedulerTick(ctx, start, { channels: { sms: smsChannel(async (to, text) => void sent.push({ id: "", channel: "sms", to, template: "", text })) } });
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe("13900003333");
    expect(sent[0].text).toMatch(/^【12348公共法律服务】您的法律咨询申请已受理登记，编号\d{6}-20261208-\d{4}/);
    const row = await database.db.execute<{ delivered_via: string }>(sql`select delivered_via from notifications where ticket_id = ${second}`);
    expect(row.rows[0].delivered_via).toBe("sms");
  });
});

describe("gateway deadlines", () => {
  it("each send has the deadline of SANTAI_GATEWAY_TIMEOUT_MS; a send that misses it is a failed attempt", async () => {
    const start = at("2026-12-10T10:00:00+08:00");
    const ticketId = await newTicket("13900007777", start);
    const silent: NotificationChannel = { deliveredVia: "sms", send: () => new Promise<void>(() => {}) };
    const report = await runSchedulerTick({ ...ctx, config: { ...ctx.config, gatewayTimeoutMs: 50 } }, start, { channels: { sms: silent } });
    expect(report.retried).toBe(1);
    const [row] = await database.db.select().from(notifications).where(eq(notifications.ticketId, ticketId));
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: "timeout: the sms gateway did not answer within 50 ms" });
    expect(row.nextAttemptAt.getTime() - start.getTime()).toBe(retryDelayMs(1));
  });
});

describe("startScheduler", () => {
  it("reads SANTAI_SCHEDULER_SECONDS (default 60, 0 = off) and refuses nonsense", () => {
    expect(schedulerIntervalSeconds({})).toBe(60);
    expect(schedulerIntervalSeconds({ SANTAI_SCHEDULER_SECONDS: "15" })).toBe(15);
    expect(schedulerIntervalSeconds({ SANTAI_SCHEDULER_SECONDS: "0" })).toBe(0);
    expect(() => schedulerIntervalSeconds({ SANTAI_SCHEDULER_SECONDS: "soon" })).toThrow(/SANTAI_SCHEDULER_SECONDS/);
  });

  it("runs ticks on its timer at the context's clock, and stops", async () => {
    const start = at("2026-12-09T10:00:00+08:00");
    const ticketId = await newTicket("13900004444", start);
    const errors: unknown[] = [];
    const stop = startScheduler({ ...ctx, clock: fixedClock(start) }, { intervalSeconds: 0.05, log: (_m, e) => errors.push(e) });
    try {
      // Polls for the timer's work; the scheduler itself runs on the fixed clock.
      await vi.waitFor(async () => expect((await database.db.select().from(notifications).where(eq(notifications.ticketId, ticketId)))[0].state).toBe("sent"), { timeout: 10_000, interval: 50 });
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
  });
});

/**
 * A row the code cannot handle, made the way real ones arise: the database
 * refuses one write for one item. A trigger raises for the given ticket ids only.
 */
async function poison(name: string, table: string, ticketIds: string[], condition = "true"): Promise<() => Promise<void>> {
  const ids = ticketIds.map((id) => `'${id}'`).join(", ");
  await database.db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.ticket_id in (${ids}) and ${condition} then raise exception 'poisoned ticket %', new.ticket_id; end if;
        return new;
      end $$`),
  );
  await database.db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
  return async () => {
    await database.db.execute(sql.raw(`drop trigger ${name} on ${table}`));
    await database.db.execute(sql.raw(`drop function ${name}()`));
  };
}

describe("a failure stays with its item", () => {
  // Monday 14 December 2026, 10:00 Beijing: accept due Tuesday 24:00.
  const MONDAY = at("2026-12-14T10:00:00+08:00");

  it("one ticket that cannot be marked or escalated is logged and reported; the rest of the tick goes on; it is retried next tick", async () => {
    // Whatever earlier tests left due is marked first, so the tick below sees only these tickets fail.
    await runSchedulerTick(ctx, MONDAY);
    const [badMark, badEscalation, good] = [await newTicket(null, MONDAY), await newTicket(null, MONDAY), await newTicket("13900005555", MONDAY)];
    const cures = [
      await poison("test_poison_mark", "ticket_events", [badMark], "new.type like 'deadline.%'"),
      await poison("test_poison_escalation", "supervision_orders", [badEscalation]),
    ];
    try {
      const logged: string[] = [];
      const log = (message: string) => void logged.push(message);
      const wednesday = at("2026-12-16T01:00:00+08:00");
      const report = await runSchedulerTick(ctx, wednesday, { log });
      expect(report.errors).toEqual([
        { job: "deadlines", id: badMark, message: expect.stringContaining(`poisoned ticket ${badMark}`) },
        { job: "escalation", id: badEscalation, message: expect.stringContaining(`poisoned ticket ${badEscalation}`) },
      ]);
      expect(logged.some((m) => m.includes(badMark) && m.includes("deadlines"))).toBe(true);
      expect(logged.some((m) => m.includes(badEscalation) && m.includes("escalation"))).toBe(true);
      // Everyone else was handled: marked, escalated, and the message sent.
      for (const id of [badEscalation, good]) expect((await eventsOf(id, "deadline.overdue")).map((e) => e.data.step)).toEqual(["accept"]);
      for (const id of [badMark, good]) expect(await automaticOrdersOf(id)).toHaveLength(1);
      expect(await eventsOf(badMark, "deadline.overdue")).toHaveLength(0);
      expect(await automaticOrdersOf(badEscalation)).toHaveLength(0);
      expect(report.jobs).toMatchObject({ deadlines: "ran", escalation: "ran", outbox: "ran" });
      expect((await database.db.select().from(notifications).where(eq(notifications.ticketId, good)))[0].state).toBe("sent");

      // Next tick: tried again, and still failing.
      const again = await runSchedulerTick(ctx, at("2026-12-16T01:01:00+08:00"), { log });
      expect(again.errors.map((e) => [e.job, e.id])).toEqual([
        ["deadlines", badMark],
        ["escalation", badEscalation],
      ]);
      const remembered = await database.db.execute<{ job: string; item_id: string; failures: number }>(
        sql`select job, item_id, failures from scheduler_failures where item_id in (${badMark}, ${badEscalation}) order by job`,
      );
      expect(remembered.rows).toEqual([
        { job: "deadlines", item_id: badMark, failures: 2 },
        { job: "escalation", item_id: badEscalation, failures: 2 },
      ]);
      for (const cure of cures.splice(0)) await cure();
      const cured = await runSchedulerTick(ctx, at("2026-12-16T01:02:00+08:00"), { log });
      expect(cured.errors).toEqual([]);
      expect((await eventsOf(badMark, "deadline.overdue")).map((e) => e.data.step)).toEqual(["accept"]);
      expect(await automaticOrdersOf(badEscalation)).toHaveLength(1);
      // Forgotten once handled.
      expect((await database.db.execute(sql`select 1 from scheduler_failures where item_id in (${badMark}, ${badEscalation})`)).rows).toEqual([]);
    } finally {
      for (const cure of cures) await cure();
    }
  });

  it("failing tickets go to the back of the batch, so they never crowd out the others", async () => {
    const tuesday = at("2026-12-15T10:00:00+08:00");
    const bad = [await newTicket(null, MONDAY), await newTicket(null, MONDAY)];
    const cure = await poison("test_poison_batch", "ticket_events", bad, "new.type like 'deadline.%'");
    try {
      // Both fail (their accept deadlines ran out Tuesday 24:00); everything else due is marked.
      const first = await runSchedulerTick(ctx, at("2026-12-16T02:00:00+08:00"), { log: () => {} });
      expect(first.errors.filter((e) => e.job === "deadlines").map((e) => e.id).sort()).toEqual([...bad].sort());
      // Two more tickets run out later; their deadlines are due after the failing ones', yet with room
      // for two they are the two handled.
      const good = [await newTicket(null, tuesday), await newTicket(null, tuesday)];
      const second = await runSchedulerTick(ctx, at("2026-12-17T01:00:00+08:00"), { batchSize: 2, log: () => {} });
      expect(second.errors.filter((e) => e.job === "deadlines")).toEqual([]);
      for (const id of good) expect((await eventsOf(id, "deadline.overdue")).map((e) => e.data.step)).toEqual(["accept"]);
      // With room, they are tried again.
      const third = await runSchedulerTick(ctx, at("2026-12-17T01:01:00+08:00"), { log: () => {} });
      expect(third.errors.filter((e) => e.job === "deadlines").map((e) => e.id).sort()).toEqual([...bad].sort());
    } finally {
      await cure();
    }
  });

  it("a job that fails as a whole is reported, and the other jobs of the tick still run", async () => {
    const start = at("2026-12-18T10:00:00+08:00");
    const ticketId = await newTicket("13900006666", start);
    // The deadline table gone for a moment: every query of the deadline and escalation jobs fails.
    await database.db.execute(sql`alter table ticket_deadlines rename to ticket_deadlines_away`);
    try {
      const logged: string[] = [];
      const report = await runSchedulerTick(ctx, start, { log: (m) => void logged.push(m) });
      expect(report.jobs).toMatchObject({ deadlines: "failed", escalation: "failed", outbox: "ran" });
      expect(report.errors).toEqual([
        { job: "deadlines", id: null, message: expect.stringContaining("ticket_deadlines") },
        { job: "escalation", id: null, message: expect.stringContaining("ticket_deadlines") },
      ]);
      expect(logged).toEqual([expect.stringMatching(/^scheduler: deadlines failed: .*ticket_deadlines/), expect.stringMatching(/^scheduler: escalation failed: /)]);
      expect((await database.db.select().from(notifications).where(eq(notifications.ticketId, ticketId)))[0].state).toBe("sent");
    } finally {
      await database.db.execute(sql`alter table ticket_deadlines_away rename to ticket_deadlines`);
    }
    // The lease of the failed job was given back: the next tick runs it.
    expect((await runSchedulerTick(ctx, start, { log: () => {} })).jobs.deadlines).toBe("ran");
  });
});
