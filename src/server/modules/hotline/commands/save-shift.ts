import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { getVenue } from "../../venues/queries/find-venues.ts";
import { hotlineSeats, hotlineShifts, type HotlineShiftRow } from "../hotline.tables.ts";
import { seatPolicy, shiftPolicy } from "../hotline.policy.ts";
import { ACCOUNT_ROLE_OF_SHIFT, shiftTimesProblem, type ShiftRole } from "../hotline-roster.rules.ts";
import type { CreateShiftInput, UpdateShiftInput } from "../hotline-roster.types.ts";

const beijing = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });

/** The seat or venue a shift is at, and its region: one of the two, in the actor's view. */
export async function resolvePlace(tx: Tx, actor: Actor, input: { seatId?: string; venueId?: string }): Promise<{ seatId: string | null; venueId: string | null; regionPath: string }> {
  if (Boolean(input.seatId) === Boolean(input.venueId)) throw new AppError("VALIDATION_FAILED", "A shift is at a seat or at a venue: give exactly one of seatId and venueId", { field: "seatId" });
  if (input.seatId) {
    const [seat] = await tx.select().from(hotlineSeats).where(eq(hotlineSeats.id, input.seatId)).limit(1);
    if (!seat || !seatPolicy.can(actor, "read", seat)) throw new AppError("VALIDATION_FAILED", "No seat with this id in your region", { field: "seatId" });
    return { seatId: seat.id, venueId: null, regionPath: seat.regionPath };
  }
  const venue = await getVenue(tx, input.venueId!);
  if (!venue || !shiftPolicy.can(actor, "read", { regionPath: venue.regionPath })) throw new AppError("VALIDATION_FAILED", "No venue with this id in your region", { field: "venueId" });
  return { seatId: null, venueId: venue.venue.id, regionPath: venue.regionPath };
}

/**
 * The person on a shift: an active account holding the shift's role (operator; a lawyer for duty_lawyer),
 * on the place's branch of the tree — bound to its region or below it, or a county's lawyer at one of
 * the county's venues (their scope covers the place).
 */
async function checkPerson(tx: Tx, accountId: string, role: ShiftRole, regionPath: string): Promise<void> {
  const person = (await findStaffByIds(tx, [accountId])).get(accountId);
  const isOnBranch = person && (person.regionPath.startsWith(regionPath) || regionPath.startsWith(person.regionPath));
  if (!person || person.isDisabled || !isOnBranch) throw new AppError("VALIDATION_FAILED", "No active staff with this id in the region of the seat or venue", { field: "accountId" });
  if (!person.roles.includes(ACCOUNT_ROLE_OF_SHIFT[role])) throw new AppError("VALIDATION_FAILED", `A ${role} shift needs an account with the ${ACCOUNT_ROLE_OF_SHIFT[role]} role`, { field: "role" });
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  const problem = shiftTimesProblem(startsAt, endsAt);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
}

/**
 * One person is never on two shifts at once. The person's shifts are serialised by a
 * transaction-scoped advisory lock, so two overlapping shifts saved at the same moment
 * cannot both pass the check.
 */
async function checkNoOverlap(tx: Tx, accountId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`hotline_shift:${accountId}`}, 0))`);
  const [other] = await tx
    .select({ startsAt: hotlineShifts.startsAt, endsAt: hotlineShifts.endsAt })
    .from(hotlineShifts)
    .where(and(eq(hotlineShifts.accountId, accountId), lt(hotlineShifts.startsAt, endsAt), gt(hotlineShifts.endsAt, startsAt), exceptId ? ne(hotlineShifts.id, exceptId) : undefined))
    .limit(1);
  if (other) {
    throw new AppError("CONFLICT", `This person is already on a shift from ${beijing.format(other.startsAt)} to ${beijing.format(other.endsAt)} (Beijing time)`, {
      field: "startsAt",
      // The shift in the way, so a screen can say it in its own language.
      extra: { conflictStartsAt: other.startsAt.toISOString(), conflictEndsAt: other.endsAt.toISOString() },
    });
  }
}

const auditDetail = (row: HotlineShiftRow) => ({ accountId: row.accountId, role: row.role, seatId: row.seatId, venueId: row.venueId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() });

/** Puts a person on a shift (admins and supervisors of the place's region). */
export async function createShift(tx: Tx, actor: Actor, input: CreateShiftInput, now: Date): Promise<HotlineShiftRow> {
  const place = await resolvePlace(tx, actor, input);
  shiftPolicy.authorize(actor, "manage", place);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  await checkPerson(tx, input.accountId, input.role, place.regionPath);
  await checkNoOverlap(tx, input.accountId, startsAt, endsAt);
  const [row] = await tx
    .insert(hotlineShifts)
    .values({ accountId: input.accountId, role: input.role, ...place, startsAt, endsAt, createdBy: actor.id, createdAt: now, updatedAt: now })
    .returning();
  await recordAudit(tx, { actor, action: "hotline.shift_create", entityType: "hotline_shift", entityId: row.id, at: now, regionPath: row.regionPath, detail: auditDetail(row) });
  return row;
}

async function lockShift(tx: Tx, actor: Actor, shiftId: string): Promise<HotlineShiftRow> {
  const [row] = await tx.select().from(hotlineShifts).where(eq(hotlineShifts.id, shiftId)).for("update").limit(1);
  if (!row) throw notFound("Shift");
  shiftPolicy.authorize(actor, "manage", row);
  return row;
}

/** Changes a shift's person, role or times; the place stays (delete and add to move it). */
export async function updateShift(tx: Tx, actor: Actor, shiftId: string, input: UpdateShiftInput, now: Date): Promise<HotlineShiftRow> {
  const before = await lockShift(tx, actor, shiftId);
  const next = {
    accountId: input.accountId ?? before.accountId,
    role: input.role ?? before.role,
    startsAt: input.startsAt ? new Date(input.startsAt) : before.startsAt,
    endsAt: input.endsAt ? new Date(input.endsAt) : before.endsAt,
  };
  checkTimes(next.startsAt, next.endsAt);
  await checkPerson(tx, next.accountId, next.role, before.regionPath);
  await checkNoOverlap(tx, next.accountId, next.startsAt, next.endsAt, before.id);
  const [row] = await tx.update(hotlineShifts).set({ ...next, updatedAt: now }).where(eq(hotlineShifts.id, shiftId)).returning();
  await recordAudit(tx, { actor, action: "hotline.shift_update", entityType: "hotline_shift", entityId: row.id, at: now, regionPath: row.regionPath, detail: { from: auditDetail(before), to: auditDetail(row) } });
  return row;
}

/** Takes a shift off the roster. */
export async function deleteShift(tx: Tx, actor: Actor, shiftId: string, now: Date): Promise<void> {
  const before = await lockShift(tx, actor, shiftId);
  await tx.delete(hotlineShifts).where(eq(hotlineShifts.id, shiftId));
  await recordAudit(tx, { actor, action: "hotline.shift_delete", entityType: "hotline_shift", entityId: before.id, at: now, regionPath: before.regionPath, detail: auditDetail(before) });
}
