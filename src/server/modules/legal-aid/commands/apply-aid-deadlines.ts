import type { Tx } from "../../../platform/db/index.ts";
import { pauseDeadlines, resumeDeadlines, settleDeadlineSteps, startDeadlineStep } from "../../tickets/deadlines.ts";
import type { DeadlineEffect } from "../aid-case.state.ts";

/**
 * What the state machine decided about the case's limits, done to the ticket's
 * deadlines through the tickets module's deadline engine, in order: pausing stops
 * every clock of the ticket (materials missing), resuming moves each on by the
 * working days it was paused — the same arithmetic as the machine's own record.
 */
export async function applyDeadlineEffects(tx: Tx, ticketId: string, effects: readonly DeadlineEffect[], now: Date): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === "start") await startDeadlineStep(tx, ticketId, { step: effect.step, amount: effect.amount, unit: "working_days", startedAt: effect.startedAt, dueAt: effect.dueAt }, now);
    else if (effect.kind === "settle") await settleDeadlineSteps(tx, ticketId, [effect.step], effect.state, now);
    else if (effect.kind === "pause_all") await pauseDeadlines(tx, ticketId, now);
    else await resumeDeadlines(tx, ticketId, now);
  }
}
