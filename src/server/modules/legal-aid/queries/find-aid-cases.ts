import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { findTicketEvents } from "../../tickets/queries/ticket-events.ts";
import { lookUpCitations } from "../../knowledge/queries/resolve-citations.ts";
import { aidCases, type AidCaseRow } from "../aid-cases.tables.ts";
import { aidCaseAbilities, aidCasePolicy, aidCaseScope } from "../aid-cases.policy.ts";
import { AID_DEADLINES, AID_DEADLINE_STEPS, AID_RULES, type AidRuleKey } from "../aid-case.rules.ts";
import type { AidCaseListQuery, AidCaseView } from "../aid-cases.types.ts";

export async function getAidCaseRow(tx: Tx, id: string): Promise<AidCaseRow | null> {
  const [row] = await tx.select().from(aidCases).where(eq(aidCases.id, id)).limit(1);
  return row ?? null;
}

export async function getAidCaseRowByTicket(tx: Tx, ticketId: string): Promise<AidCaseRow | null> {
  const [row] = await tx.select().from(aidCases).where(eq(aidCases.ticketId, ticketId)).limit(1);
  return row ?? null;
}

/** One case the actor may read (404 otherwise, so a case outside the scope does not show it exists). */
export async function loadAidCase(tx: Tx, actor: Actor, id: string | null, now: Date, byTicket?: string): Promise<AidCaseView> {
  const row = byTicket ? await getAidCaseRowByTicket(tx, byTicket) : await getAidCaseRow(tx, id!);
  if (!row) throw notFound("Legal aid case");
  aidCasePolicy.authorize(actor, "read", { regionPath: row.regionPath, centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });
  const [view] = await presentAidCases(tx, actor, [row], now, true);
  return view;
}

/** The list: the same scope as `read` (a county's reviewers their county, a township's staff their township, a lawyer their cases). */
export async function findAidCases(tx: Tx, actor: Actor, query: AidCaseListQuery, now: Date): Promise<{ items: AidCaseView[]; total: number }> {
  const conditions: SQL[] = [aidCaseScope(actor)];
  if (query.status) conditions.push(eq(aidCases.status, query.status));
  const where = and(...conditions);
  const rows = await tx.select().from(aidCases).where(where).orderBy(desc(aidCases.updatedAt), desc(aidCases.id)).limit(query.limit ?? 20).offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(aidCases).where(where);
  return { items: await presentAidCases(tx, actor, rows, now, false), total };
}

const RULE_OF_STEP: Record<(typeof AID_DEADLINE_STEPS)[number], AidRuleKey> = {
  aid_decision: AID_DEADLINES.aid_decision.rule,
  aid_assignment: AID_DEADLINES.aid_assignment.rule,
  aid_objection: AID_DEADLINES.aid_objection.rule,
  aid_materials: "materials_one_notice",
};

/** Every rule with the article's place in the law reader, resolved once per answer. */
async function presentRules(tx: Tx) {
  const rules = Object.values(AID_RULES);
  const found = await lookUpCitations(tx, rules);
  return rules.map((rule, i) => ({ ...rule, lawId: found[i]?.lawId ?? null, anchor: found[i]?.anchor ?? null }));
}

export async function presentAidCases(tx: Tx, actor: Actor, rows: AidCaseRow[], now: Date, isDetailed: boolean): Promise<AidCaseView[]> {
  const tickets = new Map((await getTicketRows(tx, rows.map((r) => r.ticketId))).map((t) => [t.id, t]));
  const regions = await findRegionRefs(tx, rows.flatMap((r) => [r.regionCode, r.centerRegionCode, r.stationRegionCode]));
  const ref = (code: string) => ({ code, name: regions.get(code)?.name ?? code });
  const rules = isDetailed ? await presentRules(tx) : undefined;
  const views: AidCaseView[] = [];
  for (const row of rows) {
    const ticket = tickets.get(row.ticketId)!;
    const deadlines = AID_DEADLINE_STEPS.flatMap((step) => {
      const d = row.state.deadlines[step];
      return d ? [{ step, amount: d.amount, unit: "working_days" as const, startedAt: d.startedAt, dueAt: d.dueAt, state: d.state, rule: RULE_OF_STEP[step] }] : [];
    });
    const running = deadlines.filter((d) => d.state === "running").map((d) => d.dueAt).sort();
    const timeline = isDetailed
      ? (await findTicketEvents(tx, row.ticketId))
          .filter((e) => e.type.startsWith("aid_case."))
          .map((e) => ({ at: e.at.toISOString(), type: e.type, actorName: e.actorName, data: e.data }))
      : undefined;
    views.push({
      id: row.id,
      ticketId: row.ticketId,
      ticket: { number: ticket.number, category: ticket.category, channel: ticket.channel, applicantName: ticket.applicantName, description: ticket.description },
      status: row.status,
      region: ref(row.regionCode),
      center: ref(row.centerRegionCode),
      station: row.stationRegionCode ? ref(row.stationRegionCode) : null,
      state: row.state as unknown as Record<string, unknown>,
      deadlines,
      nextDueAt: running[0] ?? null,
      ...(timeline ? { timeline } : {}),
      ...(rules ? { rules } : {}),
      abilities: aidCaseAbilities(actor, { regionPath: row.regionPath, centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId }, row.state, now),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });
  }
  return views;
}

/**
 * Cases whose one-time notice ran out unanswered (Art. 43 ¶2: treated as withdrawn),
 * for the scheduler; `last` (those it failed on lately) go last.
 */
export async function findAidCasesToLapse(tx: Tx, now: Date, limit: number, last: readonly string[] = []): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(sql`
    select id from aid_cases
    where status = 'materials_pending' and (state -> 'materials' ->> 'dueAt')::timestamptz < ${now}
    order by id::text = any(${sql.param(last)}::text[]), id
    limit ${limit}`);
  return result.rows.map((r) => r.id);
}
