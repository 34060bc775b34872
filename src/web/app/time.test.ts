// The browser's zone must not matter, so these run in a zone far from Beijing: New York
// (UTC-5 in November). Node applies a TZ set at run time to every Date made afterwards; the
// first test checks that it took.
process.env.TZ = 'America/New_York';
/** The web tsconfig has no Node types; this file runs in Node (vitest) all the same. */
declare const process: { env: Record<string, string | undefined> };

import { afterEach, describe, expect, it, vi } from 'vitest';
import dayjs from 'dayjs';
import dayjsGenerateConfig from 'rc-picker/lib/generate/dayjs';
import { beijingToday, endOfPickedDay, formatDateTime, formatDeadline, fromPickerDate, isBeforeBeijingToday, toPickerDate } from './time';

afterEach(() => {
  vi.useRealTimers();
});

describe('Beijing time in a New York browser', () => {
  it('runs in New York', () => {
    expect(new Date('2026-11-19T16:30:00Z').getTimezoneOffset()).toBe(300);
    expect(new Date('2026-11-19T16:30:00Z').getDate()).toBe(19);
  });

  it('shows an instant near the day boundary on the Beijing clock', () => {
    // 16:30 UTC is 11:30 on the 19th in New York, 00:30 on the 20th in Beijing.
    expect(formatDateTime('2026-11-19T16:30:00.000Z')).toBe('2026-11-20 00:30');
    expect(formatDateTime('2026-11-19T15:59:00.000Z')).toBe('2026-11-19 23:59');
    expect(formatDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
  });

  it('shows a deadline at Beijing midnight as 24:00 of the day it belongs to', () => {
    // A 1-working-day deadline on a ticket taken in Friday 2026-11-20: the end of Monday the 23rd.
    expect(formatDeadline('2026-11-23T16:00:00.000Z')).toBe('2026-11-23 24:00');
    expect(formatDeadline('2026-12-31T16:00:00.000Z')).toBe('2026-12-31 24:00');
    expect(formatDeadline('2026-02-28T16:00:00.000Z')).toBe('2026-02-28 24:00');
    // Any other deadline (hours from a moment) reads as a plain time; a moment at midnight stays 00:00.
    expect(formatDeadline('2026-12-19T16:30:00.000Z')).toBe('2026-12-20 00:30');
    expect(formatDateTime('2026-11-23T16:00:00.000Z')).toBe('2026-11-24 00:00');
  });

  it('keeps empty and unreadable values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDeadline(undefined)).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('reads a picked day as a Beijing day and ends it at Beijing 24:00', () => {
    // A value as the picker holds it when the person clicks 25 November: that day, in the browser's zone.
    const picked = toPickerDate('2026-11-25');
    expect(fromPickerDate(picked)).toBe('2026-11-25');
    expect(endOfPickedDay(picked)).toBe('2026-11-25T16:00:00.000Z');
    expect(formatDeadline(endOfPickedDay(picked))).toBe('2026-11-25 24:00');
    // A value rc-picker built from its Beijing "now" (17:00 UTC is already the 26th in Beijing).
    const fromNow = dayjs('2026-11-25T17:00:00Z').tz();
    expect(fromPickerDate(fromNow)).toBe('2026-11-26');
    expect(endOfPickedDay(fromNow)).toBe('2026-11-26T16:00:00.000Z');
  });

  it("gives the pickers Beijing's today", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-19T16:30:00Z'));
    expect(beijingToday()).toBe('2026-11-20');
    expect(dayjsGenerateConfig.getNow().format('YYYY-MM-DD')).toBe('2026-11-20');
    expect(isBeforeBeijingToday(toPickerDate('2026-11-19'))).toBe(true);
    expect(isBeforeBeijingToday(toPickerDate('2026-11-20'))).toBe(false);
  });
});
