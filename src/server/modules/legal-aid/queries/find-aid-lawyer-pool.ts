import { and, asc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import { formatBeijingDateTime } from "../../../platform/beijing-time.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findActiveStaffUnder, findStaffByIds, findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { aidCases } from "../aid-cases.tables.ts";
import { aidLawyerEvents, aidLawyers, type AidLawyerRow } from "../aid-lawyers.tables.ts";
import { defenceNotices } from "../defence-notices.tables.ts";
import { aidLawyerPolicy, aidLawyerScope } from "../aid-lawyers.policy.ts";
import { yearsOfPractice, type PoolCandidate } from "../aid-lawyers.rules.ts";
import type { AidLawyerListQuery, PoolLawyerView } from "../aid-lawyers.types.ts";

/** A case still on a lawyer's desk: assigned and not yet closed, ended or archived. */
export const FINISHED_CASE_STATUSES = ["closed", "quality_reviewed", "archived", "terminated", "refused", "withdrawn"] as const;

/** The Beijing day of an instant, YYYY-MM-DD: what Art. 26's years are counted on. */
export const beijingToday = (now: Date) => formatBeijingDateTime(now).slice(0, 10);

export type PoolEntry = PoolCandidate & Omit<PoolLawyerView, "history" | "abilities"> & { centerRegionPath: string };

/**
 * The pool entries that `where` picks, with what the center weighs when it assigns:
 * open cases now (workload), when last assigned — a case or an assigned defence (rotation), and the mean quality-review
 * score of their reviewed cases (rating) — read from the cases, never stored twice.
 */
export async function findPoolEntries(tx: Tx, where: SQL | undefined, now: Date, page?: { limit: number; offset: number }): Promise<PoolEntry[]> {
  const base = tx.select().from(aidLawyers).where(where).orderBy(asc(aidLawyers.approvedAt), asc(aidLawyers.id));
  const rows: AidLawyerRow[] = page ? await base.limit(page.limit).offset(page.offset) : await base;
  if (rows.length === 0) return [];
  const accountIds = [...new Set(rows.map((r) => r.accountId))];
  const [staff, stats] = [
    await findStaffByIds(tx, accountIds),
    await tx
      .select({
        lawyerId: aidCases.lawyerId,
        open: sql<number>`count(*) filter (where ${notInArray(aidCases.status, [...FINISHED_CASE_STATUSES])})`.mapWith(Number),
        lastAssignedAt: sql<string | null>`max(${aidCases.state} -> 'lawyer' ->> 'assignedAt')`,
        rating: sql<string | null>`avg((${aidCases.state} -> 'quality' ->> 'score')::numeric)`,
        rated: sql<number>`count(${aidCases.state} -> 'quality' ->> 'score')`.mapWith(Number),
      })
      .from(aidCases)
      .where(inArray(aidCases.lawyerId, accountIds))
      .groupBy(aidCases.lawyerId),
  ];
  // Assigned defences (通知辩护) take their turn in the rotation too.
  const defences = await tx
    .select({ lawyerId: defenceNotices.lawyerId, lastAssignedAt: sql<string | null>`max(${defenceNotices.assignedAt})` })
    .from(defenceNotices)
    .where(inArray(defenceNotices.lawyerId, accountIds))
    .groupBy(defenceNotices.lawyerId);
  const lastDefenceOf = new Map(defences.map((d) => [d.lawyerId, d.lastAssignedAt ? new Date(d.lastAssignedAt).toISOString() : null]));
  const regions = await findRegionRefs(tx, [...rows.map((r) => r.centerRegionCode), ...[...staff.values()].map((s) => s.regionCode)]);
  const ref = (code: string) => ({ code, name: regions.get(code)?.name ?? code });
  const statOf = new Map(stats.map((s) => [s.lawyerId, s]));
  const today = beijingToday(now);
  return rows.map((r) => {
    const s = statOf.get(r.accountId);
    const account = staff.get(r.accountId);
    return {
      id: r.id,
      accountId: r.accountId,
      displayName: account?.displayName ?? "",
      region: ref(account?.regionCode ?? r.centerRegionCode),
      center: ref(r.centerRegionCode),
      centerRegionPath: r.centerRegionPath,
      fields: r.fields,
      practiceSince: r.practiceSince,
      yearsOfPractice: yearsOfPractice(r.practiceSince, today),
      licenseNo: r.licenseNo,
      // A lawyer whose account was disabled cannot take work, whatever the pool says.
      status: account && !account.isDisabled ? r.status : r.status === "approved" ? "suspended" : r.status,
      statusReason: account && !account.isDisabled ? r.statusReason : (r.statusReason ?? "account disabled"),
      activeCases: s?.open ?? 0,
      lastAssignedAt: latest(s?.lastAssignedAt ? new Date(s.lastAssignedAt).toISOString() : null, lastDefenceOf.get(r.accountId) ?? null),
      rating: s?.rating == null ? null : Math.round(Number(s.rating) * 10) / 10,
      ratedCases: s?.rated ?? 0,
      approvedAt: r.approvedAt.toISOString(),
    };
  });
}

const latest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** The pool of one center (the cases' `centerRegionPath`). */
export const findCenterPool = (tx: Tx, centerRegionPath: string, now: Date) => findPoolEntries(tx, eq(aidLawyers.centerRegionPath, centerRegionPath), now);

/** Has this center approved anyone yet? Until it has, assignments fall back to its lawyer accounts. */
export async function hasCenterPool(tx: Tx, centerRegionPath: string): Promise<boolean> {
  const [row] = await tx.select({ id: aidLawyers.id }).from(aidLawyers).where(eq(aidLawyers.centerRegionPath, centerRegionPath)).limit(1);
  return Boolean(row);
}

const abilitiesOf = (actor: Actor, r: { centerRegionPath: string }) => aidLawyerPolicy.abilities(actor, r);

/** The pool entries the actor may see (the center's reviewers and leaders: their county's; supervisors read). */
export async function findPoolLawyers(tx: Tx, actor: Actor, query: AidLawyerListQuery, now: Date): Promise<{ items: PoolLawyerView[]; total: number }> {
  const conditions: SQL[] = [aidLawyerScope(actor)];
  if (query.centerRegionCode) conditions.push(eq(aidLawyers.centerRegionCode, query.centerRegionCode));
  if (query.status) conditions.push(eq(aidLawyers.status, query.status));
  if (query.field) conditions.push(sql`${query.field} = any(${aidLawyers.fields})`);
  const where = and(...conditions);
  const entries = await findPoolEntries(tx, where, now, { limit: query.limit ?? 100, offset: query.offset ?? 0 });
  const [{ total }] = await tx.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(aidLawyers).where(where);
  return { items: entries.map((e) => ({ ...e, abilities: abilitiesOf(actor, e) })), total };
}

export async function getAidLawyerRow(tx: Tx, id: string): Promise<AidLawyerRow | null> {
  const [row] = await tx.select().from(aidLawyers).where(eq(aidLawyers.id, id)).limit(1);
  return row ?? null;
}

/** One pool entry with its history (404 outside the actor's scope). */
export async function loadPoolLawyer(tx: Tx, actor: Actor, id: string, now: Date): Promise<PoolLawyerView> {
  const row = await getAidLawyerRow(tx, id);
  if (!row) throw notFound("Aid lawyer");
  aidLawyerPolicy.authorize(actor, "read", row);
  const [entry] = await findPoolEntries(tx, eq(aidLawyers.id, id), now);
  const events = await tx.select().from(aidLawyerEvents).where(eq(aidLawyerEvents.aidLawyerId, id)).orderBy(asc(aidLawyerEvents.seq));
  const names = await findStaffNames(tx, events.map((e) => e.actorId));
  return {
    ...entry,
    history: events.map((e) => ({ type: e.type, reason: e.reason, detail: e.detail, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, at: e.at.toISOString() })),
    abilities: abilitiesOf(actor, row),
  };
}

/**
 * The lawyer accounts of a center's county that are not in its pool (or were removed):
 * whom the center can approve. The pool itself may hold lawyers from elsewhere too
 * (approved by account id).
 */
export async function findPoolCandidates(tx: Tx, centerRegionPath: string): Promise<{ accountId: string; displayName: string; region: { code: string; name: string } }[]> {
  const accounts = await findActiveStaffUnder(tx, centerRegionPath, ["lawyer"]);
  const inPool = new Set(
    (await tx.select({ accountId: aidLawyers.accountId }).from(aidLawyers).where(and(eq(aidLawyers.centerRegionPath, centerRegionPath), notInArray(aidLawyers.status, ["removed"])))).map((r) => r.accountId),
  );
  const left = accounts.filter((a) => !inPool.has(a.id));
  const [names, regions] = [await findStaffNames(tx, left.map((a) => a.id)), await findRegionRefs(tx, left.map((a) => a.regionCode))];
  return left
    .map((a) => ({ accountId: a.id, displayName: names.get(a.id) ?? "", region: { code: a.regionCode, name: regions.get(a.regionCode)?.name ?? a.regionCode } }))
    .sort((x, y) => x.displayName.localeCompare(y.displayName, "zh-CN"));
}
