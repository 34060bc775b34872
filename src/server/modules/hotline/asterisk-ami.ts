/**
 * The reference adapter: Asterisk's Manager Interface (AMI) events mapped to our
 * call events (docs/hotline.md, "Asterisk"). AMI sends text frames of `Key: Value`
 * lines separated by a blank line; with `timestampevents = yes` in manager.conf
 * each frame carries `Timestamp: <unix seconds.micro>`, which becomes the event's
 * time. A call is the Linkedid (the caller's channel's Uniqueid); event ids are
 * built from the frame, so the same stream read twice gives the same ids and is
 * stored once.
 *
 * Pure except for the small state a call needs while it goes (was it answered,
 * how did the last dial end): feed frames in the order AMI sent them.
 */
import type { CallEventInput } from "./hotline.types.ts";

export type AmiFrame = Record<string, string>;

/** Frames of an AMI stream (CRLF or LF); the `Asterisk Call Manager/…` banner and frames without an Event are left out. */
export function parseAmiFrames(text: string): AmiFrame[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) => {
      const frame: AmiFrame = {};
      for (const line of block.split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        frame[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      return frame;
    })
    .filter((frame) => frame.Event);
}

/** The seat's extension in a channel name: `PJSIP/8001-0000000a`, `SIP/8001-…`, `Local/8001@from-queue-…;1` → 8001. */
export function extensionOfChannel(channel: string | undefined): string | null {
  const match = /^[A-Za-z0-9_]+\/([^@;/-]+)/.exec(channel ?? "");
  return match ? match[1] : null;
}

export type AmiMapperOptions = {
  /** Where recordings are served, joined with the File of a `UserEvent: HotlineRecording` (docs/hotline.md). */
  recordingBaseUrl?: string;
};

/** Dial results where the phone system gave up on the seat (not the caller hanging up: that is CANCEL). */
const GAVE_UP = new Set(["NOANSWER", "BUSY", "CHANUNAVAIL", "CONGESTION"]);

type CallState = { isAnswered: boolean; lastDialStatus: string | null; isAbandoned: boolean; hasLeftQueueUnanswered: boolean };

/** A mapper over one AMI connection's frames: each frame gives zero or more call events. */
export function createAmiMapper(options: AmiMapperOptions = {}) {
  const calls = new Map<string, CallState>();
  const stateOf = (callId: string) => {
    let state = calls.get(callId);
    if (!state) calls.set(callId, (state = { isAnswered: false, lastDialStatus: null, isAbandoned: false, hasLeftQueueUnanswered: false }));
    return state;
  };

  return function map(frame: AmiFrame): CallEventInput[] {
    // A transfer names the calls of both its sides; the call transferred is the transferee's.
    const callId = frame.Linkedid ?? frame.TransfereeLinkedid;
    const seconds = Number(frame.Timestamp);
    if (!callId || !frame.Timestamp || !Number.isFinite(seconds)) return [];
    const at = new Date(Math.round(seconds * 1000)).toISOString();
    const id = (suffix = "") => `ami:${frame.Uniqueid ?? callId}:${frame.Event}:${frame.Timestamp}${suffix}`;
    const base = { callId, at };
    const isCallerChannel = frame.Uniqueid === callId;
    const state = stateOf(callId);

    switch (frame.Event) {
      case "Newchannel":
        // The call's first channel is the caller's; the seats' channels come later with the same Linkedid.
        return isCallerChannel ? [{ ...base, eventId: id(), type: "incoming", caller: frame.CallerIDNum }] : [];
      case "DialBegin": {
        const seat = extensionOfChannel(frame.DestChannel);
        return seat ? [{ ...base, eventId: id(`:${frame.DestUniqueid ?? seat}`), type: "ringing", seat }] : [];
      }
      case "DialEnd": {
        state.lastDialStatus = frame.DialStatus ?? null;
        const seat = extensionOfChannel(frame.DestChannel);
        if (frame.DialStatus !== "ANSWER" || !seat) return [];
        state.isAnswered = true;
        return [{ ...base, eventId: id(`:${frame.DestUniqueid ?? seat}`), type: "answered", seat }];
      }
      case "AgentConnect": {
        // A queue member took the call: the same answer as its DialEnd; both stored, the earlier one counts.
        const seat = extensionOfChannel(frame.DestChannel ?? frame.Interface);
        if (!seat) return [];
        state.isAnswered = true;
        return [{ ...base, eventId: id(`:${frame.DestUniqueid ?? seat}`), type: "answered", seat }];
      }
      case "BlindTransfer": {
        if (frame.Result !== "Success" || !frame.Extension) return [];
        const seat = extensionOfChannel(frame.TransfererChannel);
        return [{ ...base, eventId: id(), type: "transferred", target: frame.Extension, ...(seat ? { seat } : {}) }];
      }
      case "QueueCallerAbandon":
        state.isAbandoned = true;
        return [];
      case "QueueCallerLeave":
        if (!state.isAnswered) state.hasLeftQueueUnanswered = true;
        return [];
      case "MessageWaiting":
        // A message left by this call's caller (Asterisk 16.24+ names the channel that left it).
        return frame.Waiting === "1" || frame.Waiting === "Yes" ? [{ ...base, eventId: id(), type: "voicemail" }] : [];
      case "UserEvent": {
        if (frame.UserEvent !== "HotlineRecording") return [];
        const url = frame.RecordingUrl ?? (frame.File && options.recordingBaseUrl ? `${options.recordingBaseUrl.replace(/\/$/, "")}/${frame.File.replace(/^\//, "")}` : null);
        return url ? [{ ...base, eventId: id(), type: "recording_available", recordingUrl: url }] : [];
      }
      case "Hangup": {
        if (!isCallerChannel) return [];
        calls.delete(callId);
        // Unanswered and not the caller's doing: the seats did not answer in time (the dial gave up, or the queue timed out).
        const isMissed = !state.isAnswered && !state.isAbandoned && ((state.lastDialStatus !== null && GAVE_UP.has(state.lastDialStatus)) || state.hasLeftQueueUnanswered);
        return [...(isMissed ? [{ ...base, eventId: id(":missed"), type: "missed" as const }] : []), { ...base, eventId: id(), type: "ended" }];
      }
      default:
        return [];
    }
  };
}

/** All call events of a recorded or live stream's text. */
export function mapAmiStream(text: string, options: AmiMapperOptions = {}): CallEventInput[] {
  const map = createAmiMapper(options);
  return parseAmiFrames(text).flatMap(map);
}
