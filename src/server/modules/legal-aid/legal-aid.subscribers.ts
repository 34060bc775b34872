import { ticketHooks } from "../tickets/tickets.events.ts";
import { openAidCaseOnIntake } from "./commands/open-aid-case.ts";

/**
 * What legal aid listens to in tickets: a legal aid ticket taken in from any
 * channel (window, hotline, portal, upstream, referral) is opened as a legal aid
 * case in its intake transaction (docs/legal-aid-flow.md, "Opening the case").
 */
export function subscribeLegalAid(): void {
  ticketHooks.subscribe("ticket.created", "legal_aid.open_case", async (tx, { ticket, actor, now, protector }) => {
    if (ticket.serviceType !== "legal_aid") return;
    await openAidCaseOnIntake(tx, actor, ticket.id, now, protector);
  });
}
