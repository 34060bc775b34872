/**
 * Personal data rules: resident ID numbers (GB 11643-1999) and phone numbers.
 * Masking happens in presenters unless the actor's role needs the full value.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i], 0);
  return CHECK_CHARS[sum % 11];
}

/** No one alive was born before this; an earlier birth date is a typing error. */
export const EARLIEST_BIRTH_DATE = "19000101";

/** The calendar date in Beijing (UTC+8, no daylight saving) as YYYYMMDD. */
const beijingDay = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");

/**
 * Why an 18-character resident ID number is invalid, or null. The birth date
 * (digits 7–14) must be a real day between 1900-01-01 and `today` (Beijing),
 * so give the command's `now`; the web form may leave it to the browser's clock.
 */
export function idNumberProblem(id: string, today: Date = new Date()): string | null {
  const value = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return "an ID number has 17 digits and a digit or X";
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, "") !== birth) return "the birth date in the ID number is not a date";
  if (birth < EARLIEST_BIRTH_DATE) return "the birth date in the ID number is before 1900";
  if (birth > beijingDay(today)) return "the birth date in the ID number is in the future";
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return "the check digit does not match (GB 11643)";
  return null;
}

export const normalizeIdNumber = (id: string) => id.trim().toUpperCase();

/** 110105********1234 → shows the region prefix and the last four only. */
export const maskIdNumber = (id: string) => (id.length >= 10 ? `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}` : "*".repeat(id.length));

/** 138****5678 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}` : "*".repeat(phone.length));

/** 张* / 欧阳**: a person's name to those who need not know it (the first character). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return chars[0] + "*".repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}
