import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { disputeScreenings, screeningSchedules } from "../mediation.tables.ts";
import { screeningPolicy } from "../mediation.policy.ts";
import { isPeriodOf, periodOf, REPORTING_LEVELS } from "../screening.rules.ts";
import type { ReportScreeningInput, SaveScheduleInput } from "../mediation.types.ts";
import { scheduleFor } from "../queries/find-screenings.ts";

/**
 * A village's or township's screening report for a period (矛盾纠纷排查): nothing found,
 * or the disputes found with category, parties and risk. One per region and period;
 * reporting again corrects it. Returns the report's id.
 */
export async function reportScreening(tx: Tx, actor: Actor, input: ReportScreeningInput, now: Date): Promise<string> {
  const region = (await findRegionRefs(tx, [input.regionCode])).get(input.regionCode);
  if (!region) throw new AppError("VALIDATION_FAILED", "No such region", { field: "regionCode" });
  screeningPolicy.authorize(actor, "report", { regionPath: region.path });
  if (!(REPORTING_LEVELS as readonly string[]).includes(region.level)) throw new AppError("VALIDATION_FAILED", "Villages and townships report screenings", { field: "regionCode" });
  const schedule = await scheduleFor(tx, region.path);
  const current = periodOf(schedule.periodKind, now);
  const period = input.period ?? current;
  if (!isPeriodOf(schedule.periodKind, period)) throw new AppError("VALIDATION_FAILED", `period must be a ${schedule.periodKind} period such as ${current}`, { field: "period" });
  if (period > current) throw new AppError("VALIDATION_FAILED", "A period is reported once it has begun", { field: "period" });
  const items = input.items ?? [];
  if (input.isNothingFound && items.length > 0) throw new AppError("VALIDATION_FAILED", "items: a report of nothing found lists no disputes", { field: "items" });
  if (!input.isNothingFound && items.length === 0) throw new AppError("VALIDATION_FAILED", "items: list the disputes found, or report nothing found", { field: "items" });
  const highRiskCount = items.filter((i) => i.riskLevel === "high").length;
  const values = { isNothingFound: input.isNothingFound, items, disputeCount: items.length, highRiskCount, reportedBy: isStaff(actor) ? actor.id : null, reportedAt: now, updatedAt: now };
  const [existing] = await tx.select({ id: disputeScreenings.id }).from(disputeScreenings).where(and(eq(disputeScreenings.regionCode, region.code), eq(disputeScreenings.period, period))).for("update").limit(1);
  let id: string;
  if (existing) {
    await tx.update(disputeScreenings).set(values).where(eq(disputeScreenings.id, existing.id));
    id = existing.id;
  } else {
    [{ id }] = await tx.insert(disputeScreenings).values({ regionCode: region.code, regionPath: region.path, period, ...values }).returning({ id: disputeScreenings.id });
  }
  const action = existing ? "dispute_screening.correct" : "dispute_screening.report";
  await recordAudit(tx, { actor, action, entityType: "dispute_screening", entityId: id, at: now, regionPath: region.path, detail: { regionCode: region.code, period, isNothingFound: input.isNothingFound, disputeCount: items.length, highRiskCount } });
  return id;
}

/** How often the villages and townships under a region report (the bureau sets it; the nearest setting up the tree applies). */
export async function saveScreeningSchedule(tx: Tx, actor: Actor, input: SaveScheduleInput, now: Date): Promise<void> {
  const region = (await findRegionRefs(tx, [input.regionCode])).get(input.regionCode);
  if (!region) throw new AppError("VALIDATION_FAILED", "No such region", { field: "regionCode" });
  screeningPolicy.authorize(actor, "schedule", { regionPath: region.path });
  const values = { periodKind: input.periodKind, dueDay: input.dueDay, updatedBy: isStaff(actor) ? actor.id : null, updatedAt: now };
  await tx.insert(screeningSchedules).values({ regionCode: region.code, regionPath: region.path, ...values }).onConflictDoUpdate({ target: screeningSchedules.regionCode, set: values });
  await recordAudit(tx, { actor, action: "screening_schedule.save", entityType: "screening_schedule", entityId: region.code, at: now, regionPath: region.path, detail: { ...input, regionCode: region.code } });
}
