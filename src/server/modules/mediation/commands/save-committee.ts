import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { mediationCommittees } from "../mediation.tables.ts";
import { committeePolicy } from "../mediation.policy.ts";
import { COMMITTEE_LEVELS } from "../mediation.rules.ts";
import type { SaveCommitteeInput } from "../mediation.types.ts";

/**
 * Creates (no id) or updates a people's mediation committee. A village committee sits
 * at a village (Art. 8), a township's at a township (Art. 34), an industry committee
 * at a county or above with its field named.
 */
export async function saveCommittee(tx: Tx, actor: Actor, id: string | null, input: SaveCommitteeInput, now: Date): Promise<string> {
  const region = (await findRegionRefs(tx, [input.regionCode])).get(input.regionCode);
  if (!region) throw new AppError("VALIDATION_FAILED", "No such region", { field: "regionCode" });
  committeePolicy.authorize(actor, "save", { regionPath: region.path });
  if (!COMMITTEE_LEVELS[input.kind].includes(region.level)) {
    throw new AppError("VALIDATION_FAILED", `A ${input.kind} committee sits at a ${COMMITTEE_LEVELS[input.kind].join(" or ")}, not a ${region.level}`, { field: "regionCode" });
  }
  const industry = input.kind === "industry" ? input.industry?.trim() : null;
  if (input.kind === "industry" && !industry) throw new AppError("VALIDATION_FAILED", "industry is required for an industry committee", { field: "industry" });
  const name = input.name.trim();
  const [clash] = await tx
    .select({ id: mediationCommittees.id })
    .from(mediationCommittees)
    .where(and(eq(mediationCommittees.regionCode, region.code), eq(mediationCommittees.name, name), id ? ne(mediationCommittees.id, id) : undefined))
    .limit(1);
  if (clash) throw new AppError("CONFLICT", "A committee of that name exists in this region", { field: "name" });
  const values = { name, kind: input.kind, regionCode: region.code, regionPath: region.path, industry: industry ?? null, isActive: input.isActive ?? true, updatedAt: now };
  let savedId = id;
  if (id) {
    const [existing] = await tx.select().from(mediationCommittees).where(eq(mediationCommittees.id, id)).for("update").limit(1);
    if (!existing) throw notFound("Mediation committee");
    committeePolicy.authorize(actor, "save", { regionPath: existing.regionPath });
    await tx.update(mediationCommittees).set(values).where(eq(mediationCommittees.id, id));
  } else {
    [{ id: savedId }] = await tx.insert(mediationCommittees).values({ ...values, createdAt: now }).returning({ id: mediationCommittees.id }) as [{ id: string }];
  }
  await recordAudit(tx, { actor, action: id ? "mediation_committee.update" : "mediation_committee.create", entityType: "mediation_committee", entityId: savedId!, at: now, regionPath: region.path, detail: { name, kind: input.kind, regionCode: region.code, industry, isActive: values.isActive } });
  return savedId!;
}
