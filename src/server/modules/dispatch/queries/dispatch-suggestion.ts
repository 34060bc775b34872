import type { Tx } from "../../../platform/db/index.ts";
import { findActiveStaffIn } from "../../accounts/queries/find-staff.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
import { countOpenTicketsByAssignee } from "../../tickets/queries/ticket-facts.ts";
import type { ServiceType } from "../../services/service-catalogue.ts";
import { findOnDutyAt, isRostered } from "../../hotline/queries/find-on-duty.ts";
import { DISPATCH_ROUTES, suggestDispatch, type ChainNode, type DispatchInput, type DispatchPerson, type DispatchSuggestion } from "../dispatch-rules.ts";

type TicketFacts = Pick<TicketRow, "serviceType" | "category" | "language" | "regionPath">;

/**
 * What the suggestion needs: the matter's branch of the tree (matter first, root
 * last) and the active people bound to any node of it who hold a role the
 * service needs, each with their count of open tickets and whether they are on
 * duty at `now`. "On duty" comes from the duty roster (docs/hotline-roster.md):
 * an operator or lawyer is on duty while a shift of theirs runs; people the
 * roster does not schedule (mediators, reviewers, window staff…) keep office duty.
 */
export async function loadDispatchInput(tx: Tx, ticket: TicketFacts, now: Date): Promise<DispatchInput> {
  const serviceType = ticket.serviceType as ServiceType;
  const route = DISPATCH_ROUTES[serviceType];
  const codes = codesOfPath(ticket.regionPath);
  // One after another: inside a transaction these share one connection.
  const nodes = await findRegionRefs(tx, codes);
  const people = await findActiveStaffIn(tx, codes, route.roles);
  const load = await countOpenTicketsByAssignee(tx, people.map((p) => p.id));
  const onShift = await findOnDutyAt(tx, people.filter((p) => isRostered(p.roles)).map((p) => p.id), now);
  const chain: ChainNode[] = [...codes].reverse().flatMap((code) => {
    const node = nodes.get(code);
    return node ? [{ code: node.code, name: node.name, level: node.level }] : [];
  });
  return {
    serviceType,
    category: ticket.category,
    language: ticket.language,
    chain,
    people: people.map((p): DispatchPerson => ({ ...p, isOnDuty: !isRostered(p.roles) || onShift.has(p.id), load: load.get(p.id) ?? 0 })),
  };
}

/** The dispatch suggestion for a ticket (read-only; the dispatcher accepts it with the `assign` action). */
export async function suggestForTicket(tx: Tx, ticket: TicketFacts, now: Date): Promise<DispatchSuggestion> {
  return suggestDispatch(await loadDispatchInput(tx, ticket, now));
}
