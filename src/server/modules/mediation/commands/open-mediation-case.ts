import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { followCaseOnTicket } from "../../tickets/commands/follow-case-on-ticket.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { mediationCases, mediationCommittees } from "../mediation.tables.ts";
import { mediationCasePolicy } from "../mediation.policy.ts";
import { MEDIATION_RULES } from "../mediation.rules.ts";
import { newMediationCaseState, type MediationCaseState } from "../mediation-case.state.ts";
import type { OpenMediationCaseInput } from "../mediation.types.ts";

/** Ticket statuses in which a dispute can still go before a committee. */
const OPENABLE = new Set(["submitted", "accepted", "assigned", "in_progress", "suspended"]);

/**
 * A mediation ticket goes before a people's mediation committee: the case record (1:1),
 * the event on the ticket's trail and the audit log, in the caller's transaction.
 * The committee must be competent for where the dispute is: the committee of the
 * matter's village or township, or an industry committee above it (Arts. 8, 34).
 */
export async function openMediationCase(tx: Tx, actor: Actor, input: OpenMediationCaseInput, now: Date, protector: Protector, origin: MediationCaseState["origin"] = { kind: "application", referralId: null, partnerName: null }): Promise<string> {
  const ticket = await lockTicket(tx, input.ticketId).catch(() => null);
  if (!ticket) throw new AppError("VALIDATION_FAILED", "No such ticket", { field: "ticketId" });
  const [committee] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, input.committeeId)).limit(1);
  if (!committee || !committee.isActive) throw new AppError("VALIDATION_FAILED", "No such committee in service", { field: "committeeId" });
  // Whoever takes it in must work where the matter is, and the committee must be where it can see it.
  mediationCasePolicy.authorize(actor, "open", { regionPath: ticket.regionPath, mediatorIds: [] });
  if (ticket.serviceType !== "mediation") throw new AppError("VALIDATION_FAILED", `A ${ticket.serviceType} ticket is not a mediation application`, { field: "ticketId" });
  if (!OPENABLE.has(ticket.status)) throw new AppError("VALIDATION_FAILED", `A ${ticket.status} ticket cannot become a mediation case`, { field: "ticketId" });
  if (!ticket.regionPath.startsWith(committee.regionPath)) {
    throw new AppError("VALIDATION_FAILED", "The committee is not competent for where the dispute is: choose the village's, the township's or an industry committee above it", { field: "committeeId" });
  }
  const [existing] = await tx.select({ id: mediationCases.id }).from(mediationCases).where(eq(mediationCases.ticketId, ticket.id)).limit(1);
  if (existing) throw new AppError("CONFLICT", "This ticket is already a mediation case", { field: "ticketId", extra: { caseId: existing.id } });

  const id = randomUUID();
  const state = newMediationCaseState({ appliedAt: ticket.createdAt, origin });
  await tx.insert(mediationCases).values({
    id,
    ticketId: ticket.id,
    committeeId: committee.id,
    status: state.status,
    regionCode: committee.regionCode,
    regionPath: committee.regionPath,
    mediatorIds: [],
    state,
    createdBy: isStaff(actor) ? actor.id : null,
    createdAt: now,
    updatedAt: now,
  });
  const rules = origin.kind === "referral" ? [MEDIATION_RULES.application, MEDIATION_RULES.referral_in, MEDIATION_RULES.free_of_charge] : [MEDIATION_RULES.application, MEDIATION_RULES.free_of_charge];
  const detail = {
    caseId: id,
    to: state.status,
    committee: { id: committee.id, name: committee.name, kind: committee.kind },
    origin,
    rules: rules.map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
  };
  await recordTicketEvent(tx, ticket.id, actor, "mediation_case.opened", detail, now, { seq: ticket.chainSeq, hash: ticket.chainHash });
  // The ticket is taken in and handed to the committee (a ticket already with a unit stays there).
  await followCaseOnTicket(tx, actor, ticket.id, { kind: "work", unitRegionCode: committee.regionCode }, now, { protector, caseEvent: "mediation_case.opened", caseId: id });
  await recordAudit(tx, { actor, action: "mediation_case.open", entityType: "mediation_case", entityId: id, at: now, regionPath: committee.regionPath, detail: { ticketId: ticket.id, number: ticket.number, ...detail } });
  return id;
}
