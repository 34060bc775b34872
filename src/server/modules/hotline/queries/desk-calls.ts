import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { hotlineCalls, hotlineOperatorStates, hotlineSeats, type HotlineCallRow } from "../hotline.tables.ts";
import type { OperatorStateView } from "../commands/set-operator-state.ts";

export const CALL_PHASES = ["incoming", "ringing", "answered", "transferred", "ended"] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

/** A call as the desk shows it: the caller's number masked. */
export type DeskCallView = {
  id: string;
  callId: string;
  sourceId: string;
  seat: string | null;
  operatorId: string | null;
  phase: CallPhase;
  outcome: HotlineCallRow["outcome"];
  callerMasked: string | null;
  arrivedAt: string | null;
  ringAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  transferTarget: string | null;
};

/** Where the call is now, from its record: ended, else transferred, answered, ringing, or only announced. */
export function callPhase(row: Pick<HotlineCallRow, "endedAt" | "transferTarget" | "answeredAt" | "ringAt">): CallPhase {
  if (row.endedAt) return "ended";
  if (row.transferTarget) return "transferred";
  if (row.answeredAt) return "answered";
  if (row.ringAt) return "ringing";
  return "incoming";
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The caller's number, masked as citizens' phones are; a marker when it cannot be opened. */
export function maskedCaller(row: Pick<HotlineCallRow, "callerEnc">, protector: Protector): string | null {
  if (!row.callerEnc) return null;
  const plain = protector.tryDecrypt(row.callerEnc);
  return plain === null ? "••••" : maskPhone(plain);
}

export function presentDeskCall(row: HotlineCallRow, protector: Protector): DeskCallView {
  return {
    id: row.id,
    callId: row.callId,
    sourceId: row.sourceId,
    seat: row.seat,
    operatorId: row.operatorId,
    phase: callPhase(row),
    outcome: row.outcome,
    callerMasked: maskedCaller(row, protector),
    arrivedAt: iso(row.arrivedAt),
    ringAt: iso(row.ringAt),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    transferTarget: row.transferTarget,
  };
}

/** A call's row by its id (hotline_calls.id). */
export async function loadDeskCall(tx: Tx, id: string): Promise<HotlineCallRow | null> {
  const [row] = await tx.select().from(hotlineCalls).where(eq(hotlineCalls.id, id)).limit(1);
  return row ?? null;
}

/** Several calls' rows by id, in one query. */
export async function loadDeskCalls(tx: Tx, ids: string[]): Promise<Map<string, HotlineCallRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(hotlineCalls).where(inArray(hotlineCalls.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** These operators' states, in one query; one who never set a state is absent (on a break). */
export async function loadOperatorStates(tx: Tx, operatorIds: string[]): Promise<Map<string, OperatorStateView>> {
  if (operatorIds.length === 0) return new Map();
  const rows = await tx.select().from(hotlineOperatorStates).where(inArray(hotlineOperatorStates.operatorId, operatorIds));
  return new Map(rows.map((r) => [r.operatorId, { operatorId: r.operatorId, state: r.state, callId: r.callId, since: r.since.toISOString() }]));
}

/** The seats an operator sits at, for the desk's hello. */
export async function findDeskSeats(tx: Tx, operatorId: string): Promise<{ sourceId: string; extension: string; name: string }[]> {
  return tx
    .select({ sourceId: hotlineSeats.sourceId, extension: hotlineSeats.extension, name: hotlineSeats.name })
    .from(hotlineSeats)
    .where(eq(hotlineSeats.operatorId, operatorId))
    .orderBy(asc(hotlineSeats.extension));
}

type ConcernedCall = Pick<HotlineCallRow, "id" | "sourceId" | "seat" | "operatorId" | "transferTarget">;

/**
 * The operators a call concerns: who sits at the seats it rang or was answered at
 * (the call's seat), at the seat it was transferred from or to, whoever the call
 * is attributed to, and whoever's state follows it.
 */
export const operatorsConcerned = (tx: Tx, call: ConcernedCall, extensions: (string | null | undefined)[]): Promise<string[]> => operatorsConcernedNotified(tx, call, extensions, null);

/**
 * operatorsConcerned and, when `notify` is given, the NOTIFY of the desks' notice
 * (hotline-desk-hub.ts) in the same statement: one round trip per call event.
 * Nothing is notified when the call concerns nobody.
 */
export async function operatorsConcernedNotified(
  tx: Tx,
  call: ConcernedCall,
  extensions: (string | null | undefined)[],
  notify: { channel: string; eventType: string; receivedAt: string } | null,
): Promise<string[]> {
  const wanted = [...new Set([call.seat, call.transferTarget, ...extensions].filter((e): e is string => Boolean(e)))];
  const { rows } = await tx.execute<{ ids: string[] }>(sql`
    with concerned as (
      select operator_id from hotline_seats where source_id = ${call.sourceId} and extension = any(${sql.param(wanted)}::text[]) and operator_id is not null
      union
      select operator_id from hotline_operator_states where call_id = ${call.id}
      union
      select ${call.operatorId}::uuid where ${call.operatorId}::uuid is not null
    ), listed as (select coalesce(json_agg(operator_id order by operator_id), '[]'::json) as ids, count(*) as n from concerned)
    select ids, case when ${notify !== null} and n > 0
      then pg_notify(${notify?.channel ?? ""}, json_build_object('operatorIds', ids, 'callRef', ${call.id}::text, 'eventType', ${notify?.eventType ?? ""}::text, 'receivedAt', ${notify?.receivedAt ?? ""}::text)::text)
    end as notified
    from listed`);
  return rows[0]?.ids ?? [];
}
