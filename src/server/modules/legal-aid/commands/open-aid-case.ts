import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, systemActor, type Actor } from "../../../policies/actor.ts";
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

export type OpenedAidCase = { id: string; isNew: boolean };

/**
 * A legal aid ticket becomes a legal aid case: the case record (1:1), the decision's
 * 7 days from the application (Legal Aid Law Art. 43) on the ticket's deadlines, the
 * event on the ticket's trail and the audit log — in the caller's transaction.
 * Idempotent: a ticket that is already a case (opened at intake, or by an earlier
 * click) answers with that case (`isNew: false`), after the same authorization.
 */
export async function openAidCase(tx: Tx, actor: Actor, input: OpenAidCaseInput, now: Date, protector: Protector): Promise<OpenedAidCase> {
  const ticket = await lockTicket(tx, input.ticketId).catch(() => null);
  if (!ticket) throw new AppError("VALIDATION_FAILED", "No such ticket", { field: "ticketId" });
  const center = await centerOf(tx, ticket.regionPath);
  const record = { regionPath: ticket.regionPath, centerRegionPath: center.path, lawyerId: null };
  aidCasePolicy.authorize(actor, "open", record);
  if (ticket.serviceType !== "legal_aid") throw new AppError("VALIDATION_FAILED", `A ${ticket.serviceType} ticket is not a legal aid application`, { field: "ticketId" });
  const existing = await caseOfTicket(tx, ticket.id);
  if (existing) return { id: existing, isNew: false };
  if (!OPENABLE.has(ticket.status)) throw new AppError("VALIDATION_FAILED", `A ${ticket.status} ticket cannot become a legal aid case`, { field: "ticketId" });
  const station = await stationOf(tx, actor, input.stationRegionCode, ticket.regionPath);
  return { id: await insertAidCase(tx, actor, ticket, center, station, now, protector, { onIntake: false }), isNew: true };
}

/**
 * Intake (一次受理, any channel) of a legal aid ticket opens its case in the same
 * transaction (the `ticket.created` subscriber, legal-aid.subscribers.ts): the
 * application is the case from its first minute, so Art. 43's 7 days run from it
 * without waiting for someone to click. Taking the request in was authorized by the
 * intake itself (canCreateTicketIn, the portal's sign-in, the upstream client), so the
 * case is opened as the clerk who took it in where the case policy lets them open
 * one (their township station then pre-checks, as when they open it by hand) and
 * otherwise by the system (`intake`): a portal or upstream application has no station.
 * Returns the case id, or null for a ticket of another service type. A ticket that
 * already has a case keeps it.
 */
export async function openAidCaseOnIntake(tx: Tx, actor: Actor, ticketId: string, now: Date, protector: Protector): Promise<string | null> {
  const ticket = await lockTicket(tx, ticketId);
  if (ticket.serviceType !== "legal_aid") return null;
  const existing = await caseOfTicket(tx, ticket.id);
  if (existing) return existing;
  if (!OPENABLE.has(ticket.status)) return null;
  const center = await centerOf(tx, ticket.regionPath);
  const record = { regionPath: ticket.regionPath, centerRegionPath: center.path, lawyerId: null };
  const opener = isStaff(actor) && aidCasePolicy.can(actor, "open", record) ? actor : systemActor("intake");
  const station = await stationOf(tx, opener, undefined, ticket.regionPath);
  return insertAidCase(tx, opener, ticket, center, station, now, protector, { onIntake: true });
}

/** The county whose legal aid center reviews: the county on the matter's path (the matter's own region above county level). */
async function centerOf(tx: Tx, regionPath: string) {
  const path = await findRegionsOnPath(tx, regionPath);
  return path.find((r) => r.level === "county") ?? path[path.length - 1];
}

async function caseOfTicket(tx: Tx, ticketId: string): Promise<string | null> {
  const [existing] = await tx.select({ id: aidCases.id }).from(aidCases).where(eq(aidCases.ticketId, ticketId)).limit(1);
  return existing?.id ?? null;
}

type Ticket = Awaited<ReturnType<typeof lockTicket>>;
type RegionRef = Awaited<ReturnType<typeof centerOf>>;

async function insertAidCase(
  tx: Tx,
  actor: Actor,
  ticket: Ticket,
  center: RegionRef,
  station: { code: string; name: string } | null | undefined,
  now: Date,
  protector: Protector,
  options: { onIntake: boolean },
): Promise<string> {
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
    ...(options.onIntake ? { onIntake: true, channel: ticket.channel } : {}),
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
