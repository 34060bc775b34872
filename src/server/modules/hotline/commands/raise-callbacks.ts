import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { loadCalendar } from "../../calendar/queries/find-holiday-years.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
import { callbackDueAt, callbackKindForCall, type CallbackKind } from "../hotline-callbacks.rules.ts";
import { isSampled } from "../hotline-sampling.ts";
import { hotlineCallbacks, hotlineQualityReviews, type HotlineCallRow } from "../hotline.tables.ts";
import { findCallbackSettings } from "../queries/find-callback-settings.ts";

/**
 * After a call's record is derived again (receive-call-event.ts, with the call's
 * row locked): a missed, voicemail or long abandoned call gets its one callback
 * task (a later event that turns missed into voicemail changes the open task's
 * kind; one that shows it was answered after all closes it); an answered call is
 * sampled for quality review by the hash of its identity, once.
 */
export async function afterCallDerived(tx: Tx, call: HotlineCallRow, now: Date): Promise<void> {
  if (!call.outcome) return;
  const { settings } = await findCallbackSettings(tx, call.regionPath);
  const [existing] = await tx.select().from(hotlineCallbacks).where(eq(hotlineCallbacks.callRef, call.id));
  if (call.outcome === "answered") {
    if (existing?.status === "open") {
      await tx.update(hotlineCallbacks).set({ status: "closed", closeReason: "answered", closedAt: now, updatedAt: now }).where(eq(hotlineCallbacks.id, existing.id));
    }
    if (isSampled(`${call.sourceId}:${call.callId}`, settings.sampleBasisPoints)) {
      await tx
        .insert(hotlineQualityReviews)
        .values({ callRef: call.id, regionPath: call.regionPath, operatorId: call.operatorId, status: "pending", isFlagged: false, sampledAt: now })
        .onConflictDoNothing();
    }
    return;
  }
  const kind = callbackKindForCall(call, settings);
  // Nobody to call back without the caller's number (a withheld number).
  if (!kind || !call.callerEnc) return;
  if (existing) {
    if (existing.status === "open" && existing.kind !== kind) await tx.update(hotlineCallbacks).set({ kind, updatedAt: now }).where(eq(hotlineCallbacks.id, existing.id));
    return;
  }
  const dueAt = callbackDueAt(await loadCalendar(tx, call.regionPath), call.endedAt ?? call.arrivedAt ?? now, settings);
  await tx
    .insert(hotlineCallbacks)
    .values({ kind, regionPath: call.regionPath, callRef: call.id, status: "open", dueAt, attemptCount: 0, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/** A ticket's callback (a follow-up's, or a negative rating's), once per follow-up task or rated ticket. */
export async function raiseTicketCallback(
  tx: Tx,
  ticket: Pick<TicketRow, "id" | "regionPath" | "applicantPhoneEnc">,
  kind: Extract<CallbackKind, "follow_up" | "negative_rating">,
  now: Date,
  followUp?: { id: string; dueAt: Date },
): Promise<void> {
  if (!ticket.applicantPhoneEnc) return;
  let dueAt = followUp?.dueAt;
  if (!dueAt) {
    const { settings } = await findCallbackSettings(tx, ticket.regionPath);
    dueAt = callbackDueAt(await loadCalendar(tx, ticket.regionPath), now, settings);
  }
  await tx
    .insert(hotlineCallbacks)
    .values({ kind, regionPath: ticket.regionPath, ticketId: ticket.id, followUpId: followUp?.id ?? null, status: "open", dueAt, attemptCount: 0, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/** The ticket's follow-up was recorded elsewhere (the ticket page): its open follow-up callbacks are done. */
export async function closeFollowUpCallbacks(tx: Tx, ticketId: string, actorId: string | null, now: Date): Promise<void> {
  await tx
    .update(hotlineCallbacks)
    .set({ status: "closed", closeReason: "followed_up", closedBy: actorId, closedAt: now, updatedAt: now })
    .where(and(eq(hotlineCallbacks.ticketId, ticketId), eq(hotlineCallbacks.kind, "follow_up"), eq(hotlineCallbacks.status, "open")));
}
