import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/**
 * Week and day arithmetic without zod, so the renderer's first-paint bundle
 * (which only computes weeks, never validates) ships no schema library.
 * shared/week.ts re-exports it beside the LocalDate schema.
 */

/** A calendar day, as the teacher reads it on the wall calendar (YYYY-MM-DD). */
export type LocalDate = string;

export interface WeekRange {
  /** First day of the week in the zone (YYYY-MM-DD). */
  start: LocalDate;
  /** The seven days, in order. */
  days: LocalDate[];
  /** The instants that bound the week in the zone: [from, to). */
  from: string;
  to: string;
}

/** The calendar day an instant falls on in a zone. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  return formatInTimeZone(instant, timeZone, 'yyyy-MM-dd');
}

/** Midnight of a local day in a zone, as an instant. */
export function startOfLocalDay(day: LocalDate, timeZone: string): Date {
  return fromZonedTime(`${day}T00:00:00`, timeZone);
}

function shiftDay(day: LocalDate, days: number): LocalDate {
  // Pure UTC date arithmetic: neither the machine's zone nor any DST change can move the day.
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The week (in `timeZone`) that holds `day`; weeks start on Monday (1) or Sunday (0). */
export function weekContaining(day: LocalDate, timeZone: string, weekStartsOn: 0 | 1 = 1): WeekRange {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const back = (weekday - weekStartsOn + 7) % 7;
  const start = shiftDay(day, -back);
  const days = Array.from({ length: 7 }, (_, i) => shiftDay(start, i));
  return {
    start,
    days,
    from: startOfLocalDay(start, timeZone).toISOString(),
    to: startOfLocalDay(shiftDay(start, 7), timeZone).toISOString(),
  };
}

export function shiftWeek(day: LocalDate, weeks: number): LocalDate {
  return shiftDay(day, weeks * 7);
}
