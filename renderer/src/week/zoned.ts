/**
 * Wall-clock readings of instants in an IANA zone, without the machine's
 * zone ever taking part: the desk may run on a laptop set to Tokyo while
 * the teacher works in Buenos Aires.
 *
 * Pure (Intl only, no DOM), so the layout and its tests run anywhere.
 */

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/**
 * Zone offsets change only at transitions, and every real transition falls
 * on a quarter hour of UTC (even +05:45 and +10:30 zones change at local
 * :00 or :30), so the offset is constant within a UTC quarter hour: cache it.
 */
const BUCKET = 15 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes to add to UTC to read the wall clock in `timeZone` at `ms` (e.g. -180 in Buenos Aires). */
export function offsetMinutes(ms: number, timeZone: string): number {
  let cache = offsets.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsets.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / BUCKET);
  const known = cache.get(bucket);
  if (known !== undefined) return known;
  const at = bucket * BUCKET;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  const offset = Math.round((wall - at) / MINUTE);
  cache.set(bucket, offset);
  return offset;
}

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

export { DAY_MINUTES };
