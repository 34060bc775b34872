import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import type { CallbackSettings } from "../hotline-callbacks.rules.ts";
import { callbackTransition } from "../hotline-callbacks.rules.ts";
import { callbackPolicy, callbackScope } from "../hotline.policy.ts";
import { hotlineCallbackAttempts, hotlineCallbacks, hotlineCalls, type HotlineCallbackRow } from "../hotline.tables.ts";
import type { CallbackListQuery, CallbackView } from "../hotline-callbacks.types.ts";
import { findCallbackSettings } from "./find-callback-settings.ts";

/** Whether the state machine lets `actorId` take this step now (for the abilities). */
function isPossible(row: HotlineCallbackRow, actorId: string, action: Parameters<typeof callbackTransition>[1], settings: CallbackSettings): boolean {
  try {
    callbackTransition({ kind: row.kind, status: row.status, claimedBy: row.claimedBy, attemptCount: row.attemptCount, closeReason: row.closeReason }, action, actorId, settings);
    return true;
  } catch {
    return false;
  }
}

/**
 * The region's callbacks: open ones oldest deadline first (overdue marked),
 * closed ones latest first. The number is shown in full only to the operator
 * who claimed the callback (they dial it); everyone else sees it masked.
 */
export async function findCallbacks(tx: Tx, actor: Actor, protector: Protector, query: CallbackListQuery & { id?: string }, now: Date): Promise<{ items: CallbackView[]; total: number }> {
  const status = query.status ?? "open";
  const conditions: SQL[] = [callbackScope(actor, hotlineCallbacks.regionPath), eq(hotlineCallbacks.status, status)];
  if (query.id) conditions.push(eq(hotlineCallbacks.id, query.id));
  if (query.kind) conditions.push(eq(hotlineCallbacks.kind, query.kind));
  const where = and(...conditions);
  const order = status === "open" ? [asc(hotlineCallbacks.dueAt), asc(hotlineCallbacks.createdAt), asc(hotlineCallbacks.id)] : [desc(hotlineCallbacks.closedAt), desc(hotlineCallbacks.id)];
  const rows = await tx
    .select({ callback: hotlineCallbacks, call: { callId: hotlineCalls.callId, callerEnc: hotlineCalls.callerEnc, arrivedAt: hotlineCalls.arrivedAt, waitSeconds: hotlineCalls.waitSeconds, recordingUrl: hotlineCalls.recordingUrl } })
    .from(hotlineCallbacks)
    .leftJoin(hotlineCalls, eq(hotlineCalls.id, hotlineCallbacks.callRef))
    .where(where)
    .orderBy(...order)
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(hotlineCallbacks).where(where);
  return { items: await presentCallbacks(tx, actor, protector, rows, now), total: Number(total) };
}

type Listed = { callback: HotlineCallbackRow; call: { callId: string; callerEnc: string | null; arrivedAt: Date | null; waitSeconds: number | null; recordingUrl: string | null } | null };

async function presentCallbacks(tx: Tx, actor: Actor, protector: Protector, rows: Listed[], now: Date): Promise<CallbackView[]> {
  const ids = rows.map((r) => r.callback.id);
  const attempts = ids.length ? await tx.select().from(hotlineCallbackAttempts).where(inArray(hotlineCallbackAttempts.callbackId, ids)).orderBy(asc(hotlineCallbackAttempts.at), asc(hotlineCallbackAttempts.id)) : [];
  const ticketIds = [...rows.flatMap((r) => (r.callback.ticketId ? [r.callback.ticketId] : [])), ...attempts.flatMap((a) => (a.ticketId ? [a.ticketId] : []))];
  const ticketsById = new Map((await getTicketRows(tx, [...new Set(ticketIds)])).map((t) => [t.id, t]));
  const names = await findStaffNames(tx, [...rows.map((r) => r.callback.claimedBy), ...attempts.map((a) => a.operatorId)]);
  const settingsByPath = new Map<string, CallbackSettings>();
  for (const path of new Set(rows.map((r) => r.callback.regionPath))) settingsByPath.set(path, (await findCallbackSettings(tx, path)).settings);
  const actorId = actor.kind === "staff" ? actor.id : "";
  return rows.map(({ callback, call }) => {
    const ticket = callback.ticketId ? ticketsById.get(callback.ticketId) : undefined;
    const sealed = call?.callerEnc ?? ticket?.applicantPhoneEnc ?? null;
    const isCaller = callback.claimedBy !== null && callback.claimedBy === actorId && callback.status === "open";
    const settings = settingsByPath.get(callback.regionPath)!;
    const canWork = callbackPolicy.can(actor, "work", callback);
    return {
      id: callback.id,
      kind: callback.kind,
      status: callback.status,
      phone: presentSealed(protector, sealed, (plain) => (isCaller ? plain : maskPhone(plain))),
      call: call ? { callId: call.callId, arrivedAt: call.arrivedAt?.toISOString() ?? null, waitSeconds: call.waitSeconds, recordingUrl: callback.kind === "voicemail" ? call.recordingUrl : null } : null,
      ticket: ticket ? { id: ticket.id, number: ticket.number, status: ticket.status, applicantName: ticket.applicantName } : null,
      dueAt: callback.dueAt.toISOString(),
      isOverdue: callback.status === "open" && callback.dueAt.getTime() < now.getTime(),
      claimedBy: callback.claimedBy ? { id: callback.claimedBy, displayName: names.get(callback.claimedBy) ?? "?" } : null,
      attemptCount: callback.attemptCount,
      maxAttempts: settings.maxAttempts,
      closeReason: callback.closeReason,
      closedAt: callback.closedAt?.toISOString() ?? null,
      attempts: attempts
        .filter((a) => a.callbackId === callback.id)
        .map((a) => {
          const taken = a.ticketId ? ticketsById.get(a.ticketId) : undefined;
          return { outcome: a.outcome, note: a.note, at: a.at.toISOString(), operator: { id: a.operatorId, displayName: names.get(a.operatorId) ?? "?" }, ticket: taken ? { id: taken.id, number: taken.number } : null };
        }),
      surveyScript: callback.kind === "follow_up" ? settings.surveyScript : null,
      survey: callback.survey?.answers ?? null,
      abilities: {
        claim: canWork && callback.claimedBy !== actorId && isPossible(callback, actorId, { type: "claim" }, settings),
        attempt: canWork && isPossible(callback, actorId, { type: "attempt", outcome: "no_answer" }, settings),
        survey: canWork && isPossible(callback, actorId, { type: "survey" }, settings),
      },
      createdAt: callback.createdAt.toISOString(),
    };
  });
}
