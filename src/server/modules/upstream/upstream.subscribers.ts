import { ticketHooks } from "../tickets/tickets.events.ts";
import { queueUpstreamCallback } from "./commands/queue-upstream-callback.ts";

/** A ticket sent down from above reports each change of status back up (after commit, by the outbox). */
export function subscribeUpstream(): void {
  ticketHooks.subscribe("ticket.acted", "upstream.status_callback", async (tx, { before, to, now }) => {
    await queueUpstreamCallback(tx, before, to, now);
  });
}
