import { ticketHooks } from "../tickets/tickets.events.ts";
import { hasTicketEvent } from "../tickets/queries/ticket-events.ts";
import { addToRollups, secondsBetween } from "./commands/add-to-rollups.ts";

/**
 * The analytics rollups follow the tickets in their own transaction
 * (docs/analytics.md): a figure is never behind the ticket it counts, and a
 * ticket change that rolls back takes its counts with it. The same definitions
 * as analytics_rebuild() (migration 0040), which a property test holds them to.
 */
export function subscribeAnalytics(): void {
  ticketHooks.subscribe("ticket.created", "analytics.created", async (tx, { ticket }) => {
    // The row's created_at is the instant counted (the rebuild reads the same column); it is `now`.
    await addToRollups(tx, ticket, ticket.createdAt, { created: 1 });
  });
  ticketHooks.subscribe("ticket.acted", "analytics.acted", async (tx, { before, action, now, withinDeadline }) => {
    switch (action.type) {
      case "accept":
        return addToRollups(tx, before, now, { accepted: 1, acceptSeconds: secondsBetween(before.createdAt, now) });
      case "reject":
        return addToRollups(tx, before, now, { rejected: 1 });
      case "resolve": {
        // The reopen event of an earlier cycle is already in the trail; this resolve's own event is not a reopen.
        const isFirst = !(await hasTicketEvent(tx, before.id, "action.reopen"));
        const hasDeadline = typeof withinDeadline === "boolean";
        return addToRollups(tx, before, now, {
          resolved: 1,
          resolvedFirst: isFirst ? 1 : 0,
          resolveSeconds: isFirst ? secondsBetween(before.createdAt, now) : 0,
          resolvedWithDeadline: hasDeadline ? 1 : 0,
          resolvedWithinDeadline: withinDeadline === true ? 1 : 0,
        });
      }
      case "send_back":
        return addToRollups(tx, before, now, { bounced: 1 });
      case "reopen":
        return addToRollups(tx, before, now, { reopened: 1 });
      case "merge_into":
        return addToRollups(tx, before, now, { merged: 1 });
      default:
        return;
    }
  });
  ticketHooks.subscribe("ticket.supervised", "analytics.supervised", async (tx, { ticket, isAutomatic, now }) => {
    await addToRollups(tx, ticket, now, isAutomatic ? { escalated: 1 } : { supervised: 1 });
  });
  ticketHooks.subscribe("ticket.rated", "analytics.rated", async (tx, { ticket, scores, hasLowScore, now }) => {
    await addToRollups(tx, ticket, now, {
      rated: 1,
      ratingPoints: scores.attitude + scores.speed + scores.policy + scores.expertise,
      ratedLow: hasLowScore ? 1 : 0,
    });
  });
}
