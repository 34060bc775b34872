import { and, desc, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { tickets } from "../tickets.tables.ts";
import { ticketScope } from "../tickets.policy.ts";
import type { TicketStatus } from "../tickets.state.ts";

/** A ticket as a caller's history lists it: no applicant data, a short summary of the matter. */
export type PhoneTicketView = { id: string; number: string; status: TicketStatus; serviceType: string; category: string; createdAt: string; summary: string };

const SUMMARY_LENGTH = 80;

/**
 * The tickets whose applicant gave this phone, newest first, within the actor's
 * ticket scope (the same rule as the detail page). `lookupHashes` are the phone's
 * hashes under every key of the keyring (protector.lookupHashes), so one indexed
 * query (tickets_phone) finds them whichever key sealed them. Callers decide
 * whether the actor may look a number up (the hotline pop-up: the call's operator).
 */
export async function findTicketsByPhone(tx: Tx, actor: Actor, lookupHashes: string[], limit: number): Promise<PhoneTicketView[]> {
  if (lookupHashes.length === 0) return [];
  const rows = await tx
    .select({ id: tickets.id, number: tickets.number, status: tickets.status, serviceType: tickets.serviceType, category: tickets.category, createdAt: tickets.createdAt, description: tickets.description })
    .from(tickets)
    .where(and(inArray(tickets.applicantPhoneHash, lookupHashes), ticketScope(actor)))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    serviceType: r.serviceType,
    category: r.category,
    createdAt: r.createdAt.toISOString(),
    summary: r.description.length > SUMMARY_LENGTH ? `${r.description.slice(0, SUMMARY_LENGTH - 1)}…` : r.description,
  }));
}
