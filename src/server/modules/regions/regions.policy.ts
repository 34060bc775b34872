import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { regions } from "./regions.tables.ts";

/** Any staff member reads the regions of their scope; admins add children inside it. */
export const regionPolicy = definePolicy<{ path: string }, "createChild">("region", {
  read: (actor, region) => isWithinScope(actor, region.path),
  createChild: (actor, region) => isWithinScope(actor, region.path) && hasRole(actor, "admin"),
});

export const regionScope = (actor: Actor) => scopeCondition(actor, regions.path);
