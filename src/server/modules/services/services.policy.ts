import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff } from "../../policies/actor.ts";

/**
 * Service settings (checklists, deadlines, auto-dispatch): every staff member
 * reads them (the intake form shows the checklist); admins change them.
 */
export const settingsPolicy = definePolicy<null, "update">("settings", {
  read: (actor) => isStaff(actor),
  update: (actor) => hasRole(actor, "admin"),
});
