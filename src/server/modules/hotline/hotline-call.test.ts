import { describe, expect, it } from "vitest";
import { normalizeCallerNumber, reduceCall, type CallEvent, type CallRecord } from "./hotline-call.ts";

const T0 = Date.parse("2026-11-18T02:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const ev = (eventId: string, type: CallEvent["type"], s: number, extra: Partial<CallEvent> = {}): CallEvent => ({ eventId, type, at: at(s), ...extra });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const empty: CallRecord = {
  caller: null, arrivedAt: null, ringAt: null, answeredAt: null, endedAt: null, seat: null, outcome: null,
  waitSeconds: null, talkSeconds: null, transferTarget: null, recordingUrl: null,
};

const cases: { name: string; events: CallEvent[]; record: Partial<CallRecord> }[] = [
  {
    name: "answered, then ended, with a recording",
    events: [
      ev("a1", "incoming", 0, { caller: "13800138000" }),
      ev("a2", "ringing", 4, { seat: "8001" }),
      ev("a3", "answered", 12, { seat: "8001" }),
      ev("a4", "ended", 192),
      ev("a5", "recording_available", 195, { recordingUrl: "https://pbx.example/rec/a.wav" }),
    ],
    record: { caller: "13800138000", arrivedAt: at(0), ringAt: at(4), answeredAt: at(12), endedAt: at(192), seat: "8001", outcome: "answered", waitSeconds: 12, talkSeconds: 180, recordingUrl: "https://pbx.example/rec/a.wav" },
  },
  {
    name: "rang at two seats, nobody answered: missed",
    events: [
      ev("b1", "incoming", 0, { caller: "02812348" }),
      ev("b2", "ringing", 2, { seat: "8001" }),
      ev("b3", "ringing", 22, { seat: "8002" }),
      ev("b4", "missed", 62),
    ],
    record: { caller: "02812348", arrivedAt: at(0), ringAt: at(2), endedAt: at(62), seat: "8002", outcome: "missed", waitSeconds: 62, talkSeconds: null },
  },
  {
    name: "the caller hung up while it rang: abandoned",
    events: [ev("c1", "incoming", 0, { caller: "13900000001" }), ev("c2", "ringing", 3, { seat: "8003" }), ev("c3", "ended", 9)],
    record: { arrivedAt: at(0), endedAt: at(9), seat: "8003", outcome: "abandoned", waitSeconds: 9 },
  },
  {
    name: "missed, then a voicemail left: voicemail",
    events: [ev("d1", "incoming", 0, { caller: "13900000002" }), ev("d2", "missed", 30), ev("d3", "voicemail", 31, { recordingUrl: null }), ev("d4", "ended", 75), ev("d5", "recording_available", 76, { recordingUrl: "https://pbx.example/vm/d.wav" })],
    record: { outcome: "voicemail", endedAt: at(75), waitSeconds: 75, recordingUrl: "https://pbx.example/vm/d.wav" },
  },
  {
    name: "answered and transferred to a duty lawyer: the first seat keeps it, the target is kept",
    events: [
      ev("e1", "incoming", 0, { caller: "13900000003" }),
      ev("e2", "ringing", 1, { seat: "8001" }),
      ev("e3", "answered", 5, { seat: "8001" }),
      ev("e4", "transferred", 65, { seat: "8001", target: "8100" }),
      ev("e5", "ringing", 66, { seat: "8100" }),
      ev("e6", "answered", 70, { seat: "8100" }),
      ev("e7", "ended", 305),
    ],
    record: { seat: "8001", answeredAt: at(5), outcome: "answered", waitSeconds: 5, talkSeconds: 300, transferTarget: "8100" },
  },
  {
    name: "events at the same second still order by the call's course",
    events: [ev("f1", "incoming", 0, { caller: "13900000004" }), ev("f2", "ringing", 0, { seat: "8001" }), ev("f3", "answered", 0, { seat: "8001" }), ev("f4", "ended", 0)],
    record: { outcome: "answered", waitSeconds: 0, talkSeconds: 0, seat: "8001" },
  },
  {
    name: "still ringing: no outcome yet",
    events: [ev("g1", "incoming", 0, { caller: "13900000005" }), ev("g2", "ringing", 2, { seat: "8001" })],
    record: { outcome: null, endedAt: null, waitSeconds: null, seat: "8001" },
  },
  {
    name: "answered, not yet ended: no outcome, no talk time",
    events: [ev("h1", "incoming", 0), ev("h2", "answered", 7, { seat: "8002", caller: "13900000006" })],
    record: { outcome: null, answeredAt: at(7), waitSeconds: 7, talkSeconds: null, caller: "13900000006" },
  },
  {
    name: "the incoming event lost: arrival is the first event known",
    events: [ev("i1", "ringing", 3, { seat: "8001" }), ev("i2", "answered", 8, { seat: "8001" }), ev("i3", "ended", 20)],
    record: { arrivedAt: at(3), waitSeconds: 5, talkSeconds: 12, outcome: "answered" },
  },
];

describe("reduceCall", () => {
  it.each(cases)("$name", ({ events, record }) => {
    // Every field the case names is exactly what it says.
    for (const [key, value] of Object.entries(record)) expect(reduceCall(events)[key as keyof CallRecord], key).toEqual(value);
  });

  it.each(cases)("every order of arrival, with duplicates, gives the same record: $name", ({ events }) => {
    const expected = reduceCall(events);
    for (const order of permutations(events)) {
      expect(reduceCall(order)).toEqual(expected);
      // Each event sent twice, the second copy anywhere.
      expect(reduceCall([...order, ...order.slice().reverse()])).toEqual(expected);
    }
  });

  it("a duplicate is the first copy received (same event id)", () => {
    const record = reduceCall([ev("x1", "incoming", 0, { caller: "1" }), ev("x1", "incoming", 0, { caller: "1" }), ev("x2", "ended", 5)]);
    expect(record).toMatchObject({ outcome: "abandoned", waitSeconds: 5 });
  });

  it("no events, no record fields", () => {
    expect(reduceCall([])).toEqual(empty);
  });
});

describe("normalizeCallerNumber", () => {
  it.each([
    ["+86 138-0013-8000", "13800138000"],
    ["008613800138000", "13800138000"],
    ["13800138000", "13800138000"],
    ["028-12348", "02812348"],
    ["8613", "8613"],
  ])("%s → %s", (raw, expected) => expect(normalizeCallerNumber(raw)).toBe(expected));
});
