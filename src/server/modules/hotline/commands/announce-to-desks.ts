import type { AppContext } from "../../../platform/context.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { OperatorState } from "../hotline.tables.ts";
import type { CallEventInput } from "../hotline.types.ts";
import type { DeskHub, DeskNotice } from "../hotline-desk-hub.ts";
import { claimSignature, type IdentifiedSource } from "../queries/authenticate-source.ts";
import { receiveCallEventRow, type CallEventReceipt } from "./receive-call-event.ts";
import { setOwnOperatorState, type OperatorStateView } from "./set-operator-state.ts";

/**
 * Receives a signed call event (receive-call-event.ts), its signature claimed
 * once (a replay refused), and, in the same transaction,
 * tells the desks of the operators the call concerns: NOTIFY on PostgreSQL,
 * sent on commit only; on the embedded database, delivered in-process once the
 * transaction has committed. A duplicate changes nothing and tells nobody.
 */
export async function receiveCallEventForDesks(ctx: AppContext, hub: DeskHub, signed: IdentifiedSource, input: CallEventInput): Promise<CallEventReceipt> {
  const now = ctx.clock.now();
  let notice: DeskNotice | null = null;
  const receipt = await ctx.database.db.transaction(async (tx) => {
    await claimSignature(tx, signed, now);
    const { receipt: received, row: call } = await receiveCallEventRow(tx, signed.caller, input, now, { protector: ctx.protector });
    if (!call) return received;
    const extensions = [input.seat, input.type === "transferred" ? input.target : null];
    notice = await hub.publishCall(tx, call, extensions, input.type, now.toISOString());
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
