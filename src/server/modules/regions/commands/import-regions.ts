import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { hasRole, isWithinScope, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { regions } from "../regions.tables.ts";
import { parseRegionCsv, planRegionImport, type KnownRegion } from "../region-rules.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";

/**
 * Imports `code,name,parentCode,level` lines, all or nothing: any bad line
 * (unknown parent, duplicate code, bad level, …) rejects the whole file with
 * every problem listed by line. `actor` null is the CLI, which may import anywhere.
 */
export async function importRegions(tx: Tx, actor: Actor, csv: string, now: Date): Promise<{ imported: number }> {
  if (actor.kind !== "system" && !hasRole(actor, "admin")) throw new AppError("FORBIDDEN", "Only administrators import regions");
  const { rows, problems: parseProblems } = parseRegionCsv(csv);
  const existingRows = await tx.select({ code: regions.code, level: regions.level, path: regions.path }).from(regions);
  const existing = new Map<string, KnownRegion>(existingRows.map((row) => [row.code, row]));
  const isInScope = (path: string) => actor.kind === "system" || isWithinScope(actor, path);
  const { plan, problems } = planRegionImport(rows, existing, isInScope);
  const allProblems = [...parseProblems, ...problems].sort((a, b) => a.line - b.line);
  if (allProblems.length > 0) {
    throw new AppError("IMPORT_INVALID", `${allProblems.length} bad line(s); nothing was imported`, { extra: { errors: allProblems } });
  }
  if (plan.length === 0) throw new AppError("VALIDATION_FAILED", "The file has no region lines", { field: "csv" });
  for (let i = 0; i < plan.length; i += 500) {
    await tx.insert(regions).values(
      plan.slice(i, i + 500).map((row) => ({ code: row.code, name: row.name, level: row.level, parentCode: row.parentCode, path: row.path, depth: row.depth })),
    );
    expireCacheVersions(tx);
  }
  await recordAudit(tx, { actor, action: "region.import", entityType: "region", at: now, detail: { imported: plan.length, codes: plan.slice(0, 20).map((r) => r.code) } });
  return { imported: plan.length };
}
