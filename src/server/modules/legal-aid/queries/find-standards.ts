import { desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { legalAidStandards, type LegalAidStandardRow } from "../legal-aid.tables.ts";
import { standardInForce, type HardshipStandard } from "../eligibility-rules.ts";

/** A stored row as the engine reads it (numeric comes back from the driver as a string). */
export const toHardshipStandard = (row: LegalAidStandardRow): HardshipStandard => ({
  provinceCode: row.provinceCode,
  effectiveFrom: row.effectiveFrom,
  incomeLinePerMember: Number(row.incomeLinePerMember),
  extraMatters: row.extraMatters,
  basis: row.basis,
});

/** Every standard of a province, the newest effective date first. */
export async function findStandards(tx: Tx, provinceCode: string): Promise<LegalAidStandardRow[]> {
  return tx.select().from(legalAidStandards).where(eq(legalAidStandards.provinceCode, provinceCode)).orderBy(desc(legalAidStandards.effectiveFrom));
}

/** The province's standard in force on a Beijing date, or null when none applies yet. */
export async function findStandardInForce(tx: Tx, provinceCode: string, date: string): Promise<HardshipStandard | null> {
  const found = standardInForce((await findStandards(tx, provinceCode)).map(toHardshipStandard), date);
  return found;
}

/** For the audit log: a standard named by its province code and date. */
export async function findStandardLabels(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: legalAidStandards.id, provinceCode: legalAidStandards.provinceCode, effectiveFrom: legalAidStandards.effectiveFrom })
    .from(legalAidStandards)
    .where(inArray(legalAidStandards.id, wanted));
  return new Map(rows.map((r) => [r.id, `${r.provinceCode} · ${r.effectiveFrom}`]));
}
