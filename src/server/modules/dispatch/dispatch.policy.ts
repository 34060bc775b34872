import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff } from "../../policies/actor.ts";

/**
 * Platform-wide settings (service checklists, deadlines, auto-dispatch, the
 * working-day calendar): every staff member reads them (the intake form shows the
 * checklist); admins change them. They belong to no region, so there is no scope.
 */
export const settingsPolicy = definePolicy<null, "update">("settings", {
  read: (actor) => isStaff(actor),
  update: (actor) => hasRole(actor, "admin"),
});
