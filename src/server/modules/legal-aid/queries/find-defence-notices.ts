import { and, count, desc, eq, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { UNREADABLE_MARKER } from "../../../platform/personal/protect.ts";
import { maskPersonName } from "../../../platform/personal/identity.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { lookUpCitations } from "../../knowledge/queries/resolve-citations.ts";
import { DUE_SOON_MS } from "../../tickets/ticket-rules.ts";
import { DEFENCE_GROUND_ARTICLES, DEFENCE_RULES, defenceDeadlineState, isLifeOrDeathGround, poolNeedOf } from "../assigned-defence.rules.ts";
import { defenceNotices, type DefenceNoticeRow } from "../defence-notices.tables.ts";
import { defenceNoticePolicy, defenceNoticeScope, seesPersonName } from "../defence-notices.policy.ts";
import type { DefenceNoticeListQuery, DefenceNoticeView } from "../defence-notices.types.ts";
import { findAidLawyers, type AidLawyer } from "./find-aid-lawyers.ts";

export async function getDefenceNoticeRow(tx: Tx, id: string): Promise<DefenceNoticeRow | null> {
  const [row] = await tx.select().from(defenceNotices).where(eq(defenceNotices.id, id)).limit(1);
  return row ?? null;
}

const recordOf = (row: DefenceNoticeRow) => ({ centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });

/** One notice the actor may read (404 otherwise). */
export async function loadDefenceNotice(tx: Tx, actor: Actor, id: string, now: Date, protector: Protector): Promise<DefenceNoticeView> {
  const row = await getDefenceNoticeRow(tx, id);
  if (!row) throw notFound("Defence notice");
  defenceNoticePolicy.authorize(actor, "read", recordOf(row));
  const [view] = await presentDefenceNotices(tx, actor, [row], now, protector);
  return view;
}

/**
 * The notices the actor may see (the same scope as `read`), the open ones nearest their
 * limit first (the earlier received first among equals), then the answered ones newest first. `isPressing`: open ones in their last 24 hours or past.
 */
export async function findDefenceNotices(tx: Tx, actor: Actor, query: DefenceNoticeListQuery, now: Date, protector: Protector): Promise<{ items: DefenceNoticeView[]; total: number }> {
  const conditions: SQL[] = [defenceNoticeScope(actor)];
  if (query.status) conditions.push(eq(defenceNotices.status, query.status));
  if (query.isPressing) conditions.push(ne(defenceNotices.status, "body_informed"), lte(defenceNotices.dueAt, new Date(now.getTime() + DUE_SOON_MS)));
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(defenceNotices)
    .where(where)
    .orderBy(
      sql`(${defenceNotices.status} = 'body_informed')`,
      sql`case when ${defenceNotices.status} <> 'body_informed' then ${defenceNotices.dueAt} end`,
      sql`case when ${defenceNotices.status} <> 'body_informed' then ${defenceNotices.receivedAt} end`,
      desc(defenceNotices.receivedAt),
      desc(defenceNotices.id),
    )
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(defenceNotices).where(where);
  return { items: await presentDefenceNotices(tx, actor, rows, now, protector), total };
}

/** The rules a notice view cites, with their place in the law reader. */
async function presentRules(tx: Tx) {
  const rules = [DEFENCE_RULES.notice, DEFENCE_RULES.compulsory_treatment, DEFENCE_RULES.assignment_within_3_days, DEFENCE_RULES.life_or_death_experience];
  const found = await lookUpCitations(tx, rules);
  return rules.map((rule, i) => ({ ...rule, lawId: found[i]?.lawId ?? null, anchor: found[i]?.anchor ?? null }));
}

export async function presentDefenceNotices(tx: Tx, actor: Actor, rows: DefenceNoticeRow[], now: Date, protector: Protector): Promise<DefenceNoticeView[]> {
  if (rows.length === 0) return [];
  const names = await findStaffNames(tx, rows.flatMap((r) => [r.lawyerId, r.assignedBy, r.bodyInformedBy]));
  const regions = await findRegionRefs(tx, rows.map((r) => r.centerRegionCode));
  const rules = await presentRules(tx);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return rows.map((row) => {
    const record = recordOf(row);
    const plain = protector.tryDecrypt(row.personNameEnc);
    const cited = rules.filter((r) =>
      r.key === "assignment_within_3_days" ||
      (r.key === "notice" && row.ground !== "compulsory_medical_treatment") ||
      (r.key === "compulsory_treatment" && row.ground === "compulsory_medical_treatment") ||
      (r.key === "life_or_death_experience" && isLifeOrDeathGround(row.ground)),
    );
    const abilities = defenceNoticePolicy.abilities(actor, record);
    return {
      id: row.id,
      body: row.body,
      bodyName: row.bodyName,
      documentNo: row.documentNo,
      receivedAt: row.receivedAt.toISOString(),
      ground: row.ground,
      groundArticle: DEFENCE_GROUND_ARTICLES[row.ground],
      caseStage: row.caseStage,
      personName: plain === null ? UNREADABLE_MARKER : seesPersonName(actor, record) ? plain : maskPersonName(plain),
      charge: row.charge,
      center: { code: row.centerRegionCode, name: regions.get(row.centerRegionCode)?.name ?? row.centerRegionCode },
      status: row.status,
      dueAt: row.dueAt.toISOString(),
      deadlineState: defenceDeadlineState(row, now),
      isLifeOrDeathCase: isLifeOrDeathGround(row.ground),
      lawyer: row.lawyerId ? { id: row.lawyerId, displayName: nameOf(row.lawyerId) ?? "" } : null,
      assignedAt: row.assignedAt?.toISOString() ?? null,
      assignedByName: nameOf(row.assignedBy),
      bodyInformedAt: row.bodyInformedAt?.toISOString() ?? null,
      bodyInformedByName: nameOf(row.bodyInformedBy),
      rules: cited,
      // What the actor may do now: who (the policy) and when (the status).
      abilities: {
        read: abilities.read,
        assign_lawyer: abilities.assign_lawyer && row.status !== "body_informed",
        inform_body: abilities.inform_body && row.status === "assigned",
      },
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/**
 * The center's pool for a notice: the rotation's suggestion first (a criminal lawyer; Art. 26's
 * three years for a life-or-death ground), then those who may not take it and why.
 */
export async function findDefenceNoticeLawyers(tx: Tx, row: DefenceNoticeRow, now: Date): Promise<AidLawyer[]> {
  const lawyers = await findAidLawyers(tx, row.centerRegionPath, poolNeedOf(row.ground), now);
  return lawyers.map((l) =>
    l.refusal === null && l.fields !== null && !l.fields.includes("criminal_defence") ? { ...l, refusal: "Not approved for criminal defence in the center's pool" } : l,
  );
}

/** Open notices past their limit not yet marked, for the scheduler; `last` (those it failed on lately) go last. */
export async function findDefenceNoticesToMarkOverdue(tx: Tx, now: Date, limit: number, last: readonly string[] = []): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(sql`
    select id from defence_notices
    where status <> 'body_informed' and overdue_at is null and due_at < ${now}
    order by id::text = any(${sql.param(last)}::text[]), due_at, id
    limit ${limit}`);
  return result.rows.map((r) => r.id);
}
