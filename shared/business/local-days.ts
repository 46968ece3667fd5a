import { offsetMinutes } from '../zone-offset';

/**
 * Days as numbers (days since 1970-01-01 on the wall calendar of a zone),
 * so the business figures can bucket 20,000 classes by day, week, month and
 * year with integer arithmetic: one offset lookup per class (cached by UTC
 * day in zone-offset.ts), never a date formatter per class.
 */

const DAY_MS = 86_400_000;

/** The wall-calendar day of `ms` in `timeZone`. */
export function dayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetMinutes(ms, timeZone) * 60_000) / DAY_MS);
}

/** "2026-11-24" → its day number. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Day number → "2026-11-24". */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the week holding `day`; weeks start on Sunday (0) or Monday (1). 1970-01-01 was a Thursday. */
export function weekStartDay(day: number, weekStartsOn: 0 | 1): number {
  return day - ((((day + 4 - weekStartsOn) % 7) + 7) % 7);
}

/** 2026 * 12 + 10 for November 2026: months in a row are numbers in a row. */
export function monthIndex(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function firstDayOfMonth(month: number): number {
  return Math.floor(Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS);
}

/** "2026-11" for a month index. */
export function monthKey(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
