/**
 * Wall-clock readings of instants in an IANA zone, without the machine's
 * zone ever taking part: the desk may run on a laptop set to Tokyo while
 * the teacher works in Buenos Aires.
 *
 * Pure (Intl only, through shared/zone-offset; no DOM), so the layout and
 * its tests run anywhere.
 */
import { offsetMinutes } from '../../../shared/zone-offset';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export interface WallTime {
  /** The calendar day on the wall (YYYY-MM-DD). */
  day: string;
  /** Minutes since that day's midnight as the clock reads them (0 to <1440; may be fractional). */
  minute: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What the wall clock in `timeZone` reads at instant `ms`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const wall = new Date(ms + offsetMinutes(ms, timeZone) * MINUTE);
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const minute = (wall.getUTCHours() * 60 + wall.getUTCMinutes()) + (wall.getUTCSeconds() * 1000 + wall.getUTCMilliseconds()) / MINUTE;
  return { day, minute };
}

/** The instant the wall clock of `timeZone` reads midnight starting `day` (close enough for a zone changing at 00:00). */
function startOfWallDay(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  return utcMidnight - offsetMinutes(utcMidnight, timeZone) * MINUTE;
}

/** When the clocks change during `day` (DST): the offsets (minutes) and an instant on each side of the change; else null. */
export function offsetChange(day: string, timeZone: string): { before: number; after: number; beforeAt: number; afterAt: number } | null {
  const start = startOfWallDay(day, timeZone);
  const before = offsetMinutes(start, timeZone);
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const afterAt = startOfWallDay(next.toISOString().slice(0, 10), timeZone) - MINUTE;
  const after = offsetMinutes(afterAt, timeZone);
  return before === after ? null : { before, after, beforeAt: start, afterAt };
}

export { DAY_MINUTES };
