import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { extensionOfChannel, mapAmiStream, parseAmiFrames } from "./asterisk-ami.ts";
import { reduceCall } from "./hotline-call.ts";

/** A recorded AMI stream (timestampevents = yes): five calls of 18 November 2026, interleaved, with frames that are not about calls. */
const STREAM = readFileSync(resolve("test/fixtures/hotline/asterisk-ami-2026-11-18.txt"), "utf8");
const T = 1794967200; // 10:00:00 Beijing time
const at = (s: number) => new Date((T + s) * 1000);

function recordsOf(text: string) {
  const events = mapAmiStream(text, { recordingBaseUrl: "https://pbx.example/recordings/" });
  const byCall = new Map<string, typeof events>();
  for (const e of events) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  return new Map([...byCall].map(([callId, list]) => [callId, reduceCall(list.map((e) => ({ ...e, at: new Date(e.at) })))]));
}

describe("AMI frames", () => {
  it("parses the recorded stream: the banner and the login answer left out, every frame with its fields", () => {
    const frames = parseAmiFrames(STREAM);
    expect(frames).toHaveLength(47);
    expect(frames[0]).toMatchObject({ Event: "FullyBooted" });
    expect(frames[1]).toMatchObject({ Event: "Newchannel", CallerIDNum: "13800138000", Uniqueid: "1794967200.101", Linkedid: "1794967200.101", AccountCode: "" });
  });

  it.each([
    ["PJSIP/8001-00000066", "8001"],
    ["SIP/8100-0000a1", "8100"],
    ["Local/8002@from-queue-0000001;1", "8002"],
    ["PJSIP/8001", "8001"],
    ["", null],
    [undefined, null],
  ])("the extension of %s is %s", (channel, extension) => expect(extensionOfChannel(channel)).toBe(extension));
});

describe("AMI events mapped to call events", () => {
  const records = recordsOf(STREAM);

  it("answered through the queue at 8001, recorded", () => {
    expect(records.get("1794967200.101")).toMatchObject({
      caller: "13800138000", arrivedAt: at(0.05), ringAt: at(4.12), answeredAt: at(16), endedAt: at(196.01), seat: "8001",
      outcome: "answered", waitSeconds: 16, talkSeconds: 180, recordingUrl: "https://pbx.example/recordings/2026/11/18/1794967200.101.wav",
    });
  });

  it("two seats did not answer, a voicemail left", () => {
    expect(records.get("1794967205.103")).toMatchObject({ caller: "13900139000", seat: "8003", outcome: "voicemail", answeredAt: null, endedAt: at(92.5) });
  });

  it("the caller hung up while it rang: abandoned", () => {
    expect(records.get("1794967230.106")).toMatchObject({ caller: "02887654321", seat: "8004", outcome: "abandoned", waitSeconds: 10 });
  });

  it("answered at 8002 and blind-transferred to the duty lawyer's 8100", () => {
    expect(records.get("1794967300.108")).toMatchObject({ seat: "8002", transferTarget: "8100", outcome: "answered", answeredAt: at(104), endedAt: at(330.01), talkSeconds: 226 });
  });

  it("the queue timed out: missed", () => {
    expect(records.get("1794967400.111")).toMatchObject({ outcome: "missed", seat: "8001", waitSeconds: 63 });
  });

  it("exactly these five calls; the same stream read twice gives the same event ids", () => {
    expect([...records.keys()].sort()).toEqual(["1794967200.101", "1794967205.103", "1794967230.106", "1794967300.108", "1794967400.111"]);
    const ids = mapAmiStream(STREAM).map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(mapAmiStream(STREAM).map((e) => e.eventId)).toEqual(ids);
  });

  it("a frame without a timestamp (timestampevents off) gives nothing", () => {
    expect(mapAmiStream("Event: Newchannel\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nCallerIDNum: 13800138000\r\n\r\n")).toEqual([]);
  });
});
