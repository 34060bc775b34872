import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findRegionRefs, findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { loadCalendar } from "../../tickets/deadlines.ts";
import { followCaseOnTicket } from "../../tickets/commands/follow-case-on-ticket.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { aidCases } from "../aid-cases.tables.ts";
import { aidCasePolicy } from "../aid-cases.policy.ts";
import { AID_RULES, isSampledForQuality } from "../aid-case.rules.ts";
import { newAidCaseState } from "../aid-case.state.ts";
import type { OpenAidCaseInput } from "../aid-cases.types.ts";
import { applyDeadlineEffects } from "./apply-aid-deadlines.ts";

/** Ticket statuses in which an application can still become a case. */
const OPENABLE = new Set(["submitted", "accepted", "assigned", "in_progress", "suspended"]);

/**
 * A legal aid ticket becomes a legal aid case: the case record (1:1), the decision's
 * 7 days from the application (Legal Aid Law Art. 43) on the ticket's deadlines, the
 * event on the ticket's trail and the audit log — in the caller's transaction.
 */
export async function openAidCase(tx: Tx, actor: Actor, input: OpenAidCaseInput, now: Date, protector: Protector): Promise<string> {
  const ticket = await lockTicket(tx, input.ticketId).catch(() => null);
  if (!ticket) throw new AppError("VALIDATION_FAILED", "No such ticket", { field: "ticketId" });
  // The county whose legal aid center reviews: the county on the matter's path (the matter's own region above county level).
  const path = await findRegionsOnPath(tx, ticket.regionPath);
  const center = path.find((r) => r.level === "county") ?? path[path.length - 1];
  const record = { regionPath: ticket.regionPath, centerRegionPath: center.path, lawyerId: null };
  aidCasePolicy.authorize(actor, "open", record);
  if (ticket.serviceType !== "legal_aid") throw new AppError("VALIDATION_FAILED", `A ${ticket.serviceType} ticket is not a legal aid application`, { field: "ticketId" });
  if (!OPENABLE.has(ticket.status)) throw new AppError("VALIDATION_FAILED", `A ${ticket.status} ticket cannot become a legal aid case`, { field: "ticketId" });
  const [existing] = await tx.select({ id: aidCases.id }).from(aidCases).where(eq(aidCases.ticketId, ticket.id)).limit(1);
  if (existing) throw new AppError("CONFLICT", "This ticket is already a legal aid case", { field: "ticketId", extra: { caseId: existing.id } });

  const station = await stationOf(tx, actor, input.stationRegionCode, ticket.regionPath);
  const id = randomUUID();
  const calendar = await loadCalendar(tx, ticket.regionPath);
  const { state, effects } = newAidCaseState({ appliedAt: ticket.createdAt, isPrecheckRequired: station !== null, isSampledForQuality: isSampledForQuality(id) }, calendar);
  await applyDeadlineEffects(tx, ticket.id, effects, now);
  await tx.insert(aidCases).values({
    id,
    ticketId: ticket.id,
    status: state.status,
    regionCode: ticket.regionCode,
    regionPath: ticket.regionPath,
    centerRegionCode: center.code,
    centerRegionPath: center.path,
    stationRegionCode: station?.code ?? null,
    lawyerId: null,
    state,
    createdBy: isStaff(actor) ? actor.id : null,
    createdAt: now,
    updatedAt: now,
  });
  const detail = {
    caseId: id,
    to: state.status,
    center: { code: center.code, name: center.name },
    station: station ? { code: station.code, name: station.name } : null,
    decisionDueAt: state.deadlines.aid_decision?.dueAt,
    rules: [AID_RULES.decision_within_7_days].map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
  };
  await recordTicketEvent(tx, ticket.id, actor, "aid_case.opened", detail, now, { seq: ticket.chainSeq, hash: ticket.chainHash });
  // The ticket is taken in and handed to the center (a ticket already with a unit stays there).
  await followCaseOnTicket(tx, actor, ticket.id, { kind: "work", unitRegionCode: center.code }, now, { protector, caseEvent: "aid_case.opened", caseId: id });
  await recordAudit(tx, { actor, action: "aid_case.open", entityType: "aid_case", entityId: id, at: now, regionPath: ticket.regionPath, detail: { ticketId: ticket.id, number: ticket.number, ...detail } });
  return id;
}

/**
 * The township station that took the application: the one named, or the clerk's
 * own township. It must be a township on the matter's path (the matter is there).
 */
async function stationOf(tx: Tx, actor: Actor, code: string | null | undefined, matterPath: string) {
  const wanted = code === undefined ? (isStaff(actor) ? actor.regionCode : null) : code;
  if (!wanted) return null;
  const region = (await findRegionRefs(tx, [wanted])).get(wanted);
  if (code === undefined) return region && region.level === "township" && matterPath.startsWith(region.path) ? region : null;
  if (!region || region.level !== "township" || !matterPath.startsWith(region.path)) {
    throw new AppError("VALIDATION_FAILED", "The station must be the township where the matter is", { field: "stationRegionCode" });
  }
  return region;
}
