import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { hotlineSeats, type HotlineSeatRow } from "../hotline.tables.ts";
import { seatPolicy, seatScope } from "../hotline.policy.ts";
import type { SeatView } from "../hotline.types.ts";

/** The seats the actor may see, optionally of one phone system. */
export const findSeats = (tx: Tx, actor: Actor, sourceId?: string) =>
  tx
    .select()
    .from(hotlineSeats)
    .where(and(seatScope(actor, hotlineSeats.regionPath), sourceId ? eq(hotlineSeats.sourceId, sourceId) : undefined))
    .orderBy(asc(hotlineSeats.extension));

/** The seat at an extension of a phone system, for the events (no actor: the phone system's view). */
export async function findSeatByExtension(tx: Tx, sourceId: string, extension: string): Promise<HotlineSeatRow | null> {
  const [row] = await tx.select().from(hotlineSeats).where(and(eq(hotlineSeats.sourceId, sourceId), eq(hotlineSeats.extension, extension))).limit(1);
  return row ?? null;
}

export async function presentSeats(tx: Tx, actor: Actor, rows: HotlineSeatRow[]): Promise<SeatView[]> {
  const names = await findStaffNames(tx, rows.map((r) => r.operatorId));
  return rows.map((row) => ({
    id: row.id,
    sourceId: row.sourceId,
    extension: row.extension,
    name: row.name,
    operator: row.operatorId ? { id: row.operatorId, displayName: names.get(row.operatorId) ?? "" } : null,
    abilities: seatPolicy.abilities(actor, row),
  }));
}
