import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { systemActor } from "../../../policies/actor.ts";
import { actOnTicket } from "../../tickets/commands/act-on-ticket.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { serviceRulesFor } from "../../services/queries/find-service-settings.ts";
import { hasCapableUnit, type DispatchSuggestion } from "../dispatch-rules.ts";
import { suggestForTicket } from "../queries/dispatch-suggestion.ts";

/**
 * Auto-dispatch (自动分配): where the service settings in force in the matter's
 * region switch it on for the ticket's service type, a new ticket is accepted
 * and assigned as suggested, by the system, through the ordinary actions so the
 * audit trail shows both steps (`data.auto = true`).
 * A ticket nobody can take is left submitted, for the dispatcher.
 * Returns the suggestion applied, or null when nothing was done.
 */
export async function autoDispatchTicket(tx: Tx, ticketId: string, now: Date, options: { protector: Protector }): Promise<DispatchSuggestion | null> {
  const ticket = await lockTicket(tx, ticketId);
  if (ticket.status !== "submitted") return null;
  if (!(await serviceRulesFor(tx, ticket.serviceType, ticket.regionPath)).isAutoDispatch) return null;
  const suggestion = await suggestForTicket(tx, ticket);
  if (!hasCapableUnit(suggestion)) return null;
  const actor = systemActor("auto-dispatch");
  const eventDetail = { auto: true, reason: suggestion.reason };
  await actOnTicket(tx, actor, ticketId, { action: "accept" }, now, { ...options, eventDetail });
  await actOnTicket(tx, actor, ticketId, { action: "assign", unitRegionCode: suggestion.unit.code, assigneeId: suggestion.assignee?.id ?? null }, now, { ...options, eventDetail });
  return suggestion;
}
