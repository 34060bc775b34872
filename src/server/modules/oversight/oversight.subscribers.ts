import { ticketHooks } from "../tickets/tickets.events.ts";
import { assertNoOpenFollowUps, closeFollowUps, createFollowUp } from "./commands/follow-up-tasks.ts";

/**
 * Oversight follows the tickets' life: a resolved ticket gets its follow-up
 * (回访) task, the follow-up action closes it, and archiving waits for every
 * follow-up (a low rating's included).
 */
export function subscribeOversight(): void {
  ticketHooks.subscribe("ticket.acting", "oversight.archive_guard", async (tx, { ticket, action }) => {
    if (action.type === "archive") await assertNoOpenFollowUps(tx, ticket.id);
  });
  ticketHooks.subscribe("ticket.acted", "oversight.follow_ups", async (tx, { before, action, actor, now }) => {
    if (action.type === "resolve") await createFollowUp(tx, before, "after_resolution", now);
    if (action.type === "follow_up") await closeFollowUps(tx, actor, before.id, action.outcome, now);
  });
}
