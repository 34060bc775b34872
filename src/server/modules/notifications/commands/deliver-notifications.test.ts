/**
 * The outbox sender on a real database: a message is claimed before it is sent,
 * so a second sender (another process, or a tick after the lease ran out) never
 * sends it again; a dead sender's claims run out; a gateway that does not
 * answer in time costs an attempt. Nothing sleeps: gateways wait on promises the
 * test resolves, and the clock is a parameter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../platform/db/index.ts";
import { type Protector } from "../../../platform/personal/protect.ts";
import { fixedTestProtector } from "../../../../../test/helpers/keys.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { notifications } from "../notifications.tables.ts";
import { enqueueNotification } from "./enqueue-notification.ts";
import { claimDurationMs, claimNotifications, deliverNotifications, recordAttempt, retryDelayMs } from "./deliver-notifications.ts";
import { defaultChannels, smsChannel, type Gateway, type NotificationChannel, type NotificationMessage } from "../notification-channels.ts";

let database: Database;
let protector: Protector;

beforeAll(async () => {
  database = await createTestDatabase();
  protector = fixedTestProtector();
});

afterAll(async () => {
  await database?.close();
});

// Each test starts from an outbox with nothing to send.
beforeEach(async () => {
  await database.db.execute(sql`update notifications set state = 'failed' where state = 'pending'`);
});

const T = new Date("2026-12-01T10:00:00+08:00");

/** `n` messages due at `at`, the first one a second earlier (so it is taken first); their ids in that order. */
async function enqueue(n: number, at = T): Promise<string[]> {
  for (let i = 0; i < n; i += 1) {
    await database.db.transaction((tx) =>
      enqueueNotification(tx, protector, { ticketId: null, regionPath: null, phone: `1390000${String(i).padStart(4, "0")}`, template: "ticket_received", payload: { number: `T-${i}` }, now: new Date(at.getTime() - (i === 0 ? 1000 : 0)) }),
    );
  }
  const rows = await database.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.state, "pending")).orderBy(notifications.nextAttemptAt, notifications.id);
  return rows.map((r) => r.id);
}

const rowsOf = async (ids: string[]) => database.db.select().from(notifications).where(inArray(notifications.id, ids));

/** A gateway that records every message and resolves at once unless `hold` says to wait. */
function recordingChannel(hold?: (message: NotificationMessage, index: number) => Promise<void> | undefined): NotificationChannel & { sent: NotificationMessage[] } {
  const sent: NotificationMessage[] = [];
  return {
    deliveredVia: "sms",
    sent,
    async send(message) {
      sent.push(message);
      await hold?.(message, sent.length - 1);
    },
  };
}

describe("claims", () => {
  it("a message on its way is not sent again by a second sender", async () => {
    const ids = await enqueue(3);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let onHold!: () => void;
    const firstIsHeld = new Promise<void>((resolve) => (onHold = resolve));
    // The gateway keeps the first message until the test lets it go.
    const channel = recordingChannel((_m, index) => {
      if (index !== 0) return undefined;
      onHold();
      return released;
    });
    const first = deliverNotifications(database.db, protector, defaultChannels({ sms: channel }), T);
    await firstIsHeld;
    // Claimed for as long as a full batch of sends may take: 100 messages, 10 at a time, 10 s each, and a minute.
    for (const row of await rowsOf(ids)) {
      expect(row.claimedBy).toMatch(/^.+:\d+:[0-9a-f-]{36}$/);
      expect(row.claimedUntil?.getTime()).toBe(T.getTime() + claimDurationMs(100, 10, 10_000));
    }
    expect(claimDurationMs(100, 10, 10_000)).toBe(160_000);
    // While the first sender waits on the gateway, a second one runs.
    const second = await deliverNotifications(database.db, protector, defaultChannels({ sms: channel }), T);
    release();
    const firstReport = await first;
    expect(channel.sent.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(second.sent).toBe(0);
    expect(firstReport.sent).toBe(3);
    for (const row of await rowsOf(ids)) expect(row).toMatchObject({ state: "sent", attempts: 1, claimedBy: null, claimedUntil: null });
  });

  it("a sender that died after claiming: its messages go out once the claim runs out, and a late result of its changes nothing", async () => {
    const ids = await enqueue(2);
    const claimMs = 5 * 60_000;
    const dead = await claimNotifications(database.db, "dead-sender", T, 10, claimMs);
    expect(dead.map((r) => r.id)).toEqual(ids);
    const channel = recordingChannel();
    // Until the claim runs out nobody else sends them…
    const before = new Date(T.getTime() + claimMs - 1);
    expect(await deliverNotifications(database.db, protector, defaultChannels({ sms: channel }), before)).toEqual({ sent: 0, retried: 0, failed: 0 });
    // …then the next sender does.
    const after = new Date(T.getTime() + claimMs);
    expect(await deliverNotifications(database.db, protector, defaultChannels({ sms: channel }), after)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(channel.sent.map((m) => m.id)).toEqual(ids);
    // Had it only stalled, its result arrives late and is not written over the other sender's.
    expect(await recordAttempt(database.db, dead[0], "dead-sender", { error: new Error("gateway timeout") }, after)).toBe("lost");
    for (const row of await rowsOf(ids)) expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null, claimedBy: null });
  });

  it("a result that cannot be recorded is reported after the other messages went out", async () => {
    const [bad, ...good] = await enqueue(3);
    // The database refuses to write this one message's result (a claim, which sets claimed_by, still passes).
    await database.db.execute(
      sql.raw(`create function test_refuse_result() returns trigger language plpgsql as $$
        begin
          if new.id = '${bad}' and new.claimed_by is null then raise exception 'cannot record %', new.id; end if;
          return new;
        end $$`),
    );
    await database.db.execute(sql.raw(`create trigger test_refuse_result before update on notifications for each row execute function test_refuse_result()`));
    try {
      const channel = recordingChannel();
      await expect(deliverNotifications(database.db, protector, defaultChannels({ sms: channel }), T)).rejects.toThrow(/cannot record/);
      expect(channel.sent.map((m) => m.id).sort()).toEqual([bad, ...good].sort());
      for (const row of await rowsOf(good)) expect(row).toMatchObject({ state: "sent", attempts: 1 });
    } finally {
      await database.db.execute(sql.raw(`drop trigger test_refuse_result on notifications`));
      await database.db.execute(sql.raw(`drop function test_refuse_result()`));
    }
  });
});

describe("deadlines", () => {
  it("a gateway that does not answer in time costs an attempt, retried with backoff; it was asked to stop, and given the message id as idempotency key", async () => {
    const [id] = await enqueue(1);
    let asked: Parameters<Gateway>[2] | undefined;
    // Never answers, and ignores the signal: the deadline must hold anyway.
    const silent: Gateway = (_to, _text, options) => {
      asked = options;
      return new Promise<void>(() => {});
    };
    const report = await deliverNotifications(database.db, protector, defaultChannels({ sms: smsChannel(silent) }), T, { timeoutMs: 50 });
    expect(report).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(asked?.idempotencyKey).toBe(id);
    expect(asked?.signal.aborted).toBe(true);
    const [row] = await rowsOf([id]);
    expect(row).toMatchObject({ state: "pending", attempts: 1, claimedBy: null, claimedUntil: null });
    expect(row.lastError).toBe("timeout: the sms gateway did not answer within 50 ms");
    expect(row.nextAttemptAt.getTime() - T.getTime()).toBe(retryDelayMs(1));

    // Retried when due, with the same idempotency key.
    const answering: Gateway = async (_to, _text, options) => {
      asked = options;
    };
    const retried = await deliverNotifications(database.db, protector, defaultChannels({ sms: smsChannel(answering) }), row.nextAttemptAt, { timeoutMs: 50 });
    expect(retried).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(asked?.idempotencyKey).toBe(id);
    expect((await rowsOf([id]))[0]).toMatchObject({ state: "sent", attempts: 2, lastError: null });
  });
});
