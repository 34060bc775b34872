import { calendarHooks } from "../calendar/calendar.events.ts";
import { recalculateDeadlines } from "./commands/recalculate-deadlines.ts";

/**
 * What tickets listens to in the modules below it. A changed holiday year moves
 * the running deadlines it touches, in the saving transaction (tickets owns the deadlines).
 */
export function subscribeTickets(): void {
  calendarHooks.subscribe("calendar.changed", "tickets.recalculate-deadlines", async (tx, change) => {
    await recalculateDeadlines(tx, change);
  });
}
