import { ticketHooks } from "../tickets/tickets.events.ts";
import { autoDispatchTicket } from "./commands/auto-dispatch-ticket.ts";

/** A new ticket of a service type with auto-dispatch on is dispatched in its own intake transaction. */
export function subscribeDispatch(): void {
  ticketHooks.subscribe("ticket.created", "dispatch.auto", async (tx, { ticket, now, protector }) => {
    await autoDispatchTicket(tx, ticket, now, { protector });
  });
}
