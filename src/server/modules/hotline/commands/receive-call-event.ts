import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { normalizeCallerNumber, reduceCall, type CallEvent, type CallOutcome } from "../hotline-call.ts";
import { hotlineCalls, hotlineEvents, hotlineOperatorStates, type StoredEventPayload } from "../hotline.tables.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { HotlineSourceCaller } from "../queries/authenticate-source.ts";
import { findSeatByExtension } from "../queries/find-seats.ts";
import { applyCallToOperator } from "./set-operator-state.ts";
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
  checkCallEvent(input, now);
  const { protector } = deps;
  await tx
    .insert(hotlineCalls)
    .values({ sourceId: source.id, callId: input.callId, regionPath: source.regionPath, eventCount: 0, updatedAt: now })
    .onConflictDoNothing();
  const [call] = await tx
    .select()
    .from(hotlineCalls)
    .where(and(eq(hotlineCalls.sourceId, source.id), eq(hotlineCalls.callId, input.callId)))
    .for("update");

  const payload: StoredEventPayload = {
    ...(input.caller !== undefined ? { callerEnc: protector.encrypt(normalizeCallerNumber(input.caller)) } : {}),
    ...(input.seat !== undefined ? { seat: input.seat } : {}),
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(input.recordingUrl !== undefined ? { recordingUrl: input.recordingUrl } : {}),
  };
  const inserted = await tx
    .insert(hotlineEvents)
    .values({ sourceId: source.id, eventId: input.eventId, callId: input.callId, type: input.type, occurredAt: new Date(input.at), payload, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: hotlineEvents.id });
  if (!inserted.length) {
    // The same event id again: stored once. Under another call it is the sender's mistake, named.
    const [earlier] = await tx.select({ callId: hotlineEvents.callId }).from(hotlineEvents).where(and(eq(hotlineEvents.sourceId, source.id), eq(hotlineEvents.eventId, input.eventId)));
    if (earlier && earlier.callId !== input.callId) throw new AppError("CONFLICT", `eventId ${input.eventId} was received for another call`, { field: "eventId" });
    return { eventId: input.eventId, callId: input.callId, isDuplicate: true, call: { outcome: call.outcome, eventCount: call.eventCount } };
  }

  const rows = await tx
    .select()
    .from(hotlineEvents)
    .where(and(eq(hotlineEvents.sourceId, source.id), eq(hotlineEvents.callId, input.callId)))
    .orderBy(asc(hotlineEvents.id));
  const events: CallEvent[] = rows.map((row) => ({
    eventId: row.eventId,
    type: row.type,
    at: row.occurredAt,
    caller: row.payload.callerEnc ? protector.tryDecrypt(row.payload.callerEnc) : null,
    seat: row.payload.seat ?? null,
    target: row.payload.target ?? null,
    recordingUrl: row.payload.recordingUrl ?? null,
  }));
  const record = reduceCall(events);

  // The operator is whoever sat at the answering seat when the call was first attributed to it.
  const seat = record.seat ? await findSeatByExtension(tx, source.id, record.seat) : null;
  const operatorId = call.seat === record.seat && call.operatorId ? call.operatorId : (seat?.operatorId ?? null);
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
  await moveOperatorStates(tx, source.id, call.id, input, record.endedAt);
  return { eventId: input.eventId, callId: input.callId, isDuplicate: false, call: { outcome: record.outcome, eventCount: rows.length } };
}

/**
 * The states this event moves: an answer makes the seat's operator busy (unless
 * the call is already known to have ended); a transfer releases the seat it left;
 * the end releases every operator still busy with the call into after-call work.
 */
async function moveOperatorStates(tx: Tx, sourceId: string, callRef: string, input: CallEventInput, endedAt: Date | null): Promise<void> {
  const at = new Date(input.at);
  if (input.type === "answered" && !endedAt) {
    const seat = await findSeatByExtension(tx, sourceId, input.seat!);
    if (seat?.operatorId) await applyCallToOperator(tx, seat.operatorId, { kind: "answered", callRef, at });
  } else if (input.type === "transferred" && input.seat) {
    const seat = await findSeatByExtension(tx, sourceId, input.seat);
    if (seat?.operatorId) await applyCallToOperator(tx, seat.operatorId, { kind: "released", callRef, at });
  }
  if (endedAt && (input.type === "ended" || input.type === "missed" || input.type === "voicemail" || input.type === "answered")) {
    for (const operatorId of await operatorsBusyWith(tx, callRef)) await applyCallToOperator(tx, operatorId, { kind: "released", callRef, at: endedAt });
  }
}

async function operatorsBusyWith(tx: Tx, callRef: string): Promise<string[]> {
  const rows = await tx
    .select({ operatorId: hotlineOperatorStates.operatorId })
    .from(hotlineOperatorStates)
    .where(and(eq(hotlineOperatorStates.state, "busy"), eq(hotlineOperatorStates.callId, callRef)));
  return rows.map((r) => r.operatorId);
}
