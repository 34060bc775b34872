import { findOpenFollowUps } from "../oversight/queries/find-open-follow-ups.ts";
import { ticketHooks } from "../tickets/tickets.events.ts";
import { closeFollowUpCallbacks, raiseTicketCallback } from "./commands/raise-callbacks.ts";

/**
 * What the callback desk listens to (docs/hotline-callbacks.md), wired after
 * oversight so a resolved ticket's follow-up task exists when it looks:
 * - a resolved ticket's phone follow-up (回访) of an operator appears as a callback;
 * - a follow-up recorded on the ticket itself closes that callback;
 * - a negative rating from any channel (oversight's `hasLowScore`) raises a callback.
 */
export function subscribeHotlineCallbacks(): void {
  ticketHooks.subscribe("ticket.acted", "hotline.callbacks.follow_ups", async (tx, { before, action, actor, now }) => {
    if (action.type === "resolve") {
      for (const task of await findOpenFollowUps(tx, before.id)) {
        if (task.role === "operator" && task.method === "phone") await raiseTicketCallback(tx, before, "follow_up", now, task);
      }
    }
    if (action.type === "follow_up") await closeFollowUpCallbacks(tx, before.id, actor.kind === "staff" ? actor.id : null, now);
  });
  ticketHooks.subscribe("ticket.rated", "hotline.callbacks.negative_rating", async (tx, { ticket, hasLowScore, now }) => {
    if (hasLowScore) await raiseTicketCallback(tx, ticket, "negative_rating", now);
  });
}
