import { calendarHooks } from "../calendar/calendar.events.ts";
import { recalculateDefenceDue } from "./commands/recalculate-defence-due.ts";

/**
 * What legal aid listens to in the modules below it. A changed holiday year moves the due
 * time of the open assigned defence notices it touches (a legal aid case's limits are the
 * ticket's deadlines, which tickets moves itself).
 */
export function subscribeLegalAid(): void {
  calendarHooks.subscribe("calendar.changed", "legal-aid.recalculate-defence-due", async (tx, change) => {
    await recalculateDefenceDue(tx, change);
  });
}
