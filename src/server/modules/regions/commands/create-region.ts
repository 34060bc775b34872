import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { regions, type RegionRow } from "../regions.tables.ts";
import { regionPolicy } from "../regions.policy.ts";
import { childLevelOf, codeProblem, depthOf, pathOf } from "../region-rules.ts";
import { resolveRegion } from "../queries/resolve-region.ts";
import { expireCacheVersions } from "../../../platform/cache.ts";

/** Adds a child node under `parentCode`; its level is the one below the parent's. */
export async function createRegion(
  tx: Tx,
  actor: Actor,
  input: { code: string; name: string; parentCode: string },
  now: Date,
): Promise<RegionRow> {
  const parent = await resolveRegion(tx, input.parentCode, "parentCode");
  regionPolicy.authorize(actor, "createChild", parent);
  const level = childLevelOf(parent.level);
  if (!level) throw new AppError("VALIDATION_FAILED", "A village has no children", { field: "parentCode" });
  const problem = codeProblem(input.code, level, parent.code);
  if (problem) throw new AppError("VALIDATION_FAILED", `code: ${problem}`, { field: "code" });
  const [created] = await tx
    .insert(regions)
    .values({ code: input.code, name: input.name.trim(), level, parentCode: parent.code, path: pathOf(parent.path, input.code), depth: depthOf(level) })
    .onConflictDoNothing()
    .returning();
  expireCacheVersions(tx);
  if (!created) throw new AppError("CONFLICT", `A region with the code ${input.code} exists`, { field: "code" });
  await recordAudit(tx, { actor, action: "region.create", entityType: "region", entityId: created.code, at: now, regionPath: created.path, detail: { name: created.name, level } });
  return created;
}
