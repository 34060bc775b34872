import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor } from "../../policies/actor.ts";
import { legalProviders } from "./directory.tables.ts";

type ProfileRecord = { accountId: string; regionPath: string };

/**
 * A public profile is its owner's: only they edit it (staff choose which of their
 * details are public). The admins of the owner's region, or above, see it and may
 * hide it from the public (and show it again); they cannot change what it says.
 */
export const staffProfilePolicy = definePolicy<ProfileRecord, "update" | "hide">("staff profile", {
  read: (actor, p) => (isStaff(actor) && actor.id === p.accountId) || (isWithinScope(actor, p.regionPath) && hasRole(actor, "admin")),
  update: (actor, p) => isStaff(actor) && actor.id === p.accountId,
  hide: (actor, p) => isWithinScope(actor, p.regionPath) && hasRole(actor, "admin"),
});

type ProviderRecord = { regionPath: string };

/** Staff read the providers of their scope (listed or not); admins create and edit them there. */
export const providerPolicy = definePolicy<ProviderRecord, "update">("legal service provider", {
  read: (actor, p) => isWithinScope(actor, p.regionPath),
  update: (actor, p) => isWithinScope(actor, p.regionPath) && hasRole(actor, "admin"),
});

export const canCreateProviderIn = (actor: Actor, regionPath: string) => providerPolicy.can(actor, "update", { regionPath });

export const providerScope = (actor: Actor) => scopeCondition(actor, legalProviders.regionPath);
