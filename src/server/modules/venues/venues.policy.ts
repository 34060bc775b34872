import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { venues } from "./venues.tables.ts";

type VenueRecord = { regionPath: string };

/** Staff read the venues of their scope; admins create and edit them there. */
export const venuePolicy = definePolicy<VenueRecord, "update">("venue", {
  read: (actor, venue) => isWithinScope(actor, venue.regionPath),
  update: (actor, venue) => isWithinScope(actor, venue.regionPath) && hasRole(actor, "admin"),
});

/** May the actor create a venue in this region? The same rule as update. */
export const canCreateVenueIn = (actor: Actor, regionPath: string) => venuePolicy.can(actor, "update", { regionPath });

export const venueScope = (actor: Actor) => scopeCondition(actor, venues.regionPath);
