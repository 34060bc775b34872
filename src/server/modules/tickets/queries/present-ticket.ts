import { asc, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import { maskIdNumber, maskPhone } from "../../../platform/personal/identity.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import { checklistsCached } from "../../services/queries/cached-settings.ts";
import { handlingUnitName } from "../../services/handling-unit.ts";
import { ticketDeadlines, type TicketDeadlineRow, type TicketRow } from "../tickets.tables.ts";
import { seesInFull, ticketAbilities } from "../tickets.policy.ts";
import { presentCounterparty } from "../counterparty.ts";
import { firstResponderOf } from "../ticket-rules.ts";
import { TICKET_ACTION_TYPES } from "../tickets.state.ts";
import type { TicketView } from "../tickets.types.ts";

/**
 * Tickets as the actor may see them: names resolved, personal data masked,
 * abilities attached. Region names and checklists come from the in-process
 * caches; `deadlines` (detailed only): the rows' deadlines when the caller has
 * them already (a ticket just created), instead of reading them.
 */
export async function presentTickets(
  tx: Tx,
  actor: Actor,
  protector: Protector,
  rows: TicketRow[],
  options: { now: Date; isDetailed?: boolean; deadlines?: TicketDeadlineRow[] },
): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  // One after another: inside a transaction these share one connection.
  const regionRefs = await findRegionRefsCached(tx, rows.flatMap((r) => [r.regionCode, r.unitRegionCode]));
  // The acting person's own name is known: a ticket they just took in needs no lookup for it.
  const personIds = rows.flatMap((r) => [r.assigneeId, firstResponderOf(r)]).filter((id): id is string => Boolean(id));
  const known = actor.kind === "staff" ? new Map([[actor.id, actor.displayName]]) : new Map<string, string>();
  const unknown = personIds.filter((id) => !known.has(id));
  const accountName = unknown.length > 0 ? new Map([...known, ...(await findStaffNames(tx, unknown))]) : known;
  const deadlineRows = !options.isDetailed
    ? []
    : options.deadlines
      ? [...options.deadlines].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      : await tx.select().from(ticketDeadlines).where(inArray(ticketDeadlines.ticketId, rows.map((r) => r.id))).orderBy(asc(ticketDeadlines.dueAt));
  const checklistOf = options.isDetailed ? await checklistsCached(tx) : () => [];
  const regionName = new Map([...regionRefs.values()].map((r) => [r.code, r.name]));
  // The unit is named as the dispatch suggestion and the export name it: 青川区公共法律服务中心, not 青川区.
  const unitOf = (row: TicketRow) => {
    const ref = row.unitRegionCode ? regionRefs.get(row.unitRegionCode) : undefined;
    return row.unitRegionCode ? { code: row.unitRegionCode, name: ref ? handlingUnitName(row.serviceType, ref) : row.unitRegionCode } : null;
  };
  const person = (id: string | null) => (id ? { id, displayName: accountName.get(id) ?? "?" } : null);
  return rows.map((row) => {
    // The checklist in force in the matter's region.
    const checklist: { key: string; name: string; isRequired: boolean }[] = checklistOf(row.serviceType, row.regionPath);
    const abilities = ticketAbilities(actor, row, options.now);
    return {
      id: row.id,
      number: row.number,
      channel: row.channel as TicketView["channel"],
      serviceType: row.serviceType as TicketView["serviceType"],
      category: row.category,
      region: { code: row.regionCode, name: regionName.get(row.regionCode) ?? row.regionCode },
      applicant: {
        name: row.applicantName,
        // Masked unless the rule says this actor sees it in full; a value no key opens shows a marker.
        phone: presentSealed(protector, row.applicantPhoneEnc, (phone) => (seesInFull(actor, "phone", row) ? phone : maskPhone(phone))),
        idNumber: presentSealed(protector, row.applicantIdEnc, (id) => (seesInFull(actor, "idNumber", row) ? id : maskIdNumber(id))),
        gender: row.applicantGender,
        ageGroup: row.applicantAgeGroup,
        specialGroups: row.specialGroups,
      },
      counterparty: row.counterparty ? presentCounterparty(row.counterparty, protector) : null,
      description: row.description,
      preferredContact: row.preferredContact,
      language: row.language,
      isPriority: row.isPriority,
      status: row.status,
      unit: unitOf(row),
      assignee: person(row.assigneeId),
      firstResponder: person(firstResponderOf(row)),
      bounceCount: row.bounceCount,
      isFlaggedToLead: row.isFlaggedToLead,
      isSupervised: row.isSupervised,
      dueState: row.dueState,
      nextDueAt: row.nextDueAt?.toISOString() ?? null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      mergedIntoId: row.mergedIntoId,
      materials: checklist.map((item) => ({ ...item, isProvided: row.materialsProvided.includes(item.key) })),
      deadlines: deadlineRows
        .filter((d) => d.ticketId === row.id)
        .map((d) => ({ step: d.step, dueAt: d.dueAt.toISOString(), state: d.overdueAt && d.state === "running" ? "overdue" : d.state, amount: d.amount, unit: d.unit })),
      allowedActions: TICKET_ACTION_TYPES.filter((action) => abilities[action]),
      abilities,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export { getTicketRow } from "./get-ticket.ts";
