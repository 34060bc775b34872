import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { isWithinScope, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { venues, venueWindows, venuePostHolders } from "../venues.tables.ts";
import { canCreateVenueIn, venuePolicy } from "../venues.policy.ts";
import { REGION_LEVEL_OF_VENUE, type VenueLevel } from "../venue-rules.ts";
import type { CreateVenueInput, UpdateVenueInput } from "../venues.types.ts";

/** Creates a venue (实体平台) in a region of the actor's scope. */
export async function createVenue(tx: Tx, actor: Actor, input: CreateVenueInput, now: Date): Promise<string> {
  const region = await resolveRegion(tx, input.regionCode);
  if (!canCreateVenueIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not create venues in this region");
  assertLevelMatchesRegion(input.level, region.level);
  const [created] = await tx
    .insert(venues)
    .values({
      name: input.name.trim(),
      level: input.level,
      regionCode: region.code,
      regionPath: region.path,
      address: input.address ?? "",
      openingHours: input.openingHours ?? "",
      phone: input.phone ?? "",
      floorArea: input.floorArea ?? null,
      isStreetFacingGroundFloor: input.isStreetFacingGroundFloor ?? false,
      ...equipmentColumns(input.equipment),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: venues.id });
  await replaceWindows(tx, created.id, input.windows ?? []);
  await replacePosts(tx, actor, created.id, input.posts ?? []);
  await recordAudit(tx, { actor, action: "venue.create", entityType: "venue", entityId: created.id, at: now, regionPath: region.path, detail: { name: input.name, level: input.level, regionCode: region.code } });
  return created.id;
}

/** Edits a venue; only the fields sent change. Moving it to another region needs scope over both. */
export async function updateVenue(tx: Tx, actor: Actor, id: string, input: UpdateVenueInput, now: Date): Promise<void> {
  const [venue] = await tx.select().from(venues).where(eq(venues.id, id)).for("update").limit(1);
  if (!venue) throw notFound("Venue");
  venuePolicy.authorize(actor, "update", venue);
  const current = { venue, regionPath: venue.regionPath };
  let regionLevel = (await resolveRegion(tx, venue.regionCode)).level;
  let regionPath = current.regionPath;
  if (input.regionCode && input.regionCode !== current.venue.regionCode) {
    const region = await resolveRegion(tx, input.regionCode);
    if (!canCreateVenueIn(actor, region.path)) throw new AppError("FORBIDDEN", "You may not move venues to this region");
    regionLevel = region.level;
    regionPath = region.path;
  }
  assertLevelMatchesRegion(input.level ?? current.venue.level, regionLevel);
  const { windows, posts, equipment, ...fields } = input;
  await tx
    .update(venues)
    .set({ ...fields, regionPath, ...(fields.name ? { name: fields.name.trim() } : {}), ...(equipment ? equipmentColumns(equipment) : {}), updatedAt: now })
    .where(eq(venues.id, id));
  if (windows) await replaceWindows(tx, id, windows);
  if (posts) await replacePosts(tx, actor, id, posts);
  await recordAudit(tx, { actor, action: "venue.update", entityType: "venue", entityId: id, at: now, regionPath, detail: { changed: Object.keys(input) } });
}

function assertLevelMatchesRegion(level: VenueLevel, regionLevel: string): void {
  const expected = REGION_LEVEL_OF_VENUE[level];
  if (expected !== regionLevel) {
    throw new AppError("VALIDATION_FAILED", `A ${level} belongs to a ${expected}, not a ${regionLevel}`, { field: "level" });
  }
}

const equipmentColumns = (equipment?: CreateVenueInput["equipment"]) => ({
  hasTouchKiosk: equipment?.hasTouchKiosk ?? false,
  hasDisplayScreen: equipment?.hasDisplayScreen ?? false,
  hasRemoteVideo: equipment?.hasRemoteVideo ?? false,
});

async function replaceWindows(tx: Tx, venueId: string, windows: NonNullable<CreateVenueInput["windows"]>): Promise<void> {
  await tx.delete(venueWindows).where(eq(venueWindows.venueId, venueId));
  if (windows.length === 0) return;
  await tx.insert(venueWindows).values(windows.map((w, position) => ({ venueId, position, name: w.name.trim(), services: w.services })));
}

/** Post holders must be accounts the actor can see (their own scope). */
async function replacePosts(tx: Tx, actor: Actor, venueId: string, posts: NonNullable<CreateVenueInput["posts"]>): Promise<void> {
  const ids = [...new Set(posts.flatMap((p) => p.accountIds))];
  if (ids.length > 0) {
    const found = await findStaffByIds(tx, ids);
    const visible = new Set([...found.values()].filter((a) => isWithinScope(actor, a.regionPath)).map((a) => a.id));
    posts.forEach((post, i) => {
      const j = post.accountIds.findIndex((id) => !visible.has(id));
      if (j >= 0) throw new AppError("VALIDATION_FAILED", `No account ${post.accountIds[j]} in your region`, { field: `posts[${i}].accountIds[${j}]` });
    });
  }
  await tx.delete(venuePostHolders).where(eq(venuePostHolders.venueId, venueId));
  const rows = posts.flatMap((p) => p.accountIds.map((accountId) => ({ venueId, post: p.post, accountId })));
  if (rows.length > 0) await tx.insert(venuePostHolders).values(rows).onConflictDoNothing();
}
