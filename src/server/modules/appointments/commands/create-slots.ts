import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { loadCalendarCached } from "../../calendar/queries/cached-calendar.ts";
import { beijingDate } from "../../calendar/working-calendar.ts";
import { findVenueSummaries } from "../../venues/queries/find-venue-summaries.ts";
import { appointmentSlots } from "../appointments.tables.ts";
import { appointmentSlotPolicy } from "../appointments.policy.ts";
import { planSlots } from "../booking-rules.ts";
import type { CreateSlotsInput } from "../appointments.types.ts";

const WORKING_WEEK = [1, 2, 3, 4, 5];

/**
 * 批量开放预约时段: the chosen weekdays of a date range × time blocks, at a venue
 * (and one of its windows, which must offer the service), skipping the rest days
 * of the venue's calendar (national holidays and the region's own). Slots that
 * exist already (same venue, window, service and start) are left as they are, so
 * sending the same request twice makes nothing twice.
 */
export async function createSlots(tx: Tx, actor: Actor, input: CreateSlotsInput, now: Date): Promise<{ created: number; existing: number; restDays: string[] }> {
  const venue = (await findVenueSummaries(tx, [input.venueId])).get(input.venueId);
  if (!venue) throw notFound("Venue");
  appointmentSlotPolicy.authorize(actor, "manage", { regionPath: venue.regionPath });
  const windowPosition = input.windowPosition ?? null;
  const window = windowPosition === null ? null : venue.windows.find((w) => w.position === windowPosition);
  if (windowPosition !== null && !window) throw new AppError("VALIDATION_FAILED", `The venue has no window ${windowPosition}`, { field: "windowPosition" });
  if (window && !window.services.includes(input.serviceType)) {
    throw new AppError("VALIDATION_FAILED", `${window.name} does not offer ${input.serviceType}`, { field: "serviceType" });
  }
  if (input.from < beijingDate(now)) throw new AppError("VALIDATION_FAILED", "Slots begin today or later", { field: "from" });
  const calendar = await loadCalendarCached(tx, venue.regionPath);
  const plan = planSlots({ from: input.from, to: input.to, weekdays: input.weekdays ?? WORKING_WEEK, blocks: input.blocks, isWorkingDay: (d) => calendar.isWorkingDay(d) });
  if ("field" in plan) throw new AppError("VALIDATION_FAILED", plan.message, { field: plan.field });
  // A block of today that has already begun is not offered.
  const slots = plan.slots.filter((s) => s.startsAt.getTime() > now.getTime());
  const inserted = slots.length
    ? await tx
        .insert(appointmentSlots)
        .values(
          slots.map((s) => ({
            venueId: venue.id,
            regionPath: venue.regionPath,
            windowPosition,
            windowName: window?.name ?? null,
            serviceType: input.serviceType,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            capacity: input.capacity,
            bookedCount: 0,
            isClosed: false,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: appointmentSlots.id })
    : [];
  const result = { created: inserted.length, existing: slots.length - inserted.length, restDays: plan.restDays };
  await recordAudit(tx, {
    actor,
    action: "appointment.slots_create",
    entityType: "venue",
    entityId: venue.id,
    at: now,
    regionPath: venue.regionPath,
    detail: { serviceType: input.serviceType, windowPosition, from: input.from, to: input.to, weekdays: input.weekdays ?? WORKING_WEEK, blocks: input.blocks, capacity: input.capacity, ...result },
  });
  return result;
}
