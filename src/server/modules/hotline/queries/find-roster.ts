import { and, asc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { regionPathOf } from "../../regions/queries/find-regions.ts";
import { getVenue } from "../../venues/queries/find-venues.ts";
import { hotlineCoverageRules, hotlineSeats, hotlineShifts, type HotlineShiftRow } from "../hotline.tables.ts";
import { shiftPolicy, shiftScope } from "../hotline.policy.ts";
import { findGaps, ROSTER_MAX_DAYS, SHIFT_ROLES, startOfBeijingDay, type ShiftRole } from "../hotline-roster.rules.ts";
import type { GapView, ShiftView } from "../hotline-roster.types.ts";

const DAY_MS = 86_400_000;
/** Without a rule, the 12348 line needs one operator at every moment and no duty lawyer. */
export const DEFAULT_COVERAGE: Record<ShiftRole, number> = { operator: 1, duty_lawyer: 0 };

/** The region the actor asks about, which they must be able to read the roster of. */
export async function rosterRegion(tx: Tx, actor: Actor, regionCode: string): Promise<{ code: string; path: string }> {
  const path = await regionPathOf(tx, regionCode);
  if (!path) throw new AppError("VALIDATION_FAILED", "No region with this code", { field: "regionCode" });
  shiftPolicy.authorize(actor, "read", { regionPath: path });
  return { code: regionCode, path };
}

/** A period of Beijing days as instants [from 00:00, the day after `to` 00:00). */
export function beijingPeriod(from: string, to: string): { from: Date; to: Date } {
  const start = startOfBeijingDay(from);
  const end = new Date(startOfBeijingDay(to).getTime() + DAY_MS);
  if (end.getTime() <= start.getTime()) throw new AppError("VALIDATION_FAILED", "to is before from", { field: "to" });
  if (end.getTime() - start.getTime() > ROSTER_MAX_DAYS * DAY_MS) throw new AppError("VALIDATION_FAILED", `At most ${ROSTER_MAX_DAYS} days at a time`, { field: "to" });
  return { from: start, to: end };
}

const underPath = (path: string): SQL => sql`${hotlineShifts.regionPath} like ${`${escapeLike(path)}%`}`;

/** Shifts in the region (or below) that run at some moment of [from, to), in the actor's scope. */
export async function findShifts(tx: Tx, actor: Actor, regionPath: string, from: Date, to: Date, options: { accountId?: string; atSeatsOnly?: boolean } = {}): Promise<HotlineShiftRow[]> {
  return tx
    .select()
    .from(hotlineShifts)
    .where(
      and(
        shiftScope(actor, hotlineShifts.regionPath),
        underPath(regionPath),
        lt(hotlineShifts.startsAt, to),
        gt(hotlineShifts.endsAt, from),
        options.accountId ? eq(hotlineShifts.accountId, options.accountId) : undefined,
        options.atSeatsOnly ? sql`${hotlineShifts.seatId} is not null` : undefined,
      ),
    )
    .orderBy(asc(hotlineShifts.startsAt), asc(hotlineShifts.id))
    .limit(5000);
}

export async function getShift(tx: Tx, id: string): Promise<HotlineShiftRow | null> {
  const [row] = await tx.select().from(hotlineShifts).where(eq(hotlineShifts.id, id)).limit(1);
  return row ?? null;
}

export async function presentShifts(tx: Tx, actor: Actor, rows: HotlineShiftRow[]): Promise<ShiftView[]> {
  const names = await findStaffNames(tx, rows.map((r) => r.accountId));
  const seatIds = [...new Set(rows.flatMap((r) => (r.seatId ? [r.seatId] : [])))];
  const seats = seatIds.length === 0 ? [] : await tx.select().from(hotlineSeats).where(inArray(hotlineSeats.id, seatIds));
  const seatNames = new Map(seats.map((s) => [s.id, `${s.extension} ${s.name}`]));
  const venueNames = new Map<string, string>();
  // One after another: inside a transaction these share one connection.
  for (const venueId of new Set(rows.flatMap((r) => (r.venueId ? [r.venueId] : [])))) venueNames.set(venueId, (await getVenue(tx, venueId))?.venue.name ?? "");
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.accountId, displayName: names.get(r.accountId) ?? "" },
    role: r.role,
    place: r.seatId ? { kind: "seat" as const, id: r.seatId, name: seatNames.get(r.seatId) ?? "" } : { kind: "venue" as const, id: r.venueId!, name: venueNames.get(r.venueId!) ?? "" },
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    isMine: actor.id === r.accountId,
    abilities: shiftPolicy.abilities(actor, r),
  }));
}

/** The people each role needs on shift in a region's 12348 line. */
export async function coverageOf(tx: Tx, regionCode: string): Promise<Record<ShiftRole, number>> {
  const rows = await tx.select().from(hotlineCoverageRules).where(eq(hotlineCoverageRules.regionCode, regionCode));
  const coverage = { ...DEFAULT_COVERAGE };
  for (const row of rows) coverage[row.role] = row.minCount;
  return coverage;
}

/**
 * Where the region's 12348 line is not covered in [from, to): per role, the intervals with fewer
 * people on shift at its seats (or below) than the coverage rule needs. Shifts at venues staff a
 * venue's window, not the line, and do not count. Read without the actor's scope: a gap is a gap
 * whoever looks (the caller has checked the actor may read the region).
 */
export async function findRosterGaps(tx: Tx, region: { code: string; path: string }, from: Date, to: Date): Promise<GapView[]> {
  const coverage = await coverageOf(tx, region.code);
  const shifts = await tx
    .select({ role: hotlineShifts.role, startsAt: hotlineShifts.startsAt, endsAt: hotlineShifts.endsAt })
    .from(hotlineShifts)
    .where(and(underPath(region.path), sql`${hotlineShifts.seatId} is not null`, lt(hotlineShifts.startsAt, to), gt(hotlineShifts.endsAt, from)));
  return SHIFT_ROLES.flatMap((role) =>
    findGaps(shifts.filter((s) => s.role === role), from, to, coverage[role]).map((gap) => ({
      role,
      required: coverage[role],
      staffed: gap.staffed,
      startsAt: gap.startsAt.toISOString(),
      endsAt: gap.endsAt.toISOString(),
    })),
  );
}
