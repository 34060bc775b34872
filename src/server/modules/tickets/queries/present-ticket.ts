import { asc, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { hasRole, isStaff, type Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { maskIdNumber, maskPhone } from "../../../platform/personal/identity.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { checklistsFor } from "../../services/queries/find-service-settings.ts";
import { ticketDeadlines, type TicketRow } from "../tickets.tables.ts";
import { ticketAbilities } from "../tickets.policy.ts";
import { TICKET_ACTION_TYPES } from "../tickets.state.ts";
import type { TicketView } from "../tickets.types.ts";

/** Who sees a full phone number: those who call the applicant. ID numbers: legal aid reviewers and the handler. */
const seesFullPhone = (actor: Actor, row: TicketRow) =>
  isStaff(actor) && (row.assigneeId === actor.id || hasRole(actor, "operator", "window", "dispatcher", "supervisor"));
const seesFullId = (actor: Actor, row: TicketRow) => isStaff(actor) && (row.assigneeId === actor.id || hasRole(actor, "reviewer"));

/** Tickets as the actor may see them: names resolved, personal data masked, abilities attached. */
export async function presentTickets(tx: Tx, actor: Actor, protector: Protector, rows: TicketRow[], options: { now: Date; isDetailed?: boolean }): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  // One after another: inside a transaction these share one connection.
  const regionRefs = await findRegionRefs(tx, rows.flatMap((r) => [r.regionCode, r.unitRegionCode]));
  const accountName = await findStaffNames(tx, rows.flatMap((r) => [r.assigneeId, r.firstResponderId]));
  const deadlineRows = options.isDetailed
    ? await tx.select().from(ticketDeadlines).where(inArray(ticketDeadlines.ticketId, rows.map((r) => r.id))).orderBy(asc(ticketDeadlines.dueAt))
    : [];
  const checklistOf = options.isDetailed ? await checklistsFor(tx, rows) : () => [];
  const regionName = new Map([...regionRefs.values()].map((r) => [r.code, r.name]));
  const person = (id: string | null) => (id ? { id, displayName: accountName.get(id) ?? "?" } : null);
  return rows.map((row) => {
    const phone = row.applicantPhoneEnc ? protector.decrypt(row.applicantPhoneEnc) : null;
    const idNumber = row.applicantIdEnc ? protector.decrypt(row.applicantIdEnc) : null;
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
        phone: phone && (seesFullPhone(actor, row) ? phone : maskPhone(phone)),
        idNumber: idNumber && (seesFullId(actor, row) ? idNumber : maskIdNumber(idNumber)),
        gender: row.applicantGender,
        ageGroup: row.applicantAgeGroup,
        specialGroups: row.specialGroups,
      },
      counterparty: row.counterparty ? { ...row.counterparty, ...(row.counterparty.phone ? { phone: maskPhone(row.counterparty.phone) } : {}) } : null,
      description: row.description,
      preferredContact: row.preferredContact,
      language: row.language,
      isPriority: row.isPriority,
      status: row.status,
      unit: row.unitRegionCode ? { code: row.unitRegionCode, name: regionName.get(row.unitRegionCode) ?? row.unitRegionCode } : null,
      assignee: person(row.assigneeId),
      firstResponder: person(row.firstResponderId),
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
