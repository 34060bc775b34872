/**
 * receiveCallEvent on a migrated database (embedded, or PostgreSQL with DATABASE_URL):
 * the events of one call arriving at the same moment in separate transactions all
 * count; an event sent twice is stored once; the caller's number is stored sealed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../platform/db/index.ts";
import { createProtector } from "../../../platform/personal/protect.ts";
import { systemActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree } from "../../../../../test/helpers/factories.ts";
import { createHotlineSource } from "./create-hotline-source.ts";
import { receiveCallEvent } from "./receive-call-event.ts";
import { getCallRecord } from "../queries/get-call-record.ts";
import { resealHotlineData } from "./reseal-hotline-data.ts";
import { toKey } from "../../../platform/keys.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { HotlineSourceCaller } from "../queries/authenticate-source.ts";

const NOW = new Date("2026-11-18T10:05:00+08:00");
const at = (s: number) => new Date(Date.parse("2026-11-18T10:00:00+08:00") + s * 1000).toISOString();
const protector = createProtector(Buffer.alloc(32, 7));
let database: Database;
let source: HotlineSourceCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const { row } = await database.db.transaction((tx) => createHotlineSource(tx, systemActor("test"), { name: "并发测试", regionCode: tree.counties[0] }, NOW, { protector }));
  source = { id: row.id, name: row.name, regionPath: row.regionPath };
});

afterAll(async () => {
  await database?.close();
});

const receive = (event: CallEventInput) => database.db.transaction((tx) => receiveCallEvent(tx, source, event, NOW, { protector }));

describe("receiveCallEvent", () => {
  it("events of one call arriving at once, each in its own transaction: the record counts them all", async () => {
    const callId = "concurrent-1";
    const events: CallEventInput[] = [
      { eventId: "c1", callId, type: "incoming", at: at(0), caller: "13800138000" },
      { eventId: "c2", callId, type: "ringing", at: at(3), seat: "8001" },
      { eventId: "c3", callId, type: "answered", at: at(9), seat: "8001" },
      { eventId: "c4", callId, type: "ended", at: at(69) },
      { eventId: "c5", callId, type: "recording_available", at: at(70), recordingUrl: "https://pbx.example/r/1.wav" },
    ];
    const receipts = await Promise.all([...events, events[2], events[3]].map(receive));
    expect(receipts.filter((r) => r.isDuplicate)).toHaveLength(2);
    const record = await database.db.transaction((tx) => getCallRecord(tx, protector, source.id, callId));
    expect(record).toMatchObject({ eventCount: 5, outcome: "answered", waitSeconds: 9, talkSeconds: 60, caller: "13800138000", recordingUrl: "https://pbx.example/r/1.wav" });
    const { rows } = await database.pool.query("select count(*)::int as n from hotline_events where source_id = $1 and call_id = $2", [source.id, callId]);
    expect(rows[0].n).toBe(5);
  });

  it("the caller's number is sealed in the events and the record, with its lookup hash", async () => {
    await receive({ eventId: "s1", callId: "sealed-1", type: "incoming", at: at(0), caller: "+86 139 0000 1234" });
    const { rows } = await database.pool.query("select e.payload, c.caller_enc, c.caller_hash from hotline_events e join hotline_calls c on c.source_id = e.source_id and c.call_id = e.call_id where e.event_id = 's1'");
    expect(JSON.stringify(rows[0])).not.toContain("13900001234");
    expect(protector.decrypt(rows[0].caller_enc)).toBe("13900001234");
    expect(rows[0].caller_hash).toBe(protector.lookupHash("13900001234"));
  });

  it("a data key rotation re-seals the secrets and numbers, and the lookup hashes with them", async () => {
    await receive({ eventId: "r1", callId: "rotate-1", type: "incoming", at: at(0), caller: "13700007777" });
    const next = createProtector({ data: toKey(Buffer.alloc(32, 9)), dataKeys: [toKey(Buffer.alloc(32, 9)), toKey(Buffer.alloc(32, 7))] });
    const first = await resealHotlineData(database.db, next);
    expect(first.unreadable).toBe(0);
    expect(first.resealed).toBeGreaterThanOrEqual(3); // the source's secret, the calls' numbers, the events' numbers
    expect(await resealHotlineData(database.db, next)).toMatchObject({ resealed: 0, unreadable: 0 });
    const { rows } = await database.pool.query("select c.caller_enc, c.caller_hash, e.payload from hotline_calls c join hotline_events e on e.source_id = c.source_id and e.call_id = c.call_id where c.call_id = 'rotate-1'");
    expect(next.isCurrent(rows[0].caller_enc)).toBe(true);
    expect(next.isCurrent(rows[0].payload.callerEnc)).toBe(true);
    expect(rows[0].caller_hash).toBe(next.lookupHash("13700007777"));
    const [secret] = (await database.pool.query("select secret from hotline_sources where id = $1", [source.id])).rows;
    expect(next.isCurrent(secret.secret)).toBe(true);
  });
});
