/**
 * How Santai writes an instant for people: Beijing time (Asia/Shanghai, UTC+8 with no daylight
 * saving since 1991), whatever the zone of the server or the browser. The Excel export and the
 * web app both use these two functions, so the screen and the file say the same thing.
 *
 * Pure and dependency-free: the web app imports this file too.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Beijing wall clock of an instant, "YYYY-MM-DDTHH:mm:ss.sss". */
function wallClock(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 23);
}

/** "2026-11-20 10:29": an instant (created, resolved, signed in…) in Beijing time. */
export function formatBeijingDateTime(instant: Date): string {
  const wall = wallClock(instant);
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/**
 * A deadline or due time in Beijing time. A deadline counted in working days ends with its day:
 * the server stores it as the next day's 00:00 Beijing. Shown as "00:00" it would name the wrong
 * day, so an instant that is exactly Beijing midnight is written as the previous day's "24:00"
 * ("2026-11-20 24:00", as notices write 当日24时). Any other instant reads as formatBeijingDateTime.
 */
export function formatBeijingDeadline(instant: Date): string {
  if (wallClock(instant).endsWith("T00:00:00.000")) {
    return `${wallClock(new Date(instant.getTime() - DAY_MS)).slice(0, 10)} 24:00`;
  }
  return formatBeijingDateTime(instant);
}

/**
 * The instant a Beijing day ("YYYY-MM-DD") begins (its 00:00 Beijing, 16:00 UTC the day before).
 * A filter "from 2026-11-20 to 2026-11-25" means [start of the 20th, start of the 26th).
 */
export function beijingDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** The instant a Beijing day ends: the next day's 00:00 Beijing (exclusive upper bound). */
export function beijingDayEnd(date: string): Date {
  return new Date(beijingDayStart(date).getTime() + DAY_MS);
}
