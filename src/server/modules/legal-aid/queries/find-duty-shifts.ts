import { and, asc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { ROSTER_MAX_DAYS } from "../assigned-defence.rules.ts";
import { dutyLawyerShifts, type DutyShiftRow } from "../defence-notices.tables.ts";
import { dutyShiftPolicy, dutyShiftScope } from "../defence-notices.policy.ts";
import type { DutyShiftListQuery, DutyShiftView } from "../defence-notices.types.ts";
import { beijingToday } from "./find-aid-lawyer-pool.ts";

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The roster between two days (Beijing), by station and day: what the actor may read (dutyShiftScope). */
export async function findDutyShifts(tx: Tx, actor: Actor, query: DutyShiftListQuery): Promise<{ items: DutyShiftView[] }> {
  const span = daysBetween(query.from, query.to);
  if (span < 0) throw new AppError("VALIDATION_FAILED", "to is before from", { field: "to" });
  if (span > ROSTER_MAX_DAYS) throw new AppError("VALIDATION_FAILED", `At most ${ROSTER_MAX_DAYS} days at a time`, { field: "to" });
  const conditions: SQL[] = [dutyShiftScope(actor), gte(dutyLawyerShifts.dutyDate, query.from), lte(dutyLawyerShifts.dutyDate, query.to)];
  if (query.centerRegionCode) conditions.push(eq(dutyLawyerShifts.centerRegionCode, query.centerRegionCode));
  if (query.stationName) conditions.push(eq(dutyLawyerShifts.stationName, query.stationName));
  const rows = await tx
    .select()
    .from(dutyLawyerShifts)
    .where(and(...conditions))
    .orderBy(asc(dutyLawyerShifts.stationName), asc(dutyLawyerShifts.dutyDate), asc(dutyLawyerShifts.shift), asc(dutyLawyerShifts.id))
    .limit(2000);
  return { items: await presentDutyShifts(tx, actor, rows) };
}

/** Who is on duty today (Beijing) where the actor may look: the roster of one day. */
export async function findOnDutyToday(tx: Tx, actor: Actor, now: Date, centerRegionCode?: string): Promise<{ date: string; items: DutyShiftView[] }> {
  const date = beijingToday(now);
  return { date, ...(await findDutyShifts(tx, actor, { from: date, to: date, centerRegionCode })) };
}

async function presentDutyShifts(tx: Tx, actor: Actor, rows: DutyShiftRow[]): Promise<DutyShiftView[]> {
  const names = await findStaffNames(tx, rows.map((r) => r.lawyerId));
  const regions = await findRegionRefs(tx, rows.map((r) => r.centerRegionCode));
  return rows.map((r) => ({
    id: r.id,
    center: { code: r.centerRegionCode, name: regions.get(r.centerRegionCode)?.name ?? r.centerRegionCode },
    lawyer: { id: r.lawyerId, displayName: names.get(r.lawyerId) ?? "" },
    stationKind: r.stationKind,
    stationName: r.stationName,
    date: r.dutyDate,
    shift: r.shift,
    abilities: dutyShiftPolicy.abilities(actor, { centerRegionPath: r.centerRegionPath, lawyerId: r.lawyerId }),
  }));
}
