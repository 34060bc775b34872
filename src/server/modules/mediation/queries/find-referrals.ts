import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { mediationCases, mediationReferrals, type MediationReferralRow } from "../mediation.tables.ts";
import { referralPolicy, referralScope } from "../mediation.policy.ts";
import { allowedReferralStatuses } from "../referral.state.ts";
import type { ReferralListQuery, ReferralView } from "../mediation.types.ts";

export async function findReferrals(tx: Tx, actor: Actor, query: ReferralListQuery): Promise<{ items: ReferralView[]; total: number }> {
  const conditions: SQL[] = [referralScope(actor)];
  if (query.direction) conditions.push(eq(mediationReferrals.direction, query.direction));
  if (query.status) conditions.push(eq(mediationReferrals.status, query.status));
  if (query.caseId) conditions.push(eq(mediationReferrals.caseId, query.caseId));
  const where = and(...conditions);
  const rows = await tx.select().from(mediationReferrals).where(where).orderBy(desc(mediationReferrals.updatedAt), desc(mediationReferrals.id)).limit(query.limit ?? 20).offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(mediationReferrals).where(where);
  return { items: await presentReferrals(tx, actor, rows), total };
}

export async function loadReferral(tx: Tx, actor: Actor, id: string): Promise<ReferralView> {
  const [row] = await tx.select().from(mediationReferrals).where(eq(mediationReferrals.id, id)).limit(1);
  if (!row) throw notFound("Mediation referral");
  const [c] = await tx.select({ mediatorIds: mediationCases.mediatorIds }).from(mediationCases).where(eq(mediationCases.id, row.caseId)).limit(1);
  referralPolicy.authorize(actor, "read", { regionPath: row.regionPath, mediatorIds: c.mediatorIds });
  const [view] = await presentReferrals(tx, actor, [row]);
  return view;
}

async function presentReferrals(tx: Tx, actor: Actor, rows: MediationReferralRow[]): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const cases = new Map((await tx.select().from(mediationCases).where(inArray(mediationCases.id, rows.map((r) => r.caseId)))).map((c) => [c.id, c]));
  const tickets = new Map((await getTicketRows(tx, [...cases.values()].map((c) => c.ticketId))).map((t) => [t.id, t]));
  const regions = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((r) => {
    const c = cases.get(r.caseId)!;
    const record = { regionPath: r.regionPath, mediatorIds: c.mediatorIds };
    const abilities = referralPolicy.abilities(actor, record);
    return {
      id: r.id,
      direction: r.direction,
      partnerKind: r.partnerKind,
      partnerName: r.partnerName,
      partnerReference: r.partnerReference,
      reason: r.reason,
      status: r.status,
      receiptNumber: r.receiptNumber,
      receiptAt: r.receiptAt?.toISOString() ?? null,
      case: { id: c.id, ticketId: c.ticketId, number: tickets.get(c.ticketId)?.number ?? "", status: c.status },
      region: { code: r.regionCode, name: regions.get(r.regionCode)?.name ?? r.regionCode },
      history: r.history,
      nextStatuses: abilities.update ? [...allowedReferralStatuses(r.status)] : [],
      abilities: { read: abilities.read, update: abilities.update && allowedReferralStatuses(r.status).length > 0 },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
