import { offsetMinutes } from '../../shared/zone-offset';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Weekday (0 Sunday … 6 Saturday), hour and minute on the zone's wall clock. */
export function wallClock(ms: number, timeZone: string): { weekday: number; hour: number; minute: number } {
  const wall = ms + offsetMinutes(ms, timeZone) * MINUTE;
  const day = Math.floor(wall / DAY);
  const minuteOfDay = Math.floor((wall - day * DAY) / MINUTE);
  // Day 0, 1 January 1970, was a Thursday.
  return { weekday: (((day + 4) % 7) + 7) % 7, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
}
