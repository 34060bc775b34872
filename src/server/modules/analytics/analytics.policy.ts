import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope } from "../../policies/actor.ts";
import { ANALYTICS_ROLES } from "./analytics-roles.ts";

export { ANALYTICS_ROLES };

/**
 * A region's figures (运营指挥中心): a region outside the actor's scope is not
 * found (404, as everywhere: its figures do not leak); inside it, the roles above
 * may view and export them (403 for the others). A county leader sees the county
 * and below, a city leader the city. The tickets behind a figure are listed under
 * the tickets' own scope as well.
 */
export const analyticsPolicy = definePolicy<{ regionPath: string }, "view" | "export">("region", {
  read: (actor, region) => isWithinScope(actor, region.regionPath),
  view: (actor, region) => isWithinScope(actor, region.regionPath) && hasRole(actor, ...ANALYTICS_ROLES),
  export: (actor, region) => isWithinScope(actor, region.regionPath) && hasRole(actor, ...ANALYTICS_ROLES),
});
