import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { normalizeCallerNumber, reduceCall, type CallEvent, type CallOutcome } from "../hotline-call.ts";
import { hotlineCalls, hotlineEvents, type HotlineCallRow, type HotlineSeatRow, type StoredEventPayload } from "../hotline.tables.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { HotlineSourceCaller } from "../queries/authenticate-source.ts";
import { findSeatByExtension } from "../queries/find-seats.ts";
import { applyCallToOperator, releaseOperatorsOfCall } from "./set-operator-state.ts";
import { afterCallDerived } from "./raise-callbacks.ts";

/** The field each event type cannot do without; the schema checks the rest. */
const REQUIRED: Partial<Record<CallEventInput["type"], keyof CallEventInput>> = {
  incoming: "caller",
  ringing: "seat",
  answered: "seat",
  transferred: "target",
  recording_available: "recordingUrl",
};

/** A phone system's clock far from ours is refused: a day either side of now. */
const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;

export type CallEventReceipt = { eventId: string; callId: string; isDuplicate: boolean; call: { outcome: CallOutcome | null; eventCount: number } };

/** The type-specific checks, before anything is stored. */
export function checkCallEvent(input: CallEventInput, now: Date): void {
  const needed = REQUIRED[input.type];
  if (needed && !input[needed]) throw new AppError("VALIDATION_FAILED", `A ${input.type} event needs ${needed}`, { field: needed });
  if (input.caller !== undefined && normalizeCallerNumber(input.caller).length < 3) throw new AppError("VALIDATION_FAILED", "caller must have at least 3 digits", { field: "caller" });
  if (Math.abs(new Date(input.at).getTime() - now.getTime()) > MAX_EVENT_AGE_MS) {
    throw new AppError("VALIDATION_FAILED", "at must be within a day of now (is the phone system's clock set?)", { field: "at" });
  }
}

/**
 * Stores a call event once (by the source's event id) and derives the call's
 * record again from all of its events (hotline-call.ts), whatever order they came
 * in. The call's row is locked first, so two events of one call arriving at once
 * are derived one after the other, each seeing the other's. The operator at the
 * answering seat turns busy, and after-call work when the call ends.
 */
export async function receiveCallEvent(tx: Tx, source: HotlineSourceCaller, input: CallEventInput, now: Date, deps: { protector: Protector }): Promise<CallEventReceipt> {
  return (await receiveCallEventRow(tx, source, input, now, deps)).receipt;
}

type StoredEventRow = { event_id: string; type: CallEvent["type"]; occurred_ms: number; payload: StoredEventPayload; is_new: boolean };

/**
 * receiveCallEvent, with the call's row as derived (null for a duplicate), for the
 * desks' notice in the same transaction. Each event costs few statements (the
 * hotline bench posts hundreds a second): the call's row is created or locked in
 * one, the event stored and the call's events read back in another.
 */
export async function receiveCallEventRow(
  tx: Tx,
  source: HotlineSourceCaller,
  input: CallEventInput,
  now: Date,
  deps: { protector: Protector },
): Promise<{ receipt: CallEventReceipt; row: HotlineCallRow | null }> {
  checkCallEvent(input, now);
  const { protector } = deps;
  // Created, or the existing row locked (ON CONFLICT DO UPDATE locks it as SELECT … FOR UPDATE would).
  const [call] = await tx
    .insert(hotlineCalls)
    .values({ sourceId: source.id, callId: input.callId, regionPath: source.regionPath, eventCount: 0, updatedAt: now })
    .onConflictDoUpdate({ target: [hotlineCalls.sourceId, hotlineCalls.callId], set: { eventCount: sql`${hotlineCalls.eventCount}` } })
    .returning();

  const payload: StoredEventPayload = {
    ...(input.caller !== undefined ? { callerEnc: protector.encrypt(normalizeCallerNumber(input.caller)) } : {}),
    ...(input.seat !== undefined ? { seat: input.seat } : {}),
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(input.recordingUrl !== undefined ? { recordingUrl: input.recordingUrl } : {}),
  };
  // Stored (unless its id was seen) and the call's events read back, in one statement: the
  // select sees the statement's snapshot, without the row being inserted, so that one is added.
  const { rows } = await tx.execute<StoredEventRow>(sql`
    with inserted as (
      insert into hotline_events (source_id, event_id, call_id, type, occurred_at, payload, received_at)
      values (${source.id}, ${input.eventId}, ${input.callId}, ${input.type}, ${new Date(input.at).toISOString()}::timestamptz, ${JSON.stringify(payload)}::jsonb, ${now.toISOString()}::timestamptz)
      on conflict (source_id, event_id) do nothing
      returning id, event_id, type, occurred_at, payload)
    select event_id, type, (extract(epoch from occurred_at) * 1000)::float8 as occurred_ms, payload, is_new
    from (
      select id, event_id, type, occurred_at, payload, false as is_new from hotline_events where source_id = ${source.id} and call_id = ${input.callId}
      union all
      select id, event_id, type, occurred_at, payload, true from inserted
    ) all_events
    order by id`);
  if (!rows.some((r) => r.is_new)) {
    // The same event id again: stored once. Under another call it is the sender's mistake, named.
    const [earlier] = await tx.select({ callId: hotlineEvents.callId }).from(hotlineEvents).where(and(eq(hotlineEvents.sourceId, source.id), eq(hotlineEvents.eventId, input.eventId)));
    if (earlier && earlier.callId !== input.callId) throw new AppError("CONFLICT", `eventId ${input.eventId} was received for another call`, { field: "eventId" });
    return { receipt: { eventId: input.eventId, callId: input.callId, isDuplicate: true, call: { outcome: call.outcome, eventCount: call.eventCount } }, row: null };
  }

  const events: CallEvent[] = rows.map((row) => ({
    eventId: row.event_id,
    type: row.type,
    at: new Date(Number(row.occurred_ms)),
    caller: row.payload.callerEnc ? protector.tryDecrypt(row.payload.callerEnc) : null,
    seat: row.payload.seat ?? null,
    target: row.payload.target ?? null,
    recordingUrl: row.payload.recordingUrl ?? null,
  }));
  const record = reduceCall(events);

  // The operator is whoever sat at the answering seat when the call was first attributed to it.
  const seats = new Map<string, HotlineSeatRow | null>();
  const seatAt = async (extension: string) => {
    if (!seats.has(extension)) seats.set(extension, await findSeatByExtension(tx, source.id, extension));
    return seats.get(extension)!;
  };
  const keepsOperator = call.seat === record.seat && call.operatorId !== null;
  const seat = record.seat && !keepsOperator ? await seatAt(record.seat) : null;
  const operatorId = keepsOperator ? call.operatorId : (seat?.operatorId ?? null);
  const callerChanged = record.caller !== null && (call.callerEnc === null || protector.tryDecrypt(call.callerEnc) !== record.caller);
  const [derived] = await tx
    .update(hotlineCalls)
    .set({
      ...(callerChanged ? { callerEnc: protector.encrypt(record.caller!), callerHash: protector.lookupHash(record.caller!) } : {}),
      arrivedAt: record.arrivedAt,
      ringAt: record.ringAt,
      answeredAt: record.answeredAt,
      endedAt: record.endedAt,
      seat: record.seat,
      operatorId,
      outcome: record.outcome,
      waitSeconds: record.waitSeconds,
      talkSeconds: record.talkSeconds,
      transferTarget: record.transferTarget,
      recordingUrl: record.recordingUrl,
      eventCount: rows.length,
      updatedAt: now,
    })
    .where(eq(hotlineCalls.id, call.id))
    .returning();

  // Callbacks (回拨) and quality sampling (质检) follow the derived record, the call's row still locked.
  await afterCallDerived(tx, derived, now);
  await moveOperatorStates(tx, seatAt, call.id, input, record.endedAt);
  return { receipt: { eventId: input.eventId, callId: input.callId, isDuplicate: false, call: { outcome: record.outcome, eventCount: rows.length } }, row: derived };
}

/**
 * The states this event moves: an answer makes the seat's operator busy (unless
 * the call is already known to have ended); a transfer releases the seat it left;
 * the end releases every operator still busy with the call into after-call work.
 */
async function moveOperatorStates(tx: Tx, seatAt: (extension: string) => Promise<HotlineSeatRow | null>, callRef: string, input: CallEventInput, endedAt: Date | null): Promise<void> {
  const at = new Date(input.at);
  if (input.type === "answered" && !endedAt) {
    const seat = await seatAt(input.seat!);
    if (seat?.operatorId) await applyCallToOperator(tx, seat.operatorId, { kind: "answered", callRef, at });
  } else if (input.type === "transferred" && input.seat) {
    const seat = await seatAt(input.seat);
    if (seat?.operatorId) await applyCallToOperator(tx, seat.operatorId, { kind: "released", callRef, at });
  }
  if (endedAt && (input.type === "ended" || input.type === "missed" || input.type === "voicemail" || input.type === "answered")) {
    await releaseOperatorsOfCall(tx, callRef, endedAt);
  }
}
