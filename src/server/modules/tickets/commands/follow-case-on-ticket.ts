import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isGoalReached, nextTicketStepTowards, type CaseGoal } from "../case-coupling.ts";
import { lockTicket } from "../queries/get-ticket.ts";
import { actOnTicket } from "./act-on-ticket.ts";

export type FollowCaseOptions = {
  protector: Protector;
  /** The case's event that moves the ticket (`aid_case.close`, `mediation_case.fail`, …): authorizes and names the step. */
  caseEvent: string;
  caseId: string;
};

/** At most this many steps (submitted → accepted → assigned → resolved is three). */
const MAX_STEPS = 4;

/**
 * Moves a ticket where a case built on it wants it (`CaseGoal`), one action of
 * the ticket's own state machine at a time through `actOnTicket`: deadlines met,
 * the event on the trail (naming the case's step), the applicant told, the
 * subscribers run — in the caller's transaction, after the case's own event.
 * The actor is the one who took the case's step, authorized by the case's policy.
 *
 * Nothing is forced: where the machine offers no way (a resolved ticket is
 * archived only after its follow-up) the ticket stays. A reopen the machine
 * refuses (the reopen period is over, the ticket archived) fails the whole step
 * (409), so a reversed outcome never leaves the ticket saying otherwise.
 */
export async function followCaseOnTicket(tx: Tx, actor: Actor, ticketId: string, goal: CaseGoal, now: Date, options: FollowCaseOptions): Promise<void> {
  for (let i = 0; i < MAX_STEPS; i++) {
    const row = await lockTicket(tx, ticketId);
    const step = nextTicketStepTowards(row, goal, now);
    if (!step) {
      if (goal.kind === "reopen" && !isGoalReached(row.status, goal)) {
        throw new AppError("INVALID_TRANSITION", `The ${row.status} ticket can no longer be reopened, so the outcome cannot be reversed here`, {
          field: "action",
          extra: { ticketStatus: row.status },
        });
      }
      return;
    }
    await actOnTicket(tx, actor, ticketId, step, now, {
      protector: options.protector,
      authorizedBy: options.caseEvent,
      eventDetail: { case: { event: options.caseEvent, id: options.caseId } },
    });
  }
}
