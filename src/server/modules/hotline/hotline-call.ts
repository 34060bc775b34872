/**
 * The call record as a pure function of the call's events. Phone systems send
 * events late, twice and out of order; the record is derived again from all of
 * a call's events each time one arrives, sorted by their own timestamps, so
 * every order of arrival (and every duplicate) gives the same record.
 */

export const CALL_EVENT_TYPES = ["incoming", "ringing", "answered", "transferred", "ended", "missed", "voicemail", "recording_available"] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export const CALL_OUTCOMES = ["answered", "missed", "abandoned", "voicemail"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One event of a call, as stored (hotline_events). */
export type CallEvent = {
  eventId: string;
  type: CallEventType;
  at: Date;
  /** The caller's number (incoming; any event may repeat it). */
  caller?: string | null;
  /** The seat's extension (ringing, answered; transferred: the seat it left). */
  seat?: string | null;
  /** Where the call went (transferred). */
  target?: string | null;
  recordingUrl?: string | null;
};

export type CallRecord = {
  caller: string | null;
  arrivedAt: Date | null;
  ringAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  /** The seat that answered, else the last that rang. */
  seat: string | null;
  /** Null while the call is still going. */
  outcome: CallOutcome | null;
  /** From arrival to answer, or to the end of an unanswered call. */
  waitSeconds: number | null;
  /** From answer to end. */
  talkSeconds: number | null;
  transferTarget: string | null;
  recordingUrl: string | null;
};

/** Events at the same second follow the call's natural order, then their ids: the sort is total. */
const RANK: Record<CallEventType, number> = { incoming: 0, ringing: 1, answered: 2, transferred: 3, missed: 4, voicemail: 5, ended: 6, recording_available: 7 };

/** The events once each (by id), in the order they happened. */
export function orderEvents(events: readonly CallEvent[]): CallEvent[] {
  const byId = new Map<string, CallEvent>();
  for (const event of events) if (!byId.has(event.eventId)) byId.set(event.eventId, event);
  return [...byId.values()].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || RANK[a.type] - RANK[b.type] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
}

const seconds = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);

/**
 * The record of a call from its events (any order, duplicates allowed).
 * Outcome: answered if anyone answered; else voicemail if a message was left;
 * else missed if the phone system gave up on it (no seat answered in time);
 * else abandoned if it ended (the caller hung up while waiting); else still going.
 */
export function reduceCall(events: readonly CallEvent[]): CallRecord {
  const ordered = orderEvents(events);
  const first = (type: CallEventType) => ordered.find((e) => e.type === type) ?? null;
  const lastWhere = (test: (e: CallEvent) => boolean) => [...ordered].reverse().find(test) ?? null;
  const last = (type: CallEventType) => lastWhere((e) => e.type === type);

  const incoming = first("incoming");
  const answered = first("answered");
  const ringing = last("ringing");
  const missed = first("missed");
  const voicemail = first("voicemail");
  const ending = lastWhere((e) => e.type === "ended" || e.type === "missed" || e.type === "voicemail");
  const caller = (incoming?.caller || ordered.find((e) => e.caller)?.caller) ?? null;

  const arrivedAt = incoming?.at ?? ordered[0]?.at ?? null;
  const endedAt = ending?.at ?? null;
  const outcome: CallOutcome | null = answered ? (endedAt ? "answered" : null) : voicemail ? "voicemail" : missed ? "missed" : endedAt ? "abandoned" : null;
  return {
    caller,
    arrivedAt,
    ringAt: first("ringing")?.at ?? null,
    answeredAt: answered?.at ?? null,
    endedAt,
    seat: answered?.seat ?? ringing?.seat ?? null,
    outcome,
    waitSeconds: seconds(arrivedAt, answered?.at ?? endedAt),
    talkSeconds: answered ? seconds(answered.at, endedAt) : null,
    transferTarget: last("transferred")?.target ?? null,
    recordingUrl: last("recording_available")?.recordingUrl ?? null,
  };
}

/** A caller number as the lookup hash sees it: digits only, without China's +86 / 0086 before a mobile number. */
export function normalizeCallerNumber(raw: string): string {
  const digits = raw.replace(/[^\d]/g, "");
  const national = digits.replace(/^(0086|86)(?=1\d{10}$)/, "");
  return national;
}
