import { and, eq, lte } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { hotlineOperatorStates, type OperatorState } from "../hotline.tables.ts";
import { canHoldSeat } from "../hotline.policy.ts";

export type OperatorStateView = { operatorId: string; state: OperatorState; callId: string | null; since: string | null };

/** An operator's state; one who never set one is on a break (not taking calls). */
export async function getOperatorState(tx: Tx, operatorId: string): Promise<OperatorStateView> {
  const [row] = await tx.select().from(hotlineOperatorStates).where(eq(hotlineOperatorStates.operatorId, operatorId)).limit(1);
  return row ? { operatorId, state: row.state, callId: row.callId, since: row.since.toISOString() } : { operatorId, state: "break", callId: null, since: null };
}

/**
 * An operator sets their own state: ready, after-call work (to finish notes) or
 * break. Busy comes only from answering a call; an operator on a call ends it on
 * the phone, not here.
 */
export async function setOwnOperatorState(tx: Tx, actor: Actor, state: Exclude<OperatorState, "busy">, now: Date): Promise<OperatorStateView> {
  if (actor.kind !== "staff" || !canHoldSeat(actor)) throw new AppError("FORBIDDEN", "Only hotline operators and duty lawyers keep a seat state");
  const current = await getOperatorState(tx, actor.id);
  if (current.state === "busy") throw new AppError("INVALID_TRANSITION", "You are on a call; the state changes when it ends", { field: "state" });
  await tx
    .insert(hotlineOperatorStates)
    .values({ operatorId: actor.id, state, callId: null, since: now })
    .onConflictDoUpdate({ target: hotlineOperatorStates.operatorId, set: { state, callId: null, since: now } });
  await recordAudit(tx, { actor, action: "hotline.operator_state", entityType: "account", entityId: actor.id, at: now, detail: { from: current.state, to: state } });
  return { operatorId: actor.id, state, callId: null, since: now.toISOString() };
}

/**
 * What a call does to the state of the operator at its seat. Events arrive late,
 * so a call's change never overwrites a newer one: busy on answer only if the
 * operator's state is older than the answer (and the call has not ended yet);
 * after-call work on the end only if the operator is still busy with this call.
 * One statement each (the row is locked by the statement itself).
 */
export async function applyCallToOperator(tx: Tx, operatorId: string, change: { kind: "answered" | "released"; callRef: string; at: Date }): Promise<void> {
  if (change.kind === "answered") {
    await tx
      .insert(hotlineOperatorStates)
      .values({ operatorId, state: "busy", callId: change.callRef, since: change.at })
      .onConflictDoUpdate({ target: hotlineOperatorStates.operatorId, set: { state: "busy", callId: change.callRef, since: change.at }, setWhere: lte(hotlineOperatorStates.since, change.at) });
    return;
  }
  await tx
    .update(hotlineOperatorStates)
    .set({ state: "after_call_work", callId: change.callRef, since: change.at })
    .where(and(eq(hotlineOperatorStates.operatorId, operatorId), eq(hotlineOperatorStates.state, "busy"), eq(hotlineOperatorStates.callId, change.callRef)));
}

/** The call ended: every operator still busy with it goes into after-call work, in one statement. */
export async function releaseOperatorsOfCall(tx: Tx, callRef: string, at: Date): Promise<void> {
  await tx
    .update(hotlineOperatorStates)
    .set({ state: "after_call_work", since: at })
    .where(and(eq(hotlineOperatorStates.state, "busy"), eq(hotlineOperatorStates.callId, callRef)));
}
