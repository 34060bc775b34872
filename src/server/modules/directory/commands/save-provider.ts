import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { legalProviders } from "../directory.tables.ts";
import { canCreateProviderIn, providerPolicy } from "../directory.policy.ts";
import type { CreateProviderInput, UpdateProviderInput } from "../directory.types.ts";

/** Adds a legal service provider (法律服务机构) in a region of the actor's scope (admins). */
export async function createProvider(tx: Tx, actor: Actor, input: CreateProviderInput, now: Date): Promise<string> {
  const region = await resolveRegion(tx, input.regionCode);
  if (!canCreateProviderIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not add providers in this region");
  const [created] = await tx
    .insert(legalProviders)
    .values({
      kind: input.kind,
      name: input.name,
      regionCode: region.code,
      regionPath: region.path,
      address: input.address?.trim() ?? "",
      phone: input.phone ?? "",
      openingHours: input.openingHours?.trim() ?? "",
      services: input.services ?? [],
      licenceNumber: input.licenceNumber?.trim() ?? "",
      description: input.description?.trim() ?? "",
      isListed: input.isListed ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: legalProviders.id });
  await recordAudit(tx, { actor, action: "directory.provider_create", entityType: "legal_provider", entityId: created.id, at: now, regionPath: region.path, detail: { name: input.name, kind: input.kind, regionCode: region.code } });
  return created.id;
}

/** Edits a provider; only the fields sent change. Moving it to another region needs scope over both. */
export async function updateProvider(tx: Tx, actor: Actor, id: string, input: UpdateProviderInput, now: Date): Promise<void> {
  const [row] = await tx.select().from(legalProviders).where(eq(legalProviders.id, id)).for("update").limit(1);
  if (!row) throw notFound("Provider");
  providerPolicy.authorize(actor, "update", row);
  let regionPath = row.regionPath;
  if (input.regionCode && input.regionCode !== row.regionCode) {
    const region = await resolveRegion(tx, input.regionCode);
    if (!canCreateProviderIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not move providers to this region");
    regionPath = region.path;
  }
  const trimmed = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v])) as UpdateProviderInput;
  await tx.update(legalProviders).set({ ...trimmed, regionPath, updatedAt: now }).where(eq(legalProviders.id, id));
  await recordAudit(tx, { actor, action: "directory.provider_update", entityType: "legal_provider", entityId: id, at: now, regionPath, detail: { changed: Object.keys(input), ...(input.isListed !== undefined ? { isListed: input.isListed } : {}) } });
}
