import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { lookUpCitations } from "../../knowledge/queries/resolve-citations.ts";
import { anchorOf } from "../../knowledge/law-anchors.ts";
import { decideEligibility, isKnownMatter, type Rule } from "../eligibility-rules.ts";
import type { EligibilityRequest, EligibilityResponse } from "../legal-aid.types.ts";
import { findStandardInForce } from "./find-standards.ts";

/**
 * The province a region belongs to: the root of its path (a deployment's region
 * tree starts at its province), whose standard applies (法律援助法 第三十四条).
 */
export async function provinceOf(tx: Tx, regionCode: string) {
  const region = await resolveRegion(tx, regionCode).catch((e: unknown) => {
    // Public callers get a plain 404 naming the field, not the staff forms' 422.
    if (e instanceof AppError && e.code === "UNKNOWN_REGION") throw new AppError("NOT_FOUND", `No region has the code ${regionCode}`, { field: "regionCode" });
    throw e;
  });
  const provinceCode = codesOfPath(region.path)[0];
  const province = provinceCode === region.code ? region : await resolveRegion(tx, provinceCode);
  return { region, province };
}

/** Each rule with where the law reader shows it: the imported law's id when there is one. */
async function linkRules(tx: Tx, rules: Rule[]) {
  const found = await lookUpCitations(tx, rules);
  return rules.map((r, i) => ({ ...r, lawId: found[i]?.lawId ?? null, anchor: found[i]?.anchor ?? anchorOf(r.articleNo, 0) }));
}

/**
 * The public self-check: the engine (eligibility-rules.ts) under the standard
 * the region's province has in force on `asOf` (a Beijing date). Reads only.
 */
export async function checkEligibility(tx: Tx, input: EligibilityRequest, asOf: string): Promise<EligibilityResponse> {
  const { province } = await provinceOf(tx, input.regionCode);
  const standard = await findStandardInForce(tx, province.code, asOf);
  if (!isKnownMatter(input.matter, standard)) {
    throw new AppError("VALIDATION_FAILED", `Unknown matter ${input.matter}: one of the law's matters or one ${province.name} added`, { field: "matter" });
  }
  const result = decideEligibility(input, standard);
  return {
    ...result,
    rules: await linkRules(tx, result.rules),
    related: await linkRules(tx, result.related),
    standard: standard
      ? { provinceCode: province.code, provinceName: province.name, effectiveFrom: standard.effectiveFrom, incomeLinePerMember: standard.incomeLinePerMember, basis: standard.basis }
      : null,
    asOf,
  };
}
