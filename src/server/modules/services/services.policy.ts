import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope } from "../../policies/actor.ts";

/** A region node's service settings. */
type SettingsRecord = { regionPath: string };

/**
 * Service settings (checklists, deadlines, auto-dispatch) belong to a region node
 * and are inherited downwards. Staff read them at nodes of their scope (the
 * intake form shows the checklist); an admin changes, or resets to inherit, only
 * those of their own node and the nodes below it — never an ancestor's or a
 * sibling's, which would change other regions' rules.
 */
export const settingsPolicy = definePolicy<SettingsRecord, "update">("settings", {
  read: (actor, node) => isWithinScope(actor, node.regionPath),
  update: (actor, node) => isWithinScope(actor, node.regionPath) && hasRole(actor, "admin"),
});
