import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { hasRole, isStaff, type Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { maskIdNumber, maskPhone } from "../../../platform/personal/identity.ts";
import { accounts } from "../../accounts/accounts.tables.ts";
import { regions } from "../../regions/regions.tables.ts";
import { materialChecklists, ticketDeadlines, tickets, type TicketRow } from "../tickets.tables.ts";
import { ticketPolicy } from "../tickets.policy.ts";
import { allowedActions } from "../tickets.state.ts";
import { DEFAULT_CHECKLISTS } from "../ticket-rules.ts";
import type { TicketView } from "../tickets.types.ts";

/** Who sees a full phone number: those who call the applicant. ID numbers: legal aid reviewers and the handler. */
const seesFullPhone = (actor: Actor, row: TicketRow) =>
  isStaff(actor) && (row.assigneeId === actor.id || hasRole(actor, "operator", "window", "dispatcher", "supervisor"));
const seesFullId = (actor: Actor, row: TicketRow) => isStaff(actor) && (row.assigneeId === actor.id || hasRole(actor, "reviewer"));

/** Tickets as the actor may see them: names resolved, personal data masked, abilities attached. */
export async function presentTickets(tx: Tx, actor: Actor, protector: Protector, rows: TicketRow[], options: { isDetailed?: boolean } = {}): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  const regionCodes = [...new Set(rows.flatMap((r) => [r.regionCode, r.unitRegionCode]).filter((c): c is string => Boolean(c)))];
  const accountIds = [...new Set(rows.flatMap((r) => [r.assigneeId, r.firstResponderId]).filter((c): c is string => Boolean(c)))];
  // One after another: inside a transaction these share one connection.
  const regionRows = await tx.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes));
  const accountRows = accountIds.length ? await tx.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, accountIds)) : [];
  const deadlineRows = options.isDetailed
    ? await tx.select().from(ticketDeadlines).where(inArray(ticketDeadlines.ticketId, rows.map((r) => r.id))).orderBy(asc(ticketDeadlines.dueAt))
    : [];
  const checklistRows = options.isDetailed
    ? await tx.select().from(materialChecklists).where(inArray(materialChecklists.serviceType, [...new Set(rows.map((r) => r.serviceType))]))
    : [];
  const regionName = new Map(regionRows.map((r) => [r.code, r.name]));
  const accountName = new Map(accountRows.map((a) => [a.id, a.displayName]));
  const person = (id: string | null) => (id ? { id, displayName: accountName.get(id) ?? "?" } : null);
  return rows.map((row) => {
    const phone = row.applicantPhoneEnc ? protector.decrypt(row.applicantPhoneEnc) : null;
    const idNumber = row.applicantIdEnc ? protector.decrypt(row.applicantIdEnc) : null;
    const checklist = checklistRows.find((c) => c.serviceType === row.serviceType)?.items ?? (options.isDetailed ? (DEFAULT_CHECKLISTS[row.serviceType as keyof typeof DEFAULT_CHECKLISTS] ?? []) : []);
    const abilities = ticketPolicy.abilities(actor, row);
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
      allowedActions: allowedActions(row.status).filter((action) => abilities[action]),
      abilities,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export async function getTicketRow(tx: Tx, id: string): Promise<TicketRow | null> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row ?? null;
}
