import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { refusalOf } from "../aid-lawyers.rules.ts";
import { DUTY_RULES } from "../assigned-defence.rules.ts";
import { dutyLawyerShifts } from "../defence-notices.tables.ts";
import { dutyShiftPolicy } from "../defence-notices.policy.ts";
import type { AddDutyShiftInput } from "../defence-notices.types.ts";
import { beijingToday, findCenterPool } from "../queries/find-aid-lawyer-pool.ts";
import { centerOf } from "./record-defence-notice.ts";

/**
 * A duty day on the center's roster (值班律师, Art. 30): a lawyer approved in the center's pool
 * (a suspended or removed one takes no duty: 400 on `lawyerId`), at a workstation, on a day
 * not yet past (400 on `date`); the same lawyer, station, day and shift once (409). Audited.
 */
export async function addDutyShift(tx: Tx, actor: Actor, input: AddDutyShiftInput, now: Date): Promise<string> {
  const center = await centerOf(tx, input.centerRegionCode);
  dutyShiftPolicy.authorize(actor, "manage", { centerRegionPath: center.path, lawyerId: null });
  const today = beijingToday(now);
  if (input.date < today) throw new AppError("VALIDATION_FAILED", "The duty day is past", { field: "date" });
  const entry = (await findCenterPool(tx, center.path, now)).find((e) => e.accountId === input.lawyerId);
  if (!entry) throw new AppError("VALIDATION_FAILED", "That lawyer is not in the center's pool of aid lawyers", { field: "lawyerId" });
  const refusal = refusalOf(entry, {}, today);
  if (refusal) throw new AppError("VALIDATION_FAILED", `${refusal.message} (${refusal.rule.lawTitle} ${refusal.rule.articleNo})`, { field: "lawyerId", extra: { reason: refusal.reason } });
  const shift = input.shift ?? "all_day";
  const [twin] = await tx
    .select({ id: dutyLawyerShifts.id })
    .from(dutyLawyerShifts)
    .where(
      and(
        eq(dutyLawyerShifts.centerRegionCode, center.code),
        eq(dutyLawyerShifts.stationName, input.stationName),
        eq(dutyLawyerShifts.dutyDate, input.date),
        eq(dutyLawyerShifts.shift, shift),
        eq(dutyLawyerShifts.lawyerId, input.lawyerId),
      ),
    )
    .limit(1);
  if (twin) throw new AppError("CONFLICT", "The lawyer is on this duty already", { field: "lawyerId" });
  const [{ id }] = await tx
    .insert(dutyLawyerShifts)
    .values({
      aidLawyerId: entry.id,
      lawyerId: entry.accountId,
      centerRegionCode: center.code,
      centerRegionPath: center.path,
      stationKind: input.stationKind,
      stationName: input.stationName,
      dutyDate: input.date,
      shift,
      createdBy: isStaff(actor) ? actor.id : null,
      createdAt: now,
    })
    .returning({ id: dutyLawyerShifts.id });
  const { lawTitle, articleNo } = DUTY_RULES.duty_lawyer;
  await recordAudit(tx, {
    actor,
    action: "duty_shift.add",
    entityType: "duty_shift",
    entityId: id,
    at: now,
    regionPath: center.path,
    detail: { lawyerId: entry.accountId, lawyer: entry.displayName, stationKind: input.stationKind, stationName: input.stationName, date: input.date, shift, rules: [{ lawTitle, articleNo }] },
  });
  return id;
}

/** A duty day taken off the roster (audited with what it was); a past day stays, as the record of who was on duty. */
export async function removeDutyShift(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
  const [row] = await tx.select().from(dutyLawyerShifts).where(eq(dutyLawyerShifts.id, id)).for("update").limit(1);
  if (!row) throw notFound("Duty shift");
  dutyShiftPolicy.authorize(actor, "manage", { centerRegionPath: row.centerRegionPath, lawyerId: row.lawyerId });
  if (row.dutyDate < beijingToday(now)) throw new AppError("INVALID_TRANSITION", "A past duty day stays on the roster");
  await tx.delete(dutyLawyerShifts).where(eq(dutyLawyerShifts.id, id));
  await recordAudit(tx, {
    actor,
    action: "duty_shift.remove",
    entityType: "duty_shift",
    entityId: id,
    at: now,
    regionPath: row.centerRegionPath,
    detail: { lawyerId: row.lawyerId, stationKind: row.stationKind, stationName: row.stationName, date: row.dutyDate, shift: row.shift },
  });
}
