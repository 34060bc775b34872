import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, findBrokenLink, GENESIS_HASH, type ChainedEvent } from "./audit-chain.ts";

function chain(...types: string[]): ChainedEvent[] {
  let prev = GENESIS_HASH;
  return types.map((type, i) => {
    const base = { ticketId: "t1", seq: i + 1, at: new Date(Date.UTC(2026, 10, 20, 2, i)), actorKind: "staff", actorId: "a1", type, data: { n: i, note: "记录" } };
    const hash = eventHash(prev, base);
    const event = { ...base, prevHash: prev, hash };
    prev = hash;
    return event;
  });
}

describe("canonical JSON", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe("the hash chain", () => {
  it("an untouched chain verifies", () => expect(findBrokenLink(chain("ticket.created", "action.accept", "action.assign"))).toBeNull());

  it("an empty chain verifies", () => expect(findBrokenLink([])).toBeNull());

  it.each([
    ["changed data", (events: ChainedEvent[]) => (events[1].data = { n: 99 }), 2],
    ["changed time", (events: ChainedEvent[]) => (events[2].at = new Date(0)), 3],
    ["changed actor", (events: ChainedEvent[]) => (events[0].actorId = "intruder"), 1],
    ["a removed event", (events: ChainedEvent[]) => events.splice(1, 1), 3],
    ["a rehashed event without its successors", (events: ChainedEvent[]) => {
      events[1].data = { n: 99 };
      events[1].hash = eventHash(events[1].prevHash, events[1]);
    }, 3],
  ])("detects %s", (_label, tamper, brokenAt) => {
    const events = chain("ticket.created", "action.accept", "action.assign", "action.start");
    tamper(events);
    expect(findBrokenLink(events)).toBe(brokenAt);
  });

  it("the same content hashes the same whatever the key order", () => {
    const base = { ticketId: "t", seq: 1, at: new Date(0), actorKind: "system", actorId: null, type: "x" };
    expect(eventHash(GENESIS_HASH, { ...base, data: { a: 1, b: 2 } })).toBe(eventHash(GENESIS_HASH, { ...base, data: { b: 2, a: 1 } }));
  });
});
