import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { systemActor } from "../../../policies/actor.ts";
import { actOnTicket } from "../../tickets/commands/act-on-ticket.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { serviceRulesCached } from "../../services/queries/cached-settings.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
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
export async function autoDispatchTicket(tx: Tx, created: Pick<TicketRow, "id" | "serviceType" | "regionPath">, now: Date, options: { protector: Protector }): Promise<DispatchSuggestion | null> {
  // The switch first, from the in-process cache: where it is off (most places) the
  // new ticket is not even locked, and the intake answers from what it wrote.
  if (!(await serviceRulesCached(tx, created.serviceType, created.regionPath)).isAutoDispatch) return null;
  const ticketId = created.id;
  const ticket = await lockTicket(tx, ticketId);
  if (ticket.status !== "submitted") return null;
  const suggestion = await suggestForTicket(tx, ticket, now);
  if (!hasCapableUnit(suggestion)) return null;
  const actor = systemActor("auto-dispatch");
  const eventDetail = { auto: true, reason: suggestion.reason };
  await actOnTicket(tx, actor, ticketId, { action: "accept" }, now, { ...options, eventDetail });
  await actOnTicket(tx, actor, ticketId, { action: "assign", unitRegionCode: suggestion.unit.code, assigneeId: suggestion.assignee?.id ?? null }, now, { ...options, eventDetail });
  return suggestion;
}
