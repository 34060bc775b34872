import { definePolicy } from "../../policies/engine.ts";
import { isCitizen } from "../../policies/actor.ts";

type CitizenRecord = { id: string };

/**
 * A citizen reads and changes their own profile and nobody else's; staff do not
 * reach citizens' profiles through the portal routes at all (they see the
 * applicant on a ticket, masked as the tickets module decides).
 */
export const citizenPolicy = definePolicy<CitizenRecord, "update">("citizen", {
  read: (actor, citizen) => isCitizen(actor) && actor.id === citizen.id,
  update: (actor, citizen) => isCitizen(actor) && actor.id === citizen.id,
});
