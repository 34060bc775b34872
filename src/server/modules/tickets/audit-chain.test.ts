import { describe, expect, it } from "vitest";
import { generateKey } from "../../platform/keys.ts";
import { canonicalJson, eventHash, findBrokenLink, GENESIS_HASH, legacyEventHash, type ChainedEvent } from "./audit-chain.ts";

const key = generateKey();
const keys = new Map([[key.id, key]]);

function chain(...types: string[]): ChainedEvent[] {
  let prev = GENESIS_HASH;
  return types.map((type, i) => {
    const base = { ticketId: "t1", seq: i + 1, at: new Date(Date.UTC(2026, 10, 20, 2, i)), actorKind: "staff", actorId: "a1", actorName: "张三", type, data: { n: i, note: "记录" } };
    const hash = eventHash(key, prev, base);
    const event = { ...base, keyId: key.id, prevHash: prev, hash };
    prev = hash;
    return event;
  });
}

const headOf = (events: ChainedEvent[]) => ({ seq: events.length, hash: events.at(-1)?.hash ?? GENESIS_HASH });

describe("canonical JSON", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe("the keyed chain", () => {
  it("an untouched chain verifies, naming its key", () => {
    const events = chain("ticket.created", "action.accept", "action.assign");
    expect(findBrokenLink(events, keys, headOf(events))).toEqual({ brokenAtSeq: null, reason: null, keyIds: [key.id] });
  });

  it("an empty chain verifies against an empty head", () => expect(findBrokenLink([], keys, { seq: 0, hash: GENESIS_HASH }).brokenAtSeq).toBeNull());

  type Tamper = readonly [string, (events: ChainedEvent[]) => unknown, number, string];
  it.each<Tamper>([
    ["changed data", (events: ChainedEvent[]) => (events[1].data = { n: 99 }), 2, "content"],
    ["changed time", (events: ChainedEvent[]) => (events[2].at = new Date(0)), 3, "content"],
    ["changed actor id", (events: ChainedEvent[]) => (events[0].actorId = "intruder"), 1, "content"],
    ["changed actor name", (events: ChainedEvent[]) => (events[0].actorName = "李四"), 1, "content"],
    ["a removed event", (events: ChainedEvent[]) => events.splice(1, 1), 2, "sequence"],
    ["a row naming another key", (events: ChainedEvent[]) => (events[1].keyId = "deadbeef"), 2, "unknown_key"],
    ["an unkeyed row", (events: ChainedEvent[]) => (events[1].keyId = null), 2, "unknown_key"],
    // What an insider without the key can do: edit a row and recompute the chain with the old, unkeyed function.
    ["a row rehashed with the unkeyed function", (events: ChainedEvent[]) => {
      events[1].data = { n: 99 };
      events[1].hash = legacyEventHash(events[1].prevHash, events[1]);
    }, 2, "content"],
    ["a row rehashed under another key", (events: ChainedEvent[]) => {
      events[1].data = { n: 99 };
      events[1].hash = eventHash(generateKey(), events[1].prevHash, events[1]);
    }, 2, "content"],
    ["a row rehashed without its successors", (events: ChainedEvent[]) => {
      events[1].data = { n: 99 };
      events[1].hash = eventHash(key, events[1].prevHash, events[1]);
    }, 3, "link"],
  ])("detects %s", (_label, tamper, brokenAt, reason) => {
    const events = chain("ticket.created", "action.accept", "action.assign", "action.start");
    const head = headOf(events);
    tamper(events);
    expect(findBrokenLink(events, keys, head)).toMatchObject({ brokenAtSeq: brokenAt, reason });
  });

  it("detects the last events deleted, by the head", () => {
    const events = chain("ticket.created", "action.accept", "action.assign", "action.start");
    const head = headOf(events);
    expect(findBrokenLink(events.slice(0, 3), keys, head)).toMatchObject({ brokenAtSeq: 4, reason: "head" });
    expect(findBrokenLink(events.slice(0, 1), keys, head)).toMatchObject({ brokenAtSeq: 2, reason: "head" });
    // Without the head, a truncated chain looks whole: that is why the head is kept on the ticket row.
    expect(findBrokenLink(events.slice(0, 3), keys).brokenAtSeq).toBeNull();
  });

  it("detects a head that does not name the last event", () => {
    const events = chain("ticket.created", "action.accept");
    expect(findBrokenLink(events, keys, { seq: 2, hash: "f".repeat(64) })).toMatchObject({ brokenAtSeq: 2, reason: "head" });
    expect(findBrokenLink(events, keys, { seq: 1, hash: events[0].hash })).toMatchObject({ brokenAtSeq: 2, reason: "head" });
  });

  it("the same content hashes the same whatever the key order, and differently under another key", () => {
    const base = { ticketId: "t", seq: 1, at: new Date(0), actorKind: "system", actorId: null, actorName: "system", type: "x" };
    expect(eventHash(key, GENESIS_HASH, { ...base, data: { a: 1, b: 2 } })).toBe(eventHash(key, GENESIS_HASH, { ...base, data: { b: 2, a: 1 } }));
    expect(eventHash(generateKey(), GENESIS_HASH, { ...base, data: { a: 1 } })).not.toBe(eventHash(key, GENESIS_HASH, { ...base, data: { a: 1 } }));
  });
});
