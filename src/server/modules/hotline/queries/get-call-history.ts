import { and, desc, inArray, lte, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findTicketsByPhone, type PhoneTicketView } from "../../tickets/queries/find-tickets-by-phone.ts";
import { hotlineCalls, type HotlineCallRow } from "../hotline.tables.ts";
import { callListScope } from "../hotline.policy.ts";
import { presentDeskCall, type DeskCallView } from "./desk-calls.ts";

/** How many earlier calls and tickets the pop-up lists. */
export const HISTORY_LIMIT = 20;

export type EarlierCallView = {
  id: string;
  callId: string;
  arrivedAt: string | null;
  outcome: HotlineCallRow["outcome"];
  seat: string | null;
  operatorId: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
};

export type CallHistoryView = { call: DeskCallView; caller: { masked: string | null }; calls: EarlierCallView[]; tickets: PhoneTicketView[] };

/**
 * The pop-up of a call: the caller's other calls (by the number's lookup hash
 * under every key, within the actor's region) and the tickets of that number
 * (through the tickets module, within the actor's ticket scope), newest first.
 * Two indexed queries; a call whose number is unknown has no history.
 */
export async function getCallHistory(tx: Tx, actor: Actor, protector: Protector, call: HotlineCallRow): Promise<CallHistoryView> {
  const caller = call.callerEnc ? protector.tryDecrypt(call.callerEnc) : null;
  const view = presentDeskCall(call, protector);
  if (!caller) return { call: view, caller: { masked: view.callerMasked }, calls: [], tickets: [] };
  const hashes = protector.lookupHashes(caller);
  const [rows, tickets] = await Promise.all([
    tx
      .select({
        id: hotlineCalls.id,
        callId: hotlineCalls.callId,
        arrivedAt: hotlineCalls.arrivedAt,
        outcome: hotlineCalls.outcome,
        seat: hotlineCalls.seat,
        operatorId: hotlineCalls.operatorId,
        waitSeconds: hotlineCalls.waitSeconds,
        talkSeconds: hotlineCalls.talkSeconds,
      })
      .from(hotlineCalls)
      .where(
        and(
          inArray(hotlineCalls.callerHash, hashes),
          ne(hotlineCalls.id, call.id),
          call.arrivedAt ? lte(hotlineCalls.arrivedAt, call.arrivedAt) : undefined,
          callListScope(actor, hotlineCalls.regionPath),
        ),
      )
      .orderBy(sql`${hotlineCalls.arrivedAt} desc nulls last`, desc(hotlineCalls.id))
      .limit(HISTORY_LIMIT),
    findTicketsByPhone(tx, actor, hashes, HISTORY_LIMIT),
  ]);
  return {
    call: view,
    caller: { masked: maskPhone(caller) },
    calls: rows.map((r) => ({ ...r, arrivedAt: r.arrivedAt ? r.arrivedAt.toISOString() : null })),
    tickets,
  };
}
