import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffByIds, findStaffNames } from "../../accounts/queries/find-staff.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { hotlineCallNotes, hotlineCalls, hotlineCallTickets, hotlineSeats, hotlineTransferRequests, type HotlineCallRow } from "../hotline.tables.ts";
import { deskCallPolicy } from "../hotline.policy.ts";
import { operatorsConcerned } from "./desk-calls.ts";
import type { CallNoteView, CallTicketLinkView } from "../hotline-desk-actions.types.ts";

export type DeskCallRow = HotlineCallRow & { concernedOperatorIds: string[] };

/**
 * A call by its record id, with the operators it concerns (the same as its live pushes
 * and pop-up), locked when it is about to change; 404 when there is none (the policy
 * then decides who sees it).
 */
export async function getDeskCall(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<DeskCallRow> {
  const query = tx.select().from(hotlineCalls).where(eq(hotlineCalls.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Call");
  return { ...row, concernedOperatorIds: await operatorsConcerned(tx, row, []) };
}

export async function findCallNotes(tx: Tx, callRef: string): Promise<CallNoteView[]> {
  const rows = await tx.select().from(hotlineCallNotes).where(eq(hotlineCallNotes.callRef, callRef)).orderBy(asc(hotlineCallNotes.seq));
  const names = await findStaffNames(tx, rows.map((r) => r.authorId));
  return rows.map((r) => ({ id: r.id, text: r.text, author: { id: r.authorId, displayName: names.get(r.authorId) ?? "" }, createdAt: r.createdAt.toISOString() }));
}

/** The tickets taken in or resolved on these calls, for the desk and the caller's history. */
export async function findCallTickets(tx: Tx, callRefs: readonly string[]): Promise<(CallTicketLinkView & { callRef: string })[]> {
  if (callRefs.length === 0) return [];
  const links = await tx.select().from(hotlineCallTickets).where(inArray(hotlineCallTickets.callRef, [...callRefs])).orderBy(asc(hotlineCallTickets.createdAt));
  const tickets = new Map((await getTicketRows(tx, links.map((l) => l.ticketId))).map((t) => [t.id, t]));
  return links.flatMap((link) => {
    const t = tickets.get(link.ticketId);
    if (!t) return [];
    return [
      {
        callRef: link.callRef,
        kind: link.kind,
        ticket: { id: t.id, number: t.number, status: t.status, serviceType: t.serviceType, category: t.category },
        summary: link.summary,
        citations: link.citations,
        createdAt: link.createdAt.toISOString(),
      },
    ];
  });
}

/**
 * The seats a call can be transferred to: the seats of its phone system held by an
 * active lawyer (duty lawyers take transferred calls), other than the call's own.
 * A duty roster will narrow this to those on duty (issue 11, part 3).
 */
export async function findLawyerSeats(tx: Tx, call: Pick<HotlineCallRow, "sourceId" | "seat">) {
  const seats = await tx.select().from(hotlineSeats).where(eq(hotlineSeats.sourceId, call.sourceId)).orderBy(asc(hotlineSeats.extension));
  const staff = await findStaffByIds(tx, seats.map((s) => s.operatorId));
  return seats.flatMap((seat) => {
    const holder = seat.operatorId ? staff.get(seat.operatorId) : undefined;
    if (!holder || holder.isDisabled || !holder.roles.includes("lawyer") || seat.extension === call.seat || !holder.regionPath.startsWith(seat.regionPath)) return [];
    return [{ id: seat.id, extension: seat.extension, name: seat.name, lawyer: { id: holder.id, displayName: holder.displayName } }];
  });
}

export async function findTransferRequests(tx: Tx, callRef: string) {
  const rows = await tx.select().from(hotlineTransferRequests).where(eq(hotlineTransferRequests.callRef, callRef)).orderBy(asc(hotlineTransferRequests.requestedAt));
  return rows.map((r) => ({ id: r.id, seat: { id: r.seatId, extension: r.extension }, requestedAt: r.requestedAt.toISOString() }));
}

/** The desk's view of a call: what the actor may do with it, its notes, tickets and transfers asked for. */
export async function presentCallActions(tx: Tx, actor: Actor, call: DeskCallRow) {
  return {
    id: call.id,
    callId: call.callId,
    abilities: deskCallPolicy.abilities(actor, call),
    notes: await findCallNotes(tx, call.id),
    tickets: (await findCallTickets(tx, [call.id])).map(({ callRef: _, ...link }) => link),
    transfers: await findTransferRequests(tx, call.id),
  };
}

/** A seat of the call's phone system, for a transfer. */
export async function findSeatOfSource(tx: Tx, sourceId: string, seatId: string) {
  const [row] = await tx.select().from(hotlineSeats).where(and(eq(hotlineSeats.id, seatId), eq(hotlineSeats.sourceId, sourceId))).limit(1);
  return row ?? null;
}
