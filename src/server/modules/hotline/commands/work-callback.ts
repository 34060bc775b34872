import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { recordRating } from "../../oversight/commands/record-rating.ts";
import { getRating } from "../../oversight/queries/get-rating.ts";
import { actOnTicket } from "../../tickets/commands/act-on-ticket.ts";
import { callbackTransition, surveyToRating, type CallbackAction, type CallbackState, type SurveyAnswers } from "../hotline-callbacks.rules.ts";
import { callbackPolicy } from "../hotline.policy.ts";
import type { CallbackAttemptInput } from "../hotline-callbacks.types.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { hotlineCallbackAttempts, hotlineCallbacks, hotlineCalls, type HotlineCallbackRow } from "../hotline.tables.ts";
import { findCallbackSettings } from "../queries/find-callback-settings.ts";

async function lockCallback(tx: Tx, id: string): Promise<HotlineCallbackRow> {
  const [row] = await tx.select().from(hotlineCallbacks).where(eq(hotlineCallbacks.id, id)).for("update");
  if (!row) throw notFound("Callback");
  return row;
}

const stateOf = (row: HotlineCallbackRow): CallbackState => ({ kind: row.kind, status: row.status, claimedBy: row.claimedBy, attemptCount: row.attemptCount, closeReason: row.closeReason });

/** Authorizes `actor` to work the callback and applies the state machine; the row is locked. */
async function step(tx: Tx, actor: Actor, row: HotlineCallbackRow, action: CallbackAction): Promise<{ next: CallbackState; actorId: string }> {
  callbackPolicy.authorize(actor, "work", row);
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN", "Only staff call back");
  const { settings } = await findCallbackSettings(tx, row.regionPath);
  return { next: callbackTransition(stateOf(row), action, actor.id, settings), actorId: actor.id };
}

async function save(tx: Tx, row: HotlineCallbackRow, next: CallbackState, actorId: string, now: Date, extra: Partial<HotlineCallbackRow> = {}): Promise<void> {
  const isClosing = next.status === "closed" && row.status !== "closed";
  await tx
    .update(hotlineCallbacks)
    .set({
      status: next.status,
      claimedBy: next.claimedBy,
      claimedAt: next.claimedBy ? (next.claimedBy === row.claimedBy ? row.claimedAt : now) : null,
      attemptCount: next.attemptCount,
      closeReason: next.closeReason,
      ...(isClosing ? { closedBy: actorId, closedAt: now } : {}),
      ...extra,
      updatedAt: now,
    })
    .where(eq(hotlineCallbacks.id, row.id));
}

/** An operator takes a callback of the region; claiming one's own again changes nothing. */
export async function claimCallback(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  const row = await lockCallback(tx, id);
  const { next, actorId } = await step(tx, actor, row, { type: "claim" });
  if (row.claimedBy === actorId) return;
  await save(tx, row, next, actorId, now);
  await recordAudit(tx, { actor, action: "hotline.callback_claim", entityType: "hotline_callback", entityId: id, at: now, regionPath: row.regionPath, detail: { kind: row.kind } });
}

export type AttemptInput = CallbackAttemptInput;

/** A caller's number as the ticket takes it (mobile or landline); anything else is left off the ticket. */
const TICKET_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/**
 * One try at the callback by whoever claimed it. Reached (or a wrong number)
 * closes it; the last allowed failed try closes it as unreachable. The request's
 * `requestId` is kept: the same request again is answered without a second attempt.
 * A call's callback that reached the caller may take the matter in as a hotline
 * ticket through the tickets intake (`createTicket`, which authorizes it), the
 * caller's number as the applicant's.
 */
export async function recordCallbackAttempt(tx: Tx, actor: Actor, id: string, input: AttemptInput, now: Date, deps: { protector: Protector }): Promise<void> {
  const row = await lockCallback(tx, id);
  const [earlier] = await tx.select({ callbackId: hotlineCallbackAttempts.callbackId }).from(hotlineCallbackAttempts).where(eq(hotlineCallbackAttempts.requestId, input.requestId));
  if (earlier) {
    callbackPolicy.authorize(actor, "read", row);
    if (earlier.callbackId !== id) throw new AppError("CONFLICT", "requestId was used for another callback", { field: "requestId" });
    return;
  }
  const { next, actorId } = await step(tx, actor, row, { type: "attempt", outcome: input.outcome });
  const note = input.note?.trim() || null;
  let ticketId: string | null = null;
  if (input.ticket) {
    if (input.outcome !== "reached" || !row.callRef) throw new AppError("VALIDATION_FAILED", "A ticket is taken in only when a call's callback reached the caller", { field: "ticket" });
    const [call] = await tx.select({ callerEnc: hotlineCalls.callerEnc }).from(hotlineCalls).where(eq(hotlineCalls.id, row.callRef));
    const phone = call?.callerEnc ? deps.protector.tryDecrypt(call.callerEnc) : null;
    const { serviceType, category, regionCode, applicantName, description } = input.ticket;
    const created = await createTicket(
      tx,
      actor,
      { channel: "hotline", serviceType, category, regionCode, applicant: { name: applicantName, ...(phone && TICKET_PHONE.test(phone) ? { phone } : {}) }, description, language: "zh" },
      now,
      { protector: deps.protector },
    );
    ticketId = created.id;
  }
  await tx.insert(hotlineCallbackAttempts).values({ callbackId: id, requestId: input.requestId, outcome: input.outcome, note, ticketId, operatorId: actorId, at: now });
  await save(tx, row, next, actorId, now);
  await recordAudit(tx, {
    actor,
    action: "hotline.callback_attempt",
    entityType: "hotline_callback",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: { kind: row.kind, outcome: input.outcome, attempt: next.attemptCount, ...(note ? { note } : {}), ...(ticketId ? { ticketId } : {}), ...(next.status === "closed" ? { closeReason: next.closeReason } : {}) },
  });
}

export type SurveyInput = { requestId: string; answers: SurveyAnswers; note?: string };

/**
 * The follow-up (回访) done from the desk: the survey's answers are recorded on
 * the callback, the ticket is followed up with the tickets module's own action
 * (`follow_up`, which closes oversight's task) and the answers become the
 * ticket's rating through oversight's `recordRating` (a negative one raises a
 * callback of its own). A ticket the citizen already rated keeps that rating.
 */
export async function recordFollowUpSurvey(tx: Tx, actor: Actor, id: string, input: SurveyInput, now: Date, deps: { protector: Protector }): Promise<{ isRated: boolean }> {
  const row = await lockCallback(tx, id);
  if (row.survey?.requestId === input.requestId) {
    callbackPolicy.authorize(actor, "read", row);
    return { isRated: (await getRating(tx, row.ticketId!)) !== null };
  }
  const { next, actorId } = await step(tx, actor, row, { type: "survey" });
  const { settings } = await findCallbackSettings(tx, row.regionPath);
  const rating = surveyToRating(settings.surveyScript, input.answers);
  const note = input.note?.trim() || null;
  await tx.insert(hotlineCallbackAttempts).values({ callbackId: id, requestId: input.requestId, outcome: "reached", note, operatorId: actorId, at: now });
  await save(tx, row, { ...next, attemptCount: next.attemptCount + 1 }, actorId, now, { survey: { requestId: input.requestId, answers: input.answers } });
  const ticketId = row.ticketId!;
  await actOnTicket(tx, actor, ticketId, { action: "follow_up", outcome: note ? `${rating.outcome}；${note}` : rating.outcome }, now, { protector: deps.protector });
  // One rating per ticket: one the citizen gave already (portal, SMS) stands.
  const isRated = (await getRating(tx, ticketId)) === null;
  if (isRated) {
    await recordRating(tx, actor, ticketId, { attitude: rating.attitude, speed: rating.speed, policy: rating.policy, expertise: rating.expertise, ...(rating.comment ? { comment: rating.comment } : {}) }, now);
  }
  await recordAudit(tx, {
    actor,
    action: "hotline.callback_survey",
    entityType: "hotline_callback",
    entityId: id,
    at: now,
    regionPath: row.regionPath,
    detail: { ticketId, answers: input.answers, isRated },
  });
  return { isRated };
}
