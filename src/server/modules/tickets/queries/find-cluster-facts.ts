import { and, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { tickets } from "../tickets.tables.ts";

/**
 * What early warning (modules/early-warning) reads of tickets: no personal data.
 * The applicant is the hash of their ID number, else of their phone (the same
 * hashes the lookups use), else null; the counterparty its name only (never its
 * phone). Merged duplicates are left out, so one request counts once.
 */
export type ClusterFactRow = {
  id: string;
  createdAt: Date;
  regionCode: string;
  regionPath: string;
  category: string;
  serviceType: string;
  channel: string;
  counterpartyName: string | null;
  applicantHash: string | null;
};

/** Tickets created in (from, to], oldest first. */
export async function findClusterFacts(tx: Tx, from: Date, to: Date): Promise<ClusterFactRow[]> {
  return tx
    .select({
      id: tickets.id,
      createdAt: tickets.createdAt,
      regionCode: tickets.regionCode,
      regionPath: tickets.regionPath,
      category: tickets.category,
      serviceType: tickets.serviceType,
      channel: tickets.channel,
      counterpartyName: sql<string | null>`${tickets.counterparty}->>'name'`,
      applicantHash: sql<string | null>`coalesce(${tickets.applicantIdHash}, ${tickets.applicantPhoneHash})`,
    })
    .from(tickets)
    .where(and(gt(tickets.createdAt, from), lte(tickets.createdAt, to), isNull(tickets.mergedIntoId)))
    .orderBy(tickets.createdAt, tickets.id);
}

/** The tickets behind an alert as its detail shows them: number, category, region, when, and the applicant's name (masked by the caller). */
export async function findTicketHeadlines(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: tickets.id,
      number: tickets.number,
      category: tickets.category,
      serviceType: tickets.serviceType,
      channel: tickets.channel,
      status: tickets.status,
      regionCode: tickets.regionCode,
      regionPath: tickets.regionPath,
      applicantName: tickets.applicantName,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(inArray(tickets.id, [...ids]))
    .orderBy(tickets.createdAt, tickets.id);
}
