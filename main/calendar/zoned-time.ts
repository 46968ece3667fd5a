import { formatInTimeZone } from 'date-fns-tz';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { startOfLocalDay } from '../../shared/week';

/**
 * Instants as the teacher's zone writes them ("2026-11-24T17:00:00-03:00"),
 * never as the machine's zone: the desk may run on a laptop set to Tokyo.
 */
export function toZonedIso(instant: Date | string | number, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** An event's start or end as an instant in `timeZone`; all-day dates start at local midnight. Null when Google sent neither. */
export function eventTimeToIso(time: calendar_v3.Schema$EventDateTime | undefined, timeZone: string): string | null {
  if (time?.dateTime) {
    const ms = Date.parse(time.dateTime);
    return Number.isNaN(ms) ? null : toZonedIso(ms, timeZone);
  }
  if (time?.date) return toZonedIso(startOfLocalDay(time.date, time.timeZone ?? timeZone), timeZone);
  return null;
}

export function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}
