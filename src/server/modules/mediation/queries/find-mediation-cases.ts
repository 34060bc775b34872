import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { findTicketEvents } from "../../tickets/queries/ticket-events.ts";
import { lookUpCitations } from "../../knowledge/queries/resolve-citations.ts";
import { mediationCases, mediationCommittees, type MediationCaseRow } from "../mediation.tables.ts";
import { mediationCaseAbilities, mediationCasePolicy, mediationCaseScope } from "../mediation.policy.ts";
import { MEDIATION_DEADLINE_STEPS, MEDIATION_RULES } from "../mediation.rules.ts";
import type { MediationCaseListQuery, MediationCaseView } from "../mediation.types.ts";

export async function getMediationCaseRow(tx: Tx, id: string, byTicket = false): Promise<MediationCaseRow | null> {
  const [row] = await tx.select().from(mediationCases).where(eq(byTicket ? mediationCases.ticketId : mediationCases.id, id)).limit(1);
  return row ?? null;
}

/** One case the actor may read (404 otherwise, so a case outside the scope does not show it exists). */
export async function loadMediationCase(tx: Tx, actor: Actor, id: string, now: Date, byTicket = false): Promise<MediationCaseView> {
  const row = await getMediationCaseRow(tx, id, byTicket);
  if (!row) throw notFound("Mediation case");
  mediationCasePolicy.authorize(actor, "read", { regionPath: row.regionPath, mediatorIds: row.mediatorIds });
  const [view] = await presentMediationCases(tx, actor, [row], now, true);
  return view;
}

/** The list: the same scope as `read` (a committee's region subtree; a mediator's own cases). */
export async function findMediationCases(tx: Tx, actor: Actor, query: MediationCaseListQuery, now: Date): Promise<{ items: MediationCaseView[]; total: number }> {
  const conditions: SQL[] = [mediationCaseScope(actor)];
  if (query.status) conditions.push(eq(mediationCases.status, query.status));
  const where = and(...conditions);
  const rows = await tx.select().from(mediationCases).where(where).orderBy(desc(mediationCases.updatedAt), desc(mediationCases.id)).limit(query.limit ?? 20).offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(mediationCases).where(where);
  return { items: await presentMediationCases(tx, actor, rows, now, false), total };
}

async function presentRules(tx: Tx) {
  const rules = Object.values(MEDIATION_RULES);
  const found = await lookUpCitations(tx, rules);
  return rules.map((rule, i) => ({ ...rule, lawId: found[i]?.lawId ?? null, anchor: found[i]?.anchor ?? null }));
}

export async function presentMediationCases(tx: Tx, actor: Actor, rows: MediationCaseRow[], now: Date, isDetailed: boolean): Promise<MediationCaseView[]> {
  if (rows.length === 0) return [];
  const tickets = new Map((await getTicketRows(tx, rows.map((r) => r.ticketId))).map((t) => [t.id, t]));
  const committees = new Map(
    (await tx.select().from(mediationCommittees).where(inArray(mediationCommittees.id, [...new Set(rows.map((r) => r.committeeId))]))).map((c) => [c.id, c]),
  );
  const regions = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  const rules = isDetailed ? await presentRules(tx) : undefined;
  const views: MediationCaseView[] = [];
  for (const row of rows) {
    const ticket = tickets.get(row.ticketId)!;
    const committee = committees.get(row.committeeId)!;
    const deadlines = MEDIATION_DEADLINE_STEPS.flatMap((step) => {
      const d = row.state.deadlines[step];
      return d ? [{ step, amount: d.amount, unit: "hours" as const, startedAt: d.startedAt, dueAt: d.dueAt, state: d.state, rule: "judicial_confirmation" }] : [];
    });
    const running = deadlines.filter((d) => d.state === "running").map((d) => d.dueAt).sort();
    const timeline = isDetailed
      ? (await findTicketEvents(tx, row.ticketId))
          .filter((e) => e.type.startsWith("mediation_case.") || e.type.startsWith("mediation_referral."))
          .map((e) => ({ at: e.at.toISOString(), type: e.type, actorName: e.actorName, data: e.data }))
      : undefined;
    views.push({
      id: row.id,
      ticketId: row.ticketId,
      ticket: { number: ticket.number, category: ticket.category, channel: ticket.channel, applicantName: ticket.applicantName, description: ticket.description },
      status: row.status,
      committee: { id: committee.id, name: committee.name, kind: committee.kind },
      region: { code: row.regionCode, name: regions.get(row.regionCode)?.name ?? row.regionCode },
      state: row.state as unknown as Record<string, unknown>,
      deadlines,
      nextDueAt: running[0] ?? null,
      isFree: true,
      ...(timeline ? { timeline } : {}),
      ...(rules ? { rules } : {}),
      abilities: mediationCaseAbilities(actor, { regionPath: row.regionPath, mediatorIds: row.mediatorIds }, row.state, now),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });
  }
  return views;
}
