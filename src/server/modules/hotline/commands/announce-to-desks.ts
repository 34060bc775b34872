import type { AppContext } from "../../../platform/context.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { OperatorState } from "../hotline.tables.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { DeskHub, DeskNotice } from "../hotline-desk-hub.ts";
import type { HotlineSourceCaller } from "../queries/authenticate-source.ts";
import { operatorsConcerned } from "../queries/desk-calls.ts";
import { receiveCallEventRow, type CallEventReceipt } from "./receive-call-event.ts";
import { setOwnOperatorState, type OperatorStateView } from "./set-operator-state.ts";

/**
 * Receives a call event (receive-call-event.ts) and, in the same transaction,
 * tells the desks of the operators the call concerns: NOTIFY on PostgreSQL,
 * sent on commit only; on the embedded database, delivered in-process once the
 * transaction has committed. A duplicate changes nothing and tells nobody.
 */
export async function receiveCallEventForDesks(ctx: AppContext, hub: DeskHub, source: HotlineSourceCaller, input: CallEventInput): Promise<CallEventReceipt> {
  const now = ctx.clock.now();
  let notice: DeskNotice | null = null;
  const receipt = await ctx.database.db.transaction(async (tx) => {
    const { receipt: received, row: call } = await receiveCallEventRow(tx, source, input, now, { protector: ctx.protector });
    if (!call) return received;
    const extensions = [input.seat, input.type === "transferred" ? input.target : null];
    notice = { operatorIds: await operatorsConcerned(tx, call, extensions), callRef: call.id, eventType: input.type, receivedAt: now.toISOString() };
    await hub.publish(tx, notice);
    return received;
  });
  hub.afterCommit(notice);
  return receipt;
}

/** An operator sets their own state (set-operator-state.ts); their desks are told. */
export async function setOwnOperatorStateForDesks(ctx: AppContext, hub: DeskHub, actor: Actor, state: Exclude<OperatorState, "busy">): Promise<OperatorStateView> {
  let notice: DeskNotice | null = null;
  const view = await ctx.database.db.transaction(async (tx) => {
    const changed = await setOwnOperatorState(tx, actor, state, ctx.clock.now());
    notice = { operatorIds: [changed.operatorId], callRef: null, eventType: null, receivedAt: null };
    await hub.publish(tx, notice);
    return changed;
  });
  hub.afterCommit(notice);
  return view;
}
