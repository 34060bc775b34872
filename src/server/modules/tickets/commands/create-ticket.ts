import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { idNumberProblem, normalizeIdNumber } from "../../../platform/personal/identity.ts";
import { beijingDate } from "../../calendar/working-calendar.ts";
import type { RegionRow } from "../../regions/queries/resolve-region.ts";
import { resolveRegionCached } from "../../regions/queries/cached-regions.ts";
import { settingsAtCached } from "../../services/queries/cached-settings.ts";
import { canonicalJson } from "../audit-chain.ts";
import { tickets, ticketLinks, ticketNumberCounters, type TicketDeadlineRow, type TicketRow } from "../tickets.tables.ts";
import { canCreateTicketIn, ticketPolicy } from "../tickets.policy.ts";
import { isPriorityApplicant, ticketNumber } from "../ticket-rules.ts";
import { newTicketState } from "../tickets.state.ts";
import { insertDeadlines, planIntake } from "../deadlines.ts";
import { insertSealedEvent, recordTicketEvent, sealFirstTicketEvent } from "./record-ticket-event.ts";
import { lockCount } from "../queries/get-ticket.ts";
import { enqueueNotification } from "../../notifications/commands/enqueue-notification.ts";
import { ticketHooks } from "../tickets.events.ts";
import { sealCounterparty } from "../counterparty.ts";
import type { CreateTicketInput } from "../tickets.types.ts";

/** Channels staff may record; portal/kiosk/wechat come from those faces, upstream from API clients. */
const STAFF_CHANNELS = new Set(["window", "hotline", "referral"]);

export type CreateTicketOptions = {
  protector: Protector;
  /** Idempotency-Key header: a retried create returns the ticket made the first time. */
  idempotencyKey?: string;
  /** The request's fingerprint (requestFingerprint), stored with the key: a retry must send the same request. */
  fingerprint?: string;
  upstream?: { clientId: string; ref?: string };
  /** A number reserved, and the request checked, before the transaction (reserveTicketNumber); otherwise both happen inside it. */
  reserved?: ReservedNumber;
};

export type ReservedNumber = { number: string; region: RegionRow };

/**
 * `created`: the row and deadlines as written, when nothing changed them after
 * (auto-dispatch did not act), so the answer is built without reading them back.
 */
export type CreatedTicket = { id: string; isNew: boolean; created?: { row: TicketRow; deadlines: TicketDeadlineRow[] } };

const creatorOf = (actor: Actor, options: Pick<CreateTicketOptions, "upstream">) => ({
  kind: options.upstream ? "upstream" : actor.kind,
  by: actor.kind === "staff" || actor.kind === "citizen" ? actor.id : null,
});

/**
 * Everything about a request that can be refused before a number is spent on it:
 * the channel, the ID number's check digit and birth date, the region and the
 * actor's right to take requests in there, the earlier ticket it continues, the
 * materials it says were handed in. Returns the region.
 */
export async function checkIntake(tx: Tx, actor: Actor, input: CreateTicketInput, now: Date, options: Pick<CreateTicketOptions, "upstream">): Promise<RegionRow> {
  if (actor.kind === "staff" && !options.upstream && !STAFF_CHANNELS.has(input.channel)) {
    throw new AppError("VALIDATION_FAILED", `Staff record window, hotline or referral requests, not ${input.channel}`, { field: "channel" });
  }
  if (actor.kind === "citizen" && input.channel !== "portal") {
    throw new AppError("VALIDATION_FAILED", `A citizen's own request comes from the portal, not ${input.channel}`, { field: "channel" });
  }
  if (input.applicant.idNumber) {
    const problem = idNumberProblem(input.applicant.idNumber, now);
    if (problem) throw new AppError("VALIDATION_FAILED", `applicant.idNumber: ${problem}`, { field: "applicant.idNumber" });
  }
  // Regions and settings come from the in-process caches (platform/cache.ts).
  const region = await resolveRegionCached(tx, input.regionCode);
  if (!options.upstream && !canCreateTicketIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not take in requests for this region");
  if (input.relatedTicketId) {
    const [related] = await tx.select().from(tickets).where(eq(tickets.id, input.relatedTicketId)).limit(1);
    if (!related || !ticketPolicy.can(actor, "read", related)) throw new AppError("VALIDATION_FAILED", "No such earlier ticket in your region", { field: "relatedTicketId" });
  }
  if (input.materialsProvided?.length) {
    const keys = new Set((await settingsAtCached(tx, input.serviceType, region.path)).checklist.map((item) => item.key));
    const unknown = input.materialsProvided.findIndex((key) => !keys.has(key));
    if (unknown !== -1) {
      throw new AppError("VALIDATION_FAILED", `${input.materialsProvided[unknown]} is not on the ${input.serviceType} checklist`, { field: `materialsProvided[${unknown}]` });
    }
  }
  return region;
}

/**
 * What identifies a request for idempotency (IETF draft "The Idempotency-Key HTTP
 * Header Field"; Stripe does the same): the SHA-256 of its canonical JSON. A key
 * reused with a different request is refused instead of answered with the first
 * request's ticket.
 */
export const requestFingerprint = (input: unknown) => createHash("sha256").update(canonicalJson(input)).digest("hex");

/**
 * The ticket an earlier attempt with this Idempotency-Key created, if any;
 * IDEMPOTENCY_KEY_REUSED (422) when that attempt sent a different request.
 */
export async function findIdempotentReplay(tx: Tx, actor: Actor, key: string, fingerprint: string, options: Pick<CreateTicketOptions, "upstream"> = {}): Promise<string | null> {
  const found = await findTicketByIdempotencyKey(tx, actor, key, options);
  if (!found) return null;
  // Tickets made before fingerprints were kept (migration 0012) replay as before.
  if (found.fingerprint !== null && found.fingerprint !== fingerprint) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request; send a new key for a new request", { field: "idempotency-key" });
  }
  return found.id;
}

/** The ticket an earlier attempt with this Idempotency-Key created, if any. */
async function findTicketByIdempotencyKey(tx: Tx, actor: Actor, key: string, options: Pick<CreateTicketOptions, "upstream">): Promise<{ id: string; fingerprint: string | null } | null> {
  const { kind, by } = creatorOf(actor, options);
  const [row] = await tx
    .select({ id: tickets.id, fingerprint: tickets.idempotencyFingerprint })
    .from(tickets)
    .where(and(eq(tickets.createdByKind, kind), sql`coalesce(${tickets.createdBy}::text, ${tickets.upstreamClientId}::text, '') = ${by ?? options.upstream?.clientId ?? ""}`, eq(tickets.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

/**
 * Takes the next number for a request, as its own statement before the intake
 * transaction (so `db` is the database, never a transaction), after every check
 * that could refuse it. The counter row is then
 * locked for one statement instead of a whole intake, so concurrent intakes in one
 * county do not queue behind each other. The price: a number is skipped if the
 * transaction later fails (numbers are unique and ordered, not gap-free).
 */
export async function reserveTicketNumber(db: Db, actor: Actor, input: CreateTicketInput, now: Date, options: Pick<CreateTicketOptions, "upstream"> = {}): Promise<ReservedNumber> {
  const region = await checkIntake(db, actor, input, now, options);
  return { number: await reserveNumber(db, region.code, now), region };
}

/**
 * 一次受理: takes a request from any channel in as one ticket with one number,
 * starts its deadlines, records the first event, tells the applicant, and
 * publishes `ticket.created` (auto-dispatch, where an admin switched it on for
 * the service type, dispatches it at once, whatever the channel). Returns the ticket id and whether it was created now
 * (false: an idempotent replay).
 */
export async function createTicket(
  tx: Tx,
  actor: Actor,
  input: CreateTicketInput,
  now: Date,
  options: CreateTicketOptions,
): Promise<CreatedTicket> {
  const { kind: createdByKind, by: createdBy } = creatorOf(actor, options);
  const fingerprint = options.fingerprint ?? requestFingerprint(input);
  if (options.idempotencyKey) {
    const existing = await findIdempotentReplay(tx, actor, options.idempotencyKey, fingerprint, options);
    if (existing) return { id: existing, isNew: false };
  }
  const region = options.reserved?.region ?? (await checkIntake(tx, actor, input, now, options));
  const related = input.relatedTicketId ? await loadRelated(tx, actor, input.relatedTicketId) : null;
  const plan = await planIntake(tx, input.serviceType, region.path, now);

  const { protector } = options;
  const { applicant } = input;
  const idNumber = applicant.idNumber ? normalizeIdNumber(applicant.idNumber) : null;
  const specialGroups = applicant.specialGroups ?? [];
  const isPriority = isPriorityApplicant(specialGroups);
  const channel = options.upstream ? "upstream" : input.channel;
  // Without a reserved number the counter is taken here; its row lock then lasts until commit.
  const number = options.reserved?.number ?? (await allocateNumber(tx, region.code, now));
  // The id is chosen here so the first event's link can be made before the insert:
  // the ticket row is born with its chain head, and the event needs no head to read or advance.
  const id = randomUUID();
  const firstEvent = sealFirstTicketEvent(
    tx,
    id,
    actor,
    "ticket.created",
    {
      number,
      channel,
      serviceType: input.serviceType,
      category: input.category,
      regionCode: region.code,
      isPriority,
      deadlines: plan.deadlines.map((d) => ({ step: d.step, dueAt: d.dueAt.toISOString() })),
      ...(related ? { continues: related.number } : {}),
      ...(options.upstream ? { upstreamRef: options.upstream.ref ?? null } : {}),
    },
    now,
  );
  const [created] = await tx
    .insert(tickets)
    .values({
      id,
      number,
      channel,
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
      isPriority,
      counterparty: input.counterparty ? sealCounterparty(input.counterparty, protector) : null,
      description: input.description.trim(),
      preferredContact: input.preferredContact ?? null,
      language: input.language ?? "zh",
      materialsProvided: input.materialsProvided ?? [],
      status: newTicketState().status,
      bounceCount: 0,
      isFlaggedToLead: false,
      nextDueAt: plan.nextDueAt,
      dueState: plan.dueState,
      isSupervised: false,
      // 首问责任人: the clerk or operator who took the request in (ticket-rules.ts firstResponderOf).
      firstResponderId: createdByKind === "staff" ? createdBy : null,
      createdBy,
      createdByKind,
      idempotencyKey: options.idempotencyKey ?? null,
      idempotencyFingerprint: options.idempotencyKey ? fingerprint : null,
      upstreamClientId: options.upstream?.clientId ?? null,
      upstreamRef: options.upstream?.ref ?? null,
      createdAt: now,
      updatedAt: now,
      chainSeq: firstEvent.seq,
      chainHash: firstEvent.hash,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // A concurrent retry with the same key won the race.
    const existing = options.idempotencyKey ? await findIdempotentReplay(tx, actor, options.idempotencyKey, fingerprint, options) : null;
    if (existing) return { id: existing, isNew: false };
    throw new AppError("CONFLICT", "The ticket could not be created; try again");
  }
  const deadlines = await insertDeadlines(tx, created.id, plan.deadlines, now);
  if (related) await tx.insert(ticketLinks).values({ ticketId: related.id, relatedId: created.id, kind: "became", createdAt: now });
  await insertSealedEvent(tx, firstEvent);
  // The earlier ticket's row was locked by loadRelated: its head is fresh.
  if (related) await recordTicketEvent(tx, related.id, actor, "ticket.linked", { kind: "became", number }, now, { seq: related.chainSeq, hash: related.chainHash });
  if (applicant.phone) {
    await enqueueNotification(tx, protector, { ticketId: created.id, regionPath: region.path, phone: applicant.phone, template: "ticket_received", payload: { number, serviceType: input.serviceType }, now });
  }
  // Auto-dispatch (modules/dispatch) listens, whatever the channel. Whatever changes the
  // ticket locks it first (lockTicket), so an unchanged lock count means the row and
  // deadlines are still as written.
  const locksBefore = lockCount(tx, created.id);
  await ticketHooks.publish(tx, "ticket.created", { ticket: created, actor, now, protector });
  const isUnchanged = lockCount(tx, created.id) === locksBefore;
  return { id: created.id, isNew: true, ...(isUnchanged ? { created: { row: created, deadlines } } : {}) };
}

async function loadRelated(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update").limit(1);
  if (!row || !ticketPolicy.can(actor, "read", row)) throw new AppError("VALIDATION_FAILED", "No such earlier ticket in your region", { field: "relatedTicketId" });
  return row;
}

/**
 * Race-free: one counter row per (region, Beijing day), incremented in place.
 * Taken before the intake transaction (reserveTicketNumber), the statement is its
 * own transaction and commits without waiting for the WAL flush
 * (synchronous_commit off for it alone), so the row lock that every intake of the
 * county queues on is not held through a disk write. Safe: the intake that uses
 * the number commits durably later, which flushes the WAL up to and past the
 * counter's change; if a crash loses the counter's change it lost that intake too.
 */
async function reserveNumber(db: Db, regionCode: string, now: Date): Promise<string> {
  const date = beijingDate(now);
  const prefix = `${regionCode.slice(0, 6)}-${date}`;
  const result = await db.execute<{ last: number }>(sql`
    insert into ticket_number_counters (prefix, last)
    select ${prefix}, 1 from (select set_config('synchronous_commit', 'off', true)) as async_commit
    on conflict (prefix) do update set last = ticket_number_counters.last + 1
    returning last`);
  return ticketNumber(regionCode, date, Number(result.rows[0].last));
}

/** Race-free: one counter row per (region, Beijing day), incremented in place; its row lock lasts until commit. */
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
