import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, type Actor } from "../../policies/actor.ts";
import { codesOfPath } from "../regions/region-rules.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";

/** What the document rules need of a ticket: what the ticket rules need. */
type TicketRecord = Parameters<typeof ticketPolicy.can>[2];

/**
 * 文书: staff who may read a ticket see its documents; whoever may add
 * materials to it (the front desk and command centre in scope, the handler)
 * generates them — the rule of acting on the ticket's file, so another
 * township's staff can do neither, and a citizen sees none on the staff routes.
 */
export const documentPolicy = definePolicy<TicketRecord, "generate" | "revoke">("ticket", {
  read: (actor, t) => isStaff(actor) && ticketPolicy.can(actor, "read", t),
  generate: (actor, t) => isStaff(actor) && ticketPolicy.can(actor, "updateMaterials", t),
  // 作废: a document speaks for the unit, so withdrawing one is for the unit's head (leader) or an
  // admin, where the matter is — not for the clerk who generated it.
  revoke: (actor, t) => isStaff(actor) && ticketPolicy.can(actor, "read", t) && isWithinScope(actor, t.regionPath) && hasRole(actor, "leader", "admin"),
});

/**
 * May the actor generate a document for the ticket now: the rule above, and the
 * ticket still takes files (an archived or merged one is read-only, 409 in the command).
 */
export const canGenerateNow = (actor: Actor, t: TicketRecord & { status: string }) =>
  documentPolicy.can(actor, "generate", t) && t.status !== "archived" && t.status !== "merged";

/** Root-node admins change the templates (one set per deployment); every staff member reads them. */
const isAtRoot = (actor: Actor) => isStaff(actor) && codesOfPath(actor.regionPath).length === 1;
export const documentTemplatePolicy = definePolicy<null, "manage">("document template", {
  read: (actor) => isStaff(actor),
  manage: (actor) => hasRole(actor, "admin") && isAtRoot(actor),
});
