import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff } from "../../policies/actor.ts";

/** The working-day calendar: every staff member reads it; admins load each year's arrangement. */
export const calendarPolicy = definePolicy<null, "update">("calendar", {
  read: (actor) => isStaff(actor),
  update: (actor) => hasRole(actor, "admin"),
});
