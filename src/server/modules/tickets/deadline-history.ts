import type { WorkingCalendar } from "../calendar/working-calendar.ts";

/**
 * The arithmetic of a deadline's life, pure, so that running a deadline (intake,
 * resume, extension, reopen in deadlines.ts) and recalculating it after a calendar
 * change (replayDeadline) are the same code.
 */

export type Unit = "hours" | "working_days";
type Amount = { amount: number; unit: Unit };

/** The instant a limit runs out when started at `from`. */
export function dueAt(calendar: WorkingCalendar, rule: Amount, from: Date): Date {
  return rule.unit === "hours" ? new Date(from.getTime() + rule.amount * 3_600_000) : calendar.addWorkingDays(from, rule.amount);
}

/** A deadline that ended at the close of a working day, moved on by `days` more working days. */
function shiftWorkingDays(calendar: WorkingCalendar, due: Date, days: number): Date {
  if (days <= 0) return due;
  // `due` is a day's end (24:00 Beijing); step back a moment so its own day is the start.
  return calendar.addWorkingDays(new Date(due.getTime() - 1), days);
}

/**
 * Resuming after a suspension moves a deadline on by the time it spent paused:
 * the working days from the day it was paused up to the day it resumed for a
 * working-day limit, the paused hours for an hour limit.
 */
export function afterPause(calendar: WorkingCalendar, due: Date, unit: Unit, pausedAt: Date, resumedAt: Date): Date {
  return unit === "hours" ? new Date(due.getTime() + (resumedAt.getTime() - pausedAt.getTime())) : shiftWorkingDays(calendar, due, calendar.workingDaysBetween(pausedAt, resumedAt));
}

/** An approved extension (延期) moves a deadline on by its amount. */
export function afterExtension(calendar: WorkingCalendar, due: Date, extension: Amount): Date {
  return extension.unit === "hours" ? new Date(due.getTime() + extension.amount * 3_600_000) : shiftWorkingDays(calendar, due, extension.amount);
}

/** What a deadline is: its step and limit, when it (last) started. */
export type DeadlineStart = { step: string; amount: number; unit: Unit; startedAt: Date };

/** The entries of a ticket's trail that move its deadlines, in order. */
export type TrailEntry = { seq: number; at: Date; type: string; data: Record<string, unknown> };

/** The trail's event types replayDeadline reads; the recalculation loads only these. */
export const DEADLINE_TRAIL_TYPES = ["action.suspend", "action.resume", "action.reopen", "deadline.extended"] as const;

/**
 * A deadline's due time on `calendar`, replayed from its start and the ticket's
 * trail: the limit counted from `startedAt`, then every completed suspension
 * (`action.suspend` … `action.resume`) and every approved extension of its step
 * (`deadline.extended`), in order. Reopening (`action.reopen`) restarted the
 * resolve deadline at `startedAt`: only what follows the last reopen counts for it.
 * A suspension still open has not moved the deadline yet (resuming will).
 */
export function replayDeadline(calendar: WorkingCalendar, deadline: DeadlineStart, trail: readonly TrailEntry[]): Date {
  const lastReopen = deadline.step === "resolve" ? Math.max(0, ...trail.filter((e) => e.type === "action.reopen").map((e) => e.seq)) : 0;
  let due = dueAt(calendar, deadline, deadline.startedAt);
  let pausedAt: Date | null = null;
  for (const entry of [...trail].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq <= lastReopen) continue;
    if (entry.type === "action.suspend" && !pausedAt) pausedAt = entry.at;
    else if (entry.type === "action.resume" && pausedAt) {
      due = afterPause(calendar, due, deadline.unit, pausedAt, entry.at);
      pausedAt = null;
    } else if (entry.type === "deadline.extended" && entry.data.step === deadline.step) {
      due = afterExtension(calendar, due, { amount: Number(entry.data.amount), unit: entry.data.unit === "hours" ? "hours" : "working_days" });
    }
  }
  return due;
}
