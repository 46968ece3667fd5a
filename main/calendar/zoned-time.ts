import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { startOfLocalDay } from '../../shared/week';
import { zonedIso } from '../../shared/zone-offset';

/**
 * Instants as the teacher's zone writes them ("2026-11-24T17:00:00-03:00"),
 * never as the machine's zone: the desk may run on a laptop set to Tokyo.
 * A full sync formats two instants per event; shared/zone-offset caches the
 * zone's offsets so that costs next to no Intl calls.
 */
export function toZonedIso(instant: Date | string | number, timeZone: string): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return zonedIso(ms, timeZone);
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
