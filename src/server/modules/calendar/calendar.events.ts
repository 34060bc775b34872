import { createEventBus } from "../../platform/events.ts";
import type { Actor } from "../../policies/actor.ts";
import type { HolidayYear } from "./working-calendar.ts";

/** The node whose arrangement changed: a region (its own additions), or null for the national arrangement. */
export type CalendarScope = { regionCode: string; regionName: string; regionPath: string } | null;

/**
 * What the calendar module tells the modules built on it, inside the saving
 * transaction. The calendar never imports them: tickets subscribes to recalculate
 * the running deadlines the change touches (wired in src/server/wiring.ts).
 */
export type CalendarEvents = {
  /** A year's arrangement was added, changed or removed (`next` null). `previous` is null for a new year. */
  "calendar.changed": { scope: CalendarScope; year: string; previous: HolidayYear | null; next: HolidayYear | null; actor: Actor; now: Date };
};

export const calendarHooks = createEventBus<CalendarEvents>();
