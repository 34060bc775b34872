import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { hotlineSeats, type HotlineSeatRow } from "../hotline.tables.ts";
import { seatPolicy, SEAT_HOLDER_ROLES } from "../hotline.policy.ts";
import type { CreateSeatInput, UpdateSeatInput } from "../hotline.types.ts";
import { getHotlineSource } from "../queries/find-hotline-sources.ts";

/** An operator for a seat: an active operator or lawyer of the seat's region, at no other seat of the same phone system. */
async function checkOperator(tx: Tx, operatorId: string, seat: { sourceId: string; regionPath: string; id?: string }) {
  const staff = (await findStaffByIds(tx, [operatorId])).get(operatorId);
  if (!staff || staff.isDisabled || !staff.regionPath.startsWith(seat.regionPath) || !staff.roles.some((r) => (SEAT_HOLDER_ROLES as readonly string[]).includes(r))) {
    throw new AppError("VALIDATION_FAILED", "No active operator or lawyer with this id in the seat's region", { field: "operatorId" });
  }
  const [taken] = await tx
    .select({ extension: hotlineSeats.extension })
    .from(hotlineSeats)
    .where(and(eq(hotlineSeats.sourceId, seat.sourceId), eq(hotlineSeats.operatorId, operatorId), seat.id ? ne(hotlineSeats.id, seat.id) : undefined))
    .limit(1);
  if (taken) throw new AppError("CONFLICT", `This operator already sits at extension ${taken.extension}`, { field: "operatorId" });
}

/** Adds an extension of a phone system as a seat, with its operator (an admin of the source's region). */
export async function createSeat(tx: Tx, actor: Actor, input: CreateSeatInput, now: Date): Promise<HotlineSeatRow> {
  const source = await getHotlineSource(tx, input.sourceId);
  if (!source || !seatPolicy.can(actor, "read", source)) throw new AppError("VALIDATION_FAILED", "No phone system with this id in your region", { field: "sourceId" });
  seatPolicy.authorize(actor, "manage", { regionPath: source.regionPath });
  const operatorId = input.operatorId ?? null;
  if (operatorId) await checkOperator(tx, operatorId, { sourceId: source.id, regionPath: source.regionPath });
  const [created] = await tx
    .insert(hotlineSeats)
    .values({ sourceId: source.id, extension: input.extension, name: input.name, operatorId, regionPath: source.regionPath, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new AppError("CONFLICT", `Extension ${input.extension} is already a seat of this phone system`, { field: "extension" });
  await recordAudit(tx, { actor, action: "hotline.seat_create", entityType: "hotline_seat", entityId: created.id, at: now, regionPath: source.regionPath, detail: { extension: created.extension, name: created.name, operatorId } });
  return created;
}

/** Renames a seat or seats another operator there (null: nobody). */
export async function updateSeat(tx: Tx, actor: Actor, seatId: string, input: UpdateSeatInput, now: Date): Promise<HotlineSeatRow> {
  const [seat] = await tx.select().from(hotlineSeats).where(eq(hotlineSeats.id, seatId)).for("update").limit(1);
  if (!seat) throw notFound("Seat");
  seatPolicy.authorize(actor, "manage", seat);
  if (input.operatorId) await checkOperator(tx, input.operatorId, seat);
  const changes = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.operatorId !== undefined ? { operatorId: input.operatorId } : {}) };
  const [updated] = await tx.update(hotlineSeats).set({ ...changes, updatedAt: now }).where(eq(hotlineSeats.id, seatId)).returning();
  await recordAudit(tx, {
    actor,
    action: "hotline.seat_update",
    entityType: "hotline_seat",
    entityId: seat.id,
    at: now,
    regionPath: seat.regionPath,
    detail: { extension: seat.extension, ...(input.name !== undefined ? { name: { from: seat.name, to: updated.name } } : {}), ...(input.operatorId !== undefined ? { operatorId: { from: seat.operatorId, to: updated.operatorId } } : {}) },
  });
  return updated;
}
