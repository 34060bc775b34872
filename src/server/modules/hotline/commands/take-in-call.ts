import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { checkCitations } from "../../knowledge/queries/resolve-citations.ts";
import { createTicket, requestFingerprint } from "../../tickets/commands/create-ticket.ts";
import { followCaseOnTicket } from "../../tickets/commands/follow-case-on-ticket.ts";
import type { CreateTicketInput } from "../../tickets/tickets.types.ts";
import { hotlineCallTickets, type CallTicketKind, type HotlineCallRow } from "../hotline.tables.ts";
import { deskCallPolicy } from "../hotline.policy.ts";
import type { CallConsultationInput, CallTicketInput } from "../hotline-desk-actions.types.ts";
import { getDeskCall } from "../queries/find-desk-call.ts";
import { getHotlineSource } from "../queries/find-hotline-sources.ts";

/** The numbers a ticket's applicant phone takes (tickets.types.ts): a mobile or a landline with its area code. */
const TICKET_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export type TakeInOptions = { protector: Protector; idempotencyKey?: string };
export type TakenIn = { ticketId: string; isNew: boolean };

/**
 * The intake's input for a call: channel hotline, the caller's number (opened here,
 * never sent to the browser) as the applicant's phone, the phone system's region
 * unless another is given. A number the intake cannot take (an extension, a
 * foreign number) is left out rather than refused: the call is still taken in.
 */
async function intakeInputOf(tx: Tx, call: HotlineCallRow, protector: Protector, fields: Omit<CreateTicketInput, "channel" | "regionCode" | "applicant"> & Pick<CallTicketInput, "regionCode" | "applicant">): Promise<CreateTicketInput> {
  const caller = call.callerEnc ? protector.tryDecrypt(call.callerEnc) : null;
  const phone = caller && TICKET_PHONE.test(caller) ? caller : undefined;
  const regionCode = fields.regionCode ?? (await getHotlineSource(tx, call.sourceId))!.regionCode;
  return { ...fields, channel: "hotline", regionCode, applicant: { ...fields.applicant, ...(phone ? { phone } : {}) } };
}

/**
 * Creates the ticket once per request: the key (the Idempotency-Key header, else
 * the request's own fingerprint) is the ticket's idempotency key under this call,
 * so the same request sent twice returns the ticket made the first time; the same
 * key with another request is 422 `IDEMPOTENCY_KEY_REUSED`. The link to the call
 * is stored with it, so the call's history shows the ticket.
 */
async function createLinkedTicket(
  tx: Tx,
  actor: Actor,
  call: HotlineCallRow,
  kind: CallTicketKind,
  request: unknown,
  input: CreateTicketInput,
  now: Date,
  options: TakeInOptions & { summary?: string; citations?: { lawTitle: string; articleNo: string }[] },
): Promise<TakenIn> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Tickets are taken in by staff");
  const fingerprint = requestFingerprint({ kind, call: call.id, request });
  const key = `hotline-call:${call.id}:${options.idempotencyKey ?? fingerprint}`;
  const created = await createTicket(tx, actor, input, now, { protector: options.protector, idempotencyKey: key, fingerprint });
  if (!created.isNew) return { ticketId: created.id, isNew: false };
  await tx
    .insert(hotlineCallTickets)
    .values({ callRef: call.id, ticketId: created.id, kind, summary: options.summary ?? null, citations: options.citations ?? [], idempotencyKey: key, createdBy: actor.id, createdAt: now })
    .onConflictDoNothing();
  return { ticketId: created.id, isNew: true };
}

/** 热线受理: a ticket taken in from the call, pre-filled with the caller's number (the call's operator). */
export async function takeTicketFromCall(tx: Tx, actor: Actor, callRef: string, input: CallTicketInput, now: Date, options: TakeInOptions): Promise<TakenIn> {
  const call = await getDeskCall(tx, callRef, { forUpdate: true });
  deskCallPolicy.authorize(actor, "takeIn", call);
  const { applicant, regionCode, ...rest } = input;
  const ticketInput = await intakeInputOf(tx, call, options.protector, { ...rest, regionCode, applicant });
  const taken = await createLinkedTicket(tx, actor, call, "intake", input, ticketInput, now, options);
  if (taken.isNew) {
    await recordAudit(tx, { actor, action: "hotline.call_ticket", entityType: "hotline_call", entityId: call.id, at: now, regionPath: call.regionPath, detail: { callId: call.callId, ticketId: taken.ticketId } });
  }
  return taken;
}

/**
 * 当场解答: a consultation answered on the call becomes a ticket taken in and
 * resolved at once, through the ticket's own state machine (accept → assign to the
 * region's unit → resolve, as a case built on a ticket moves it: followCaseOnTicket),
 * its resolution the summary followed by the articles cited. The citations are
 * checked against the laws first (400 naming `citations[i]`) and kept with the link.
 */
export async function resolveConsultationOnCall(tx: Tx, actor: Actor, callRef: string, input: CallConsultationInput, now: Date, options: TakeInOptions): Promise<TakenIn> {
  const call = await getDeskCall(tx, callRef, { forUpdate: true });
  deskCallPolicy.authorize(actor, "takeIn", call);
  const citations = await checkCitations(tx, input.citations);
  const ticketInput = await intakeInputOf(tx, call, options.protector, {
    serviceType: "consultation",
    category: input.category,
    regionCode: input.regionCode,
    applicant: input.applicant,
    description: input.description,
    ...(input.language ? { language: input.language } : {}),
  });
  const cited = citations.map((c) => `《${c.lawTitle}》${c.articleNo}`).join("、");
  const summary = cited ? `${input.summary}\n依据：${cited}` : input.summary;
  const taken = await createLinkedTicket(tx, actor, call, "consultation", input, ticketInput, now, { ...options, summary: input.summary, citations });
  if (!taken.isNew) return taken;
  await followCaseOnTicket(tx, actor, taken.ticketId, { kind: "resolve", unitRegionCode: ticketInput.regionCode, summary }, now, {
    protector: options.protector,
    caseEvent: "hotline.consultation",
    caseId: call.id,
  });
  await recordAudit(tx, {
    actor,
    action: "hotline.call_consultation",
    entityType: "hotline_call",
    entityId: call.id,
    at: now,
    regionPath: call.regionPath,
    detail: { callId: call.callId, ticketId: taken.ticketId, citations },
  });
  return taken;
}

