import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { RegionRow } from "../../regions/queries/resolve-region.ts";
import { legalAidStandards } from "../legal-aid.tables.ts";
import { legalAidStandardPolicy } from "../legal-aid.policy.ts";
import { extraMattersProblem, isCalendarDate } from "../eligibility-rules.ts";
import type { StandardInput } from "../legal-aid.types.ts";

/**
 * Adds a province's hardship standard from a date on (法律援助法 第三十四条: the
 * province sets it and adjusts it). Standards are never edited: a change is a new
 * row from a new date, so an earlier check stays explainable. One per province and date.
 */
export async function addStandard(tx: Tx, actor: Actor, province: Pick<RegionRow, "code" | "name" | "path" | "level">, input: StandardInput, now: Date): Promise<string> {
  legalAidStandardPolicy.authorize(actor, "add", { provincePath: province.path });
  if (province.level !== "province") throw new AppError("VALIDATION_FAILED", `${province.code} is not a province`, { field: "provinceCode" });
  if (!isCalendarDate(input.effectiveFrom)) throw new AppError("VALIDATION_FAILED", `${input.effectiveFrom} is not a date of the calendar`, { field: "effectiveFrom" });
  const problem = extraMattersProblem(input.extraMatters);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  const line = Math.round(input.incomeLinePerMember * 100) / 100;
  const [row] = await tx
    .insert(legalAidStandards)
    .values({
      provinceCode: province.code,
      provincePath: province.path,
      effectiveFrom: input.effectiveFrom,
      incomeLinePerMember: line.toFixed(2),
      extraMatters: input.extraMatters,
      basis: input.basis,
      createdBy: actor.kind === "staff" ? actor.id : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: legalAidStandards.id });
  if (!row) throw new AppError("CONFLICT", `${province.name} already has a standard from ${input.effectiveFrom}; add one from another date`, { field: "effectiveFrom" });
  await recordAudit(tx, {
    actor,
    action: "legal_aid.standard_add",
    entityType: "legal_aid_standard",
    entityId: row.id,
    at: now,
    regionPath: province.path,
    detail: { ...input, provinceCode: province.code, provinceName: province.name, incomeLinePerMember: line },
  });
  return row.id;
}
