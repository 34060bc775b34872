import type { Tx } from "../../../platform/db/index.ts";
import { settleDeadlineSteps, startDeadlineStep } from "../../tickets/deadlines.ts";
import type { MediationDeadlineEffect } from "../mediation-case.state.ts";

/** What the state machine decided about the case's limits, done to the ticket's deadlines through the tickets module's deadline engine. */
export async function applyMediationDeadlines(tx: Tx, ticketId: string, effects: readonly MediationDeadlineEffect[], now: Date): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === "start") await startDeadlineStep(tx, ticketId, { step: effect.step, amount: effect.amount, unit: effect.unit, startedAt: effect.startedAt, dueAt: effect.dueAt }, now);
    else await settleDeadlineSteps(tx, ticketId, [effect.step], effect.state, now);
  }
}
