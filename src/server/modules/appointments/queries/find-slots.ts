import { and, asc, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { escapeLike, type Actor } from "../../../policies/actor.ts";
import { addDays, beijingDate } from "../../calendar/working-calendar.ts";
import { regionPathOf } from "../../regions/queries/find-regions.ts";
import { findVenueSummaries, type VenueSummary } from "../../venues/queries/find-venue-summaries.ts";
import type { ServiceType } from "../../services/service-catalogue.ts";
import { appointmentSlots, type SlotRow } from "../appointments.tables.ts";
import { appointmentSlotPolicy } from "../appointments.policy.ts";
import type { OpenSlotView, PublicVenueView, SlotView } from "../appointments.types.ts";

/** The days a citizen sees ahead by default, and the most one request reads. */
export const PUBLIC_DAYS_AHEAD = 14;
export const MAX_RANGE_DAYS = 62;

function dayRange(from: string | undefined, to: string | undefined, today: string, defaultDays: number) {
  const start = from ?? today;
  const end = to ?? addDays(start, defaultDays - 1);
  if (end < start) throw new AppError("VALIDATION_FAILED", "The range ends before it starts", { field: "to" });
  if (end > addDays(start, MAX_RANGE_DAYS - 1)) throw new AppError("VALIDATION_FAILED", `At most ${MAX_RANGE_DAYS} days at once`, { field: "to" });
  return and(gte(appointmentSlots.startsAt, beijingDayStart(start)), lt(appointmentSlots.startsAt, beijingDayEnd(end)))!;
}

/** The venue (for the staff routes): NOT_FOUND outside the actor's reach, as for any record. */
export async function venueForStaff(tx: Tx, actor: Actor, venueId: string, action: "read" | "manage"): Promise<VenueSummary> {
  const venue = (await findVenueSummaries(tx, [venueId])).get(venueId);
  if (!venue) throw notFound("Venue");
  appointmentSlotPolicy.authorize(actor, action, { regionPath: venue.regionPath });
  return venue;
}

export const presentSlot = (actor: Actor, slot: SlotRow): SlotView => ({
  id: slot.id,
  venueId: slot.venueId,
  windowPosition: slot.windowPosition,
  windowName: slot.windowName,
  serviceType: slot.serviceType,
  startsAt: slot.startsAt.toISOString(),
  endsAt: slot.endsAt.toISOString(),
  capacity: slot.capacity,
  bookedCount: slot.bookedCount,
  isClosed: slot.isClosed,
  abilities: appointmentSlotPolicy.abilities(actor, slot),
});

/** The workbench's slot list of a venue over some days, closed ones included. */
export async function findSlots(tx: Tx, actor: Actor, filter: { venueId: string; from: string; to?: string; serviceType?: ServiceType }, now: Date): Promise<SlotView[]> {
  await venueForStaff(tx, actor, filter.venueId, "read");
  const conditions: SQL[] = [eq(appointmentSlots.venueId, filter.venueId), dayRange(filter.from, filter.to, beijingDate(now), 7)];
  if (filter.serviceType) conditions.push(eq(appointmentSlots.serviceType, filter.serviceType));
  const rows = await tx.select().from(appointmentSlots).where(and(...conditions)).orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.windowPosition), asc(appointmentSlots.serviceType)).limit(2000);
  return rows.map((slot) => presentSlot(actor, slot));
}

/** Public: a venue's slots ahead that are open, with the places left (full ones too, as full). */
export async function findOpenSlots(tx: Tx, venueId: string, filter: { from?: string; to?: string; serviceType?: ServiceType }, now: Date): Promise<OpenSlotView[]> {
  const conditions: SQL[] = [eq(appointmentSlots.venueId, venueId), eq(appointmentSlots.isClosed, false), gt(appointmentSlots.startsAt, now), dayRange(filter.from, filter.to, beijingDate(now), PUBLIC_DAYS_AHEAD)];
  if (filter.serviceType) conditions.push(eq(appointmentSlots.serviceType, filter.serviceType));
  const rows = await tx.select().from(appointmentSlots).where(and(...conditions)).orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.windowPosition)).limit(1000);
  return rows.map((s) => ({ id: s.id, serviceType: s.serviceType, windowName: s.windowName, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), remaining: s.capacity - s.bookedCount }));
}

/**
 * Public: the venues in a region (and below it) that have places open ahead, with
 * the services they can be booked for. An unknown region finds nothing.
 */
export async function findBookableVenues(tx: Tx, filter: { regionCode?: string; serviceType?: ServiceType }, now: Date): Promise<PublicVenueView[]> {
  const conditions: SQL[] = [eq(appointmentSlots.isClosed, false), gt(appointmentSlots.startsAt, now), lt(appointmentSlots.bookedCount, appointmentSlots.capacity)];
  if (filter.regionCode) {
    const path = await regionPathOf(tx, filter.regionCode);
    if (!path) return [];
    conditions.push(sql`${appointmentSlots.regionPath} like ${`${escapeLike(path)}%`}`);
  }
  if (filter.serviceType) conditions.push(eq(appointmentSlots.serviceType, filter.serviceType));
  const rows = await tx
    .select({ venueId: appointmentSlots.venueId, services: sql<ServiceType[]>`array_agg(distinct ${appointmentSlots.serviceType} order by ${appointmentSlots.serviceType})` })
    .from(appointmentSlots)
    .where(and(...conditions))
    .groupBy(appointmentSlots.venueId)
    .limit(500);
  const venues = await findVenueSummaries(tx, rows.map((r) => r.venueId));
  return rows
    .flatMap((r) => {
      const v = venues.get(r.venueId);
      return v ? [{ id: v.id, name: v.name, regionCode: v.regionCode, regionName: v.regionName, address: v.address, openingHours: v.openingHours, phone: v.phone, services: r.services, path: v.regionPath }] : [];
    })
    .sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : 1))
    .map(({ path: _path, ...view }) => view);
}

/** One slot as the workbench shows it (after a change the actor made, so in their reach). */
export async function getSlotView(tx: Tx, actor: Actor, id: string): Promise<SlotView> {
  const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)).limit(1);
  if (!slot) throw notFound("Appointment slot");
  appointmentSlotPolicy.authorize(actor, "read", slot);
  return presentSlot(actor, slot);
}
