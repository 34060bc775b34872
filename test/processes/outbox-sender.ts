/**
 * One sender process for test/processes/outbox-two-processes.test.ts: runs the
 * outbox and the upstream callbacks against the database in DATABASE_URL, round
 * after round at the fixed time NOW, until a round finds nothing to send; then
 * prints its counts as one JSON line. NOW may list several instants (comma
 * separated), handled in turn: the clock moved without waiting. Its SMS gateway and the callbacks go to the
 * test's receiver (RECEIVER), every request marked with SENDER, so the receiver
 * knows whose request it is holding.
 *
 *   node --import tsx/esm test/processes/outbox-sender.ts
 */
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";
import { openDatabase } from "../../src/server/platform/db/index.ts";
import { fixedClock } from "../../src/server/platform/clock.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { createProtector } from "../../src/server/platform/personal/protect.ts";
import { fixedTestKeyring } from "../helpers/keys.ts";
import { deliverNotifications } from "../../src/server/modules/notifications/commands/deliver-notifications.ts";
import { defaultChannels, smsChannel, type Gateway } from "../../src/server/modules/notifications/notification-channels.ts";
import { deliverUpstreamCallbacks } from "../../src/server/modules/upstream/commands/deliver-upstream-callbacks.ts";

const { DATABASE_URL, SENDER, RECEIVER, NOW } = process.env;
if (!DATABASE_URL || !SENDER || !RECEIVER || !NOW) throw new Error("outbox-sender needs DATABASE_URL, SENDER, RECEIVER and NOW");
const instants = NOW.split(",").map((at) => new Date(at));

// Every request this process makes says who made it: the SMS gateway's through fetch,
// the callbacks' through node:http (patched, then synced into the ESM named exports).
const fetchAsSender = globalThis.fetch;
globalThis.fetch = (input, init) => fetchAsSender(input, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-sender": SENDER } });
const requestAsSender = http.request;
http.request = ((url: URL, options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) =>
  requestAsSender(url, { ...options, headers: { ...(options.headers as Record<string, string>), "x-sender": SENDER } }, callback)) as typeof http.request;
syncBuiltinESMExports();

const gateway: Gateway = async (_to, text, options) => {
  const response = await fetch(`${RECEIVER}/sms`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, idempotencyKey: options?.idempotencyKey ?? null }),
    signal: options?.signal,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
};

const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: null, poolSize: 4 });
try {
  // The same fixed keys as the test that enqueued the work: this process must open what it sealed.
  const keys = fixedTestKeyring();
  const protector = createProtector(keys);
  const clock = fixedClock(instants[0]);
  const ctx = { database, keys, protector, clock, config: loadConfig({}, { dataDir: null, webRoot: null, upstreamAllowedHosts: ["127.0.0.1"] }) };
  const channels = defaultChannels({ sms: smsChannel(gateway) });
  const results: { at: string; rounds: number; sent: number; callbacks: number }[] = [];
  for (const now of instants) {
    const totals = { at: now.toISOString(), rounds: 0, sent: 0, callbacks: 0 };
    for (;;) {
      // Small batches, so the other process finds work while this one's messages are held.
      const messages = await deliverNotifications(database.db, protector, channels, now, { limit: 3, timeoutMs: 60_000 });
      const callbacks = await deliverUpstreamCallbacks(ctx, now, { limit: 2, timeoutMs: 60_000 });
      const handled = messages.sent + messages.retried + messages.failed + callbacks.sent + callbacks.retrying + callbacks.failed;
      if (handled === 0) break;
      totals.rounds += 1;
      totals.sent += messages.sent;
      totals.callbacks += callbacks.sent;
    }
    results.push(totals);
  }
  console.log(JSON.stringify(results));
} finally {
  await database.close();
}
