/**
 * Callbacks (回拨) and quality sampling on a migrated database (embedded, or
 * PostgreSQL with DATABASE_URL): a missed, voicemail or long abandoned call makes
 * exactly one callback whatever order its events arrive in, twice or at once;
 * an answered call is sampled by its hash, once; a resolved ticket's follow-up
 * appears at the desk; a negative rating from any channel raises a callback; the
 * desk's survey becomes the ticket's rating through oversight's command.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../platform/db/index.ts";
import { createProtector } from "../../../platform/personal/protect.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../../test/helpers/factories.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { actOnTicket } from "../../tickets/commands/act-on-ticket.ts";
import { getTicketRow } from "../../tickets/queries/get-ticket.ts";
import { recordRating } from "../../oversight/commands/record-rating.ts";
import { getRating } from "../../oversight/queries/get-rating.ts";
import { DEFAULT_CALLBACK_SETTINGS } from "../hotline-callbacks.rules.ts";
import { isSampled } from "../hotline-sampling.ts";
import { saveCallbackSettings } from "./save-callback-settings.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { HotlineSourceCaller } from "../queries/authenticate-source.ts";
import { findCallbacks } from "../queries/find-callbacks.ts";
import { createHotlineSource } from "./create-hotline-source.ts";
import { receiveCallEvent } from "./receive-call-event.ts";
import { claimCallback, recordFollowUpSurvey } from "./work-callback.ts";

// Wednesday 18 November 2026, 10:05 Beijing time.
const NOW = new Date("2026-11-18T10:05:00+08:00");
const at = (s: number) => new Date(Date.parse("2026-11-18T10:00:00+08:00") + s * 1000).toISOString();
/** The end of Thursday 19 November in Beijing: the next working day. */
const NEXT_WORKING_DAY_END = "2026-11-19T16:00:00.000Z";
const protector = createProtector(Buffer.alloc(32, 5));
let database: Database;
let source: HotlineSourceCaller;
let tree: TestTree;
const people: Record<string, StaffActor> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const { row } = await database.db.transaction((tx) => createHotlineSource(tx, systemActor("test"), { name: "回拨测试", regionCode: tree.counties[0] }, NOW, { protector }));
  source = { id: row.id, name: row.name, regionPath: row.regionPath };
  await database.db.transaction(async (tx) => {
    people.window = await makeStaff(tx, ["window"], tree.counties[0]);
    people.dispatcher = await makeStaff(tx, ["dispatcher"], tree.city);
    people.lawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    people.operator = await makeStaff(tx, ["operator"], tree.counties[0]);
  });
});

afterAll(async () => {
  await database?.close();
});

const receive = (event: CallEventInput) => database.db.transaction((tx) => receiveCallEvent(tx, source, event, NOW, { protector }));
const callbacksOf = async (callId: string) =>
  (await database.pool.query("select cb.* from hotline_callbacks cb join hotline_calls c on c.id = cb.call_ref where c.source_id = $1 and c.call_id = $2", [source.id, callId])).rows;

/** Every order of a few events, plus each with the first event sent again at the end. */
function orders<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("a call's callback", () => {
  it("a missed call makes one callback, in every order of its events and with duplicates", async () => {
    const events = (callId: string): CallEventInput[] => [
      { eventId: `${callId}-1`, callId, type: "incoming", at: at(0), caller: "13800001111" },
      { eventId: `${callId}-2`, callId, type: "ringing", at: at(2), seat: "8001" },
      { eventId: `${callId}-3`, callId, type: "missed", at: at(30) },
      { eventId: `${callId}-4`, callId, type: "ended", at: at(31) },
    ];
    let n = 0;
    for (const order of orders([0, 1, 2, 3])) {
      const callId = `missed-${++n}`;
      const list = events(callId);
      for (const i of [...order, order[0], order[2]]) await receive(list[i]);
      const rows = await callbacksOf(callId);
      expect(rows, callId).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "missed", status: "open", attempt_count: 0 });
      expect(new Date(rows[0].due_at).toISOString()).toBe(NEXT_WORKING_DAY_END);
    }
  });

  it("events of one call arriving at once, each in its own transaction, still make one callback", async () => {
    const callId = "missed-concurrent";
    const list: CallEventInput[] = [
      { eventId: "mc-1", callId, type: "incoming", at: at(0), caller: "13800002222" },
      { eventId: "mc-2", callId, type: "missed", at: at(30) },
      { eventId: "mc-3", callId, type: "ended", at: at(31) },
    ];
    await Promise.all([...list, ...list].map(receive));
    expect(await callbacksOf(callId)).toHaveLength(1);
  });

  it("a voicemail arriving after the miss turns the same callback into a voicemail one", async () => {
    const callId = "voicemail-late";
    await receive({ eventId: "vl-3", callId, type: "ended", at: at(60) });
    await receive({ eventId: "vl-1", callId, type: "incoming", at: at(0), caller: "13800003333" });
    await receive({ eventId: "vl-2", callId, type: "missed", at: at(30) });
    expect((await callbacksOf(callId)).map((r) => r.kind)).toEqual(["missed"]);
    await receive({ eventId: "vl-4", callId, type: "voicemail", at: at(59) });
    await receive({ eventId: "vl-4", callId, type: "voicemail", at: at(59) });
    expect((await callbacksOf(callId)).map((r) => r.kind)).toEqual(["voicemail"]);
  });

  it("an abandoned call is called back only after a real wait (10 s by default)", async () => {
    for (const [callId, wait, count] of [["ab-short", 9, 0], ["ab-long", 10, 1]] as const) {
      await receive({ eventId: `${callId}-2`, callId, type: "ended", at: at(wait) });
      await receive({ eventId: `${callId}-1`, callId, type: "incoming", at: at(0), caller: "13800004444" });
      expect(await callbacksOf(callId), callId).toHaveLength(count);
    }
  });

  it("no number, no callback; an answer arriving late closes the callback as answered", async () => {
    await receive({ eventId: "nn-1", callId: "no-number", type: "missed", at: at(30) });
    expect(await callbacksOf("no-number")).toHaveLength(0);
    const callId = "late-answer";
    await receive({ eventId: "la-1", callId, type: "incoming", at: at(0), caller: "13800005555" });
    await receive({ eventId: "la-3", callId, type: "ended", at: at(90) });
    expect((await callbacksOf(callId))[0]).toMatchObject({ kind: "abandoned", status: "open" });
    await receive({ eventId: "la-2", callId, type: "answered", at: at(12), seat: "8001" });
    expect((await callbacksOf(callId))[0]).toMatchObject({ status: "closed", close_reason: "answered" });
  });
});

describe("quality sampling", () => {
  it("answered calls are sampled by their hash at the bureau's share, each once, however often re-derived", async () => {
    const admin = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.counties[0]));
    await database.db.transaction((tx) => saveCallbackSettings(tx, admin, tree.counties[0], { ...DEFAULT_CALLBACK_SETTINGS, sampleBasisPoints: 5000 }, NOW));
    const expected: string[] = [];
    for (let i = 0; i < 60; i++) {
      const callId = `answered-${i}`;
      if (isSampled(`${source.id}:${callId}`, 5000)) expected.push(callId);
      await receive({ eventId: `${callId}-3`, callId, type: "ended", at: at(70) });
      await receive({ eventId: `${callId}-2`, callId, type: "answered", at: at(5), seat: "8001" });
      await receive({ eventId: `${callId}-1`, callId, type: "incoming", at: at(0), caller: "13800006666" });
    }
    const { rows } = await database.pool.query(
      "select c.call_id, count(*)::int as n from hotline_quality_reviews r join hotline_calls c on c.id = r.call_ref where c.source_id = $1 and c.call_id like 'answered-%' group by c.call_id",
      [source.id],
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.call_id).sort()).toEqual(expected.sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});

describe("tickets at the callback desk", () => {
  async function resolvedTicket(phone: string | undefined): Promise<string> {
    return database.db.transaction(async (tx) => {
      const { id } = await createTicket(
        tx,
        people.window,
        { channel: "window", serviceType: "mediation", category: "邻里", regionCode: tree.counties[0], applicant: { name: "钱七", ...(phone ? { phone } : {}) }, description: "噪音扰民", language: "zh" },
        NOW,
        { protector },
      );
      await actOnTicket(tx, people.window, id, { action: "accept" }, NOW, { protector });
      await actOnTicket(tx, people.dispatcher, id, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: people.lawyer.id }, NOW, { protector });
      await actOnTicket(tx, people.lawyer, id, { action: "resolve", summary: "已调解" }, NOW, { protector });
      return id;
    });
  }
  const ticketCallbacks = async (ticketId: string) => (await database.pool.query("select * from hotline_callbacks where ticket_id = $1 order by created_at, kind", [ticketId])).rows;

  it("a resolved ticket's phone follow-up appears as a callback due when the follow-up is; none without a phone", async () => {
    const id = await resolvedTicket("13900007777");
    const rows = await ticketCallbacks(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "follow_up", status: "open" });
    const { rows: followUps } = await database.pool.query("select id, due_at from follow_ups where ticket_id = $1", [id]);
    expect(rows[0].follow_up_id).toBe(followUps[0].id);
    expect(new Date(rows[0].due_at).getTime()).toBe(new Date(followUps[0].due_at).getTime());
    expect(await ticketCallbacks(await resolvedTicket(undefined))).toHaveLength(0);
  });

  it("a negative rating from any channel raises one callback; a good one none", async () => {
    const bad = await resolvedTicket("13900008888");
    await database.db.transaction((tx) => recordRating(tx, people.operator, bad, { attitude: 4, speed: 2, policy: 4, expertise: 4 }, NOW));
    expect((await ticketCallbacks(bad)).map((r) => r.kind).sort()).toEqual(["follow_up", "negative_rating"]);
    const good = await resolvedTicket("13900009999");
    await database.db.transaction((tx) => recordRating(tx, systemActor("portal"), good, { attitude: 5, speed: 4, policy: 4, expertise: 5 }, NOW));
    expect((await ticketCallbacks(good)).map((r) => r.kind)).toEqual(["follow_up"]);
  });

  it("the desk's survey follows the ticket up and becomes its rating; a low one raises a callback; a retry changes nothing", async () => {
    const id = await resolvedTicket("13900001234");
    const [task] = await ticketCallbacks(id);
    await database.db.transaction((tx) => claimCallback(tx, people.operator, task.id, NOW));
    const input = { requestId: randomUUID(), answers: { resolved: false, satisfaction: 2, suggestion: "太慢" } };
    expect(await database.db.transaction((tx) => recordFollowUpSurvey(tx, people.operator, task.id, input, NOW, { protector }))).toEqual({ isRated: true });
    expect(await database.db.transaction((tx) => recordFollowUpSurvey(tx, people.operator, task.id, input, NOW, { protector }))).toEqual({ isRated: true });
    expect((await database.db.transaction((tx) => getTicketRow(tx, id)))?.status).toBe("followed_up");
    expect(await database.db.transaction((tx) => getRating(tx, id))).toMatchObject({ attitude: 2, speed: 2, policy: 2, expertise: 2, comment: "太慢", hasLowScore: true });
    const rows = await ticketCallbacks(id);
    expect(rows.map((r) => [r.kind, r.status, r.close_reason])).toEqual([
      ["follow_up", "closed", "reached"],
      ["negative_rating", "open", null],
    ]);
    const { rows: attempts } = await database.pool.query("select count(*)::int as n from hotline_callback_attempts where callback_id = $1", [task.id]);
    expect(attempts[0].n).toBe(1);
    const listed = await database.db.transaction((tx) => findCallbacks(tx, people.operator, protector, { kind: "negative_rating" }, NOW));
    expect(listed.items.find((c) => c.ticket?.id === id)?.phone).toBe("139****1234");
  });
});
