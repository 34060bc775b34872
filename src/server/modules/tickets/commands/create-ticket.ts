import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { idNumberProblem, normalizeIdNumber } from "../../../platform/personal/identity.ts";
import { beijingDate } from "../../calendar/working-calendar.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { tickets, ticketLinks, ticketNumberCounters } from "../tickets.tables.ts";
import { canCreateTicketIn, ticketPolicy } from "../tickets.policy.ts";
import { isPriorityApplicant, ticketNumber } from "../ticket-rules.ts";
import { newTicketState } from "../tickets.state.ts";
import { startDeadlines } from "../deadlines.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";
import { enqueueNotification } from "./enqueue-notification.ts";
import type { CreateTicketInput } from "../tickets.types.ts";

/** Channels staff may record; portal/kiosk/wechat come from those faces, upstream from API clients. */
const STAFF_CHANNELS = new Set(["window", "hotline", "referral"]);

export type CreateTicketOptions = {
  protector: Protector;
  /** Idempotency-Key header: a retried create returns the ticket made the first time. */
  idempotencyKey?: string;
  upstream?: { clientId: string; ref?: string };
};

/**
 * 一次受理: takes a request from any channel in as one ticket with one number,
 * starts its deadlines, records the first event, and tells the applicant.
 * Returns the ticket id and whether it was created now (false: an idempotent replay).
 */
export async function createTicket(tx: Tx, actor: Actor, input: CreateTicketInput, now: Date, options: CreateTicketOptions): Promise<{ id: string; isNew: boolean }> {
  const createdBy = actor.kind === "staff" || actor.kind === "citizen" ? actor.id : null;
  const createdByKind = options.upstream ? "upstream" : actor.kind;
  if (options.idempotencyKey) {
    const existing = await findByIdempotencyKey(tx, createdByKind, createdBy ?? options.upstream?.clientId ?? "", options.idempotencyKey);
    if (existing) return { id: existing, isNew: false };
  }
  if (actor.kind === "staff" && !STAFF_CHANNELS.has(input.channel)) {
    throw new AppError("VALIDATION_FAILED", `Staff record window, hotline or referral requests, not ${input.channel}`, { field: "channel" });
  }
  const region = await resolveRegion(tx, input.regionCode);
  if (!options.upstream && !canCreateTicketIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not take in requests for this region");
  const { applicant } = input;
  if (applicant.idNumber) {
    const problem = idNumberProblem(applicant.idNumber);
    if (problem) throw new AppError("VALIDATION_FAILED", `applicant.idNumber: ${problem}`, { field: "applicant.idNumber" });
  }
  const related = input.relatedTicketId ? await loadRelated(tx, actor, input.relatedTicketId) : null;

  const { protector } = options;
  const idNumber = applicant.idNumber ? normalizeIdNumber(applicant.idNumber) : null;
  const specialGroups = applicant.specialGroups ?? [];
  const state = newTicketState();
  const [created] = await tx
    .insert(tickets)
    .values({
      number: `pending-${crypto.randomUUID()}`,
      channel: options.upstream ? "upstream" : input.channel,
      serviceType: input.serviceType,
      category: input.category,
      regionCode: region.code,
      regionPath: region.path,
      applicantName: applicant.name.trim(),
      applicantPhoneEnc: applicant.phone ? protector.encrypt(applicant.phone) : null,
      applicantPhoneHash: applicant.phone ? protector.lookupHash(applicant.phone) : null,
      applicantIdEnc: idNumber ? protector.encrypt(idNumber) : null,
      applicantIdHash: idNumber ? protector.lookupHash(idNumber) : null,
      applicantGender: applicant.gender ?? null,
      applicantAgeGroup: applicant.ageGroup ?? null,
      specialGroups,
      isPriority: isPriorityApplicant(specialGroups),
      counterparty: input.counterparty ?? null,
      description: input.description.trim(),
      preferredContact: input.preferredContact ?? null,
      language: input.language ?? "zh",
      materialsProvided: input.materialsProvided ?? [],
      status: state.status,
      bounceCount: 0,
      isFlaggedToLead: false,
      dueState: "ok",
      isSupervised: false,
      createdBy,
      createdByKind,
      idempotencyKey: options.idempotencyKey ?? null,
      upstreamClientId: options.upstream?.clientId ?? null,
      upstreamRef: options.upstream?.ref ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: tickets.id });
  if (!created) {
    // A concurrent retry with the same key won the race.
    const existing = await findByIdempotencyKey(tx, createdByKind, createdBy ?? options.upstream?.clientId ?? "", options.idempotencyKey ?? "");
    if (existing) return { id: existing, isNew: false };
    throw new AppError("CONFLICT", "The ticket could not be created; try again");
  }
  const deadlines = await startDeadlines(tx, created.id, input.serviceType, now);
  if (related) {
    await tx.insert(ticketLinks).values({ ticketId: related.id, relatedId: created.id, kind: "became", createdAt: now });
  }
  // The number is taken last, so the counter row stays locked only for the commit.
  const number = await allocateNumber(tx, region.code, now);
  await tx.update(tickets).set({ number }).where(eq(tickets.id, created.id));
  await recordTicketEvent(tx, created.id, actor, "ticket.created", {
    number,
    channel: options.upstream ? "upstream" : input.channel,
    serviceType: input.serviceType,
    category: input.category,
    regionCode: region.code,
    isPriority: isPriorityApplicant(specialGroups),
    deadlines: deadlines.map((d) => ({ step: d.step, dueAt: d.dueAt.toISOString() })),
    ...(related ? { continues: related.number } : {}),
    ...(options.upstream ? { upstreamRef: options.upstream.ref ?? null } : {}),
  }, now);
  if (related) await recordTicketEvent(tx, related.id, actor, "ticket.linked", { kind: "became", number }, now);
  if (applicant.phone) {
    await enqueueNotification(tx, protector, { ticketId: created.id, phone: applicant.phone, template: "ticket_received", payload: { number, serviceType: input.serviceType }, now });
  }
  return { id: created.id, isNew: true };
}

async function findByIdempotencyKey(tx: Tx, kind: string, by: string, key: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.createdByKind, kind), sql`coalesce(${tickets.createdBy}::text, ${tickets.upstreamClientId}::text, '') = ${by}`, eq(tickets.idempotencyKey, key)))
    .limit(1);
  return row?.id ?? null;
}

async function loadRelated(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update").limit(1);
  if (!row || !ticketPolicy.can(actor, "read", row)) throw new AppError("VALIDATION_FAILED", "No such earlier ticket in your region", { field: "relatedTicketId" });
  return row;
}

/** Race-free: one counter row per (region, Beijing day), incremented in place. */
async function allocateNumber(tx: Tx, regionCode: string, now: Date): Promise<string> {
  const date = beijingDate(now);
  const prefix = `${regionCode.slice(0, 6)}-${date}`;
  const [row] = await tx
    .insert(ticketNumberCounters)
    .values({ prefix, last: 1 })
    .onConflictDoUpdate({ target: ticketNumberCounters.prefix, set: { last: sql`${ticketNumberCounters.last} + 1` } })
    .returning({ last: ticketNumberCounters.last });
  return ticketNumber(regionCode, date, row.last);
}
