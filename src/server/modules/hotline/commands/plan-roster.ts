import { and, gte, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { hotlineCoverageRules, hotlineShifts } from "../hotline.tables.ts";
import { shiftPolicy } from "../hotline.policy.ts";
import { copyWeek, mondayOf, overlaps, startOfBeijingDay } from "../hotline-roster.rules.ts";
import type { CopyWeekInput, SetCoverageInput } from "../hotline-roster.types.ts";
import { coverageOf, rosterRegion } from "../queries/find-roster.ts";

const WEEK_MS = 7 * 86_400_000;

/** Sets how many operators and duty lawyers the region's 12348 line needs at every moment (admins, supervisors). */
export async function setCoverage(tx: Tx, actor: Actor, input: SetCoverageInput, now: Date) {
  const region = await rosterRegion(tx, actor, input.regionCode);
  shiftPolicy.authorize(actor, "manage", { regionPath: region.path });
  const before = await coverageOf(tx, region.code);
  for (const [role, minCount] of [["operator", input.operator], ["duty_lawyer", input.dutyLawyer]] as const) {
    await tx
      .insert(hotlineCoverageRules)
      .values({ regionCode: region.code, regionPath: region.path, role, minCount, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: [hotlineCoverageRules.regionCode, hotlineCoverageRules.role], set: { minCount, updatedBy: actor.id, updatedAt: now } });
  }
  await recordAudit(tx, {
    actor,
    action: "hotline.coverage_set",
    entityType: "region",
    entityId: region.code,
    at: now,
    regionPath: region.path,
    detail: { operator: { from: before.operator, to: input.operator }, dutyLawyer: { from: before.duty_lawyer, to: input.dutyLawyer } },
  });
  return { regionCode: region.code, operator: input.operator, dutyLawyer: input.dutyLawyer };
}

/**
 * "Apply this week's pattern to the next N weeks": every shift of the region that starts in the
 * week (Monday to Sunday, Beijing) of `weekOf` is copied 7, 14, … days later. A copy that would
 * overlap a shift the person already has then (or another copy) is skipped and reported, so running
 * it twice adds nothing the second time. One audit entry for the whole copy.
 */
export async function copyRosterWeek(tx: Tx, actor: Actor, input: CopyWeekInput, now: Date): Promise<{ created: number; skipped: number }> {
  const region = await rosterRegion(tx, actor, input.regionCode);
  shiftPolicy.authorize(actor, "manage", { regionPath: region.path });
  const weekStart = startOfBeijingDay(mondayOf(input.weekOf));
  const under = sql`${hotlineShifts.regionPath} like ${`${escapeLike(region.path)}%`}`;
  const pattern = await tx
    .select()
    .from(hotlineShifts)
    .where(and(under, gte(hotlineShifts.startsAt, weekStart), lt(hotlineShifts.startsAt, new Date(weekStart.getTime() + WEEK_MS))));
  const copies = copyWeek(pattern, input.weeks);
  if (copies.length === 0) return { created: 0, skipped: 0 };
  const people = [...new Set(pattern.map((s) => s.accountId))];
  for (const person of people.sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`hotline_shift:${person}`}, 0))`);
  const spanEnd = new Date(weekStart.getTime() + (input.weeks + 1) * WEEK_MS + 86_400_000);
  const existing = await tx
    .select({ accountId: hotlineShifts.accountId, startsAt: hotlineShifts.startsAt, endsAt: hotlineShifts.endsAt })
    .from(hotlineShifts)
    .where(and(inArray(hotlineShifts.accountId, people), gte(hotlineShifts.endsAt, new Date(weekStart.getTime() + WEEK_MS)), lt(hotlineShifts.startsAt, spanEnd)));
  const taken = [...existing];
  let created = 0;
  for (const copy of copies) {
    if (taken.some((t) => t.accountId === copy.accountId && overlaps(t, copy))) continue;
    await tx.insert(hotlineShifts).values({
      accountId: copy.accountId,
      role: copy.role,
      seatId: copy.seatId,
      venueId: copy.venueId,
      regionPath: copy.regionPath,
      startsAt: copy.startsAt,
      endsAt: copy.endsAt,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    taken.push(copy);
    created += 1;
  }
  if (created === 0 && copies.length > 0) return { created, skipped: copies.length };
  await recordAudit(tx, { actor, action: "hotline.roster_copy", entityType: "region", entityId: region.code, at: now, regionPath: region.path, detail: { weekOf: mondayOf(input.weekOf), weeks: input.weeks, created, skipped: copies.length - created } });
  return { created, skipped: copies.length - created };
}
