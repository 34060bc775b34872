import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, type Actor } from "../../policies/actor.ts";
import { codesOfPath } from "../regions/region-rules.ts";

/**
 * An account of a root node of the region tree (a province: the tree's roots
 * are provinces) answers for everything under it, the nation's calendar included.
 */
export const isAtRoot = (actor: Actor) => isStaff(actor) && codesOfPath(actor.regionPath).length === 1;

/**
 * The national holiday arrangement is the same for everyone: every staff member
 * reads it; only an admin at a root node loads or edits a year, so a county admin
 * cannot change the calendar of every other county.
 */
export const calendarPolicy = definePolicy<null, "update">("calendar", {
  read: (actor) => isStaff(actor),
  update: (actor) => hasRole(actor, "admin") && isAtRoot(actor),
});

/**
 * A region node's own additions (local rest days and their 调休 working days):
 * staff read those of the nodes in their scope; an admin sets them for their own
 * node or a node below it.
 */
export const regionalHolidaysPolicy = definePolicy<{ regionPath: string }, "update">("regional holidays", {
  read: (actor, node) => isWithinScope(actor, node.regionPath),
  update: (actor, node) => isWithinScope(actor, node.regionPath) && hasRole(actor, "admin"),
});
