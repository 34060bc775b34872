import { calendarHooks } from "../calendar/calendar.events.ts";
import { ticketHooks } from "../tickets/tickets.events.ts";
import { openAidCaseOnIntake } from "./commands/open-aid-case.ts";
import { recalculateDefenceDue } from "./commands/recalculate-defence-due.ts";

/**
 * What legal aid listens to in the modules below it:
 * - a legal aid ticket taken in from any channel (window, hotline, portal, upstream,
 *   referral) is opened as a legal aid case in its intake transaction
 *   (docs/legal-aid-flow.md, "Opening the case");
 * - a changed holiday year moves the due time of the open assigned defence notices it
 *   touches (a legal aid case's limits are the ticket's deadlines, which tickets moves itself).
 */
export function subscribeLegalAid(): void {
  ticketHooks.subscribe("ticket.created", "legal_aid.open_case", async (tx, { ticket, actor, now, protector }) => {
    if (ticket.serviceType !== "legal_aid") return;
    await openAidCaseOnIntake(tx, actor, ticket.id, now, protector);
  });
  calendarHooks.subscribe("calendar.changed", "legal-aid.recalculate-defence-due", async (tx, change) => {
    await recalculateDefenceDue(tx, change);
  });
}
