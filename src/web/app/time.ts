/**
 * Time in the web app: every instant is shown, and every date is entered, in Beijing time
 * (Asia/Shanghai), whatever the browser's zone — the same as the Excel export and the documents.
 *
 * - Showing: formatDateTime for moments (created, signed in…), formatDeadline for deadlines and
 *   due times (a deadline ending a Beijing day reads "2026-11-20 24:00", never the next day's
 *   "00:00" nor a "23:59"). Both come from the server's platform/beijing-time.ts, which the export
 *   uses too.
 * - Entering: Ant Design's pickers work on dayjs objects whose fields (year … minute) are what
 *   the person sees. Those fields are read as Beijing wall-clock time here, at the boundary,
 *   never through the browser's zone. The timezone plugin makes the pickers' "today" Beijing's
 *   (rc-picker asks dayjs().tz() for now when the plugin is loaded).
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { formatBeijingDateTime, formatBeijingDeadline } from '../../server/platform/beijing-time.ts';

export const BEIJING_ZONE = 'Asia/Shanghai';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.tz.setDefault(BEIJING_ZONE);

const DAY_MS = 86_400_000;

function parse(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2026-11-20 10:29" in Beijing time; '' for no value; an unreadable value as it came. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatBeijingDateTime(date) : (iso ?? '');
}

/** A deadline or due time in Beijing time: Beijing midnight is the previous day's "24:00". */
export function formatDeadline(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatBeijingDeadline(date) : (iso ?? '');
}

/** Today's date in Beijing, "YYYY-MM-DD". */
export function beijingToday(now = Date.now()): string {
  return formatBeijingDateTime(new Date(now)).slice(0, 10);
}

/** Whether `iso` lies in the future. */
export function isFuture(iso: string | null | undefined, now = Date.now()): boolean {
  const date = parse(iso);
  return date !== undefined && date.getTime() > now;
}

/** How long until `iso`, or how long ago it passed, in hours (a duration: no zone involved). */
export function timeLeft(iso: string, now = Date.now()): { isOverdue: boolean; hours: number } {
  const ms = new Date(iso).getTime() - now;
  return { isOverdue: ms < 0, hours: Math.abs(ms) / 3_600_000 };
}

// ---- pickers ----

/** A Beijing date ("YYYY-MM-DD") as a DatePicker value showing that day. */
export function toPickerDate(date: string): Dayjs {
  return dayjs(date);
}

/** The Beijing date a person picked, "YYYY-MM-DD": the day the picker shows, not the browser's. */
export function fromPickerDate(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

/**
 * The instant a picked day ends in Beijing (its 24:00, i.e. the next day's 00:00 Beijing), as
 * ISO: a due date "by 2026-11-25" means by the end of that Beijing day, like the server's
 * working-day deadlines (calendar endOfBeijingDay), so both read "2026-11-25 24:00".
 */
export function endOfPickedDay(value: Dayjs): string {
  return new Date(Date.parse(`${fromPickerDate(value)}T00:00:00+08:00`) + DAY_MS).toISOString();
}

/** For DatePicker's disabledDate: days before today in Beijing. */
export function isBeforeBeijingToday(value: Dayjs, now = Date.now()): boolean {
  return fromPickerDate(value) < beijingToday(now);
}
