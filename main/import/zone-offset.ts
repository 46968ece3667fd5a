/**
 * Zone offsets without date-fns-tz on the hot path: its formatInTimeZone and
 * fromZonedTime tokenize a formatted date on every call, which made 50,000
 * rows take seconds. One Intl formatter per zone, and offsets cached at
 * week and day boundaries: when both ends of a span have the same offset,
 * it held all along (no real zone changes and changes back within a week).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const boundaryOffsets = new Map<string, Map<number, number>>();
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MAX_CACHED = 200_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let dtf = formatters.get(timeZone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, dtf);
  }
  return dtf;
}

/** Offset of the zone from UTC at an instant, in minutes, asked of Intl directly. */
function exactOffset(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

function offsetAtBoundary(at: number, timeZone: string): number {
  let zone = boundaryOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    boundaryOffsets.set(timeZone, zone);
  }
  let offset = zone.get(at);
  if (offset === undefined) {
    if (zone.size >= MAX_CACHED) zone.clear();
    offset = exactOffset(at, timeZone);
    zone.set(at, offset);
  }
  return offset;
}

/** The offset that held over the whole span of `size` around `ms`, or undefined when it changed inside. */
function steadyOffset(ms: number, size: number, timeZone: string): number | undefined {
  const start = Math.floor(ms / size) * size;
  const offset = offsetAtBoundary(start, timeZone);
  return offset === offsetAtBoundary(start + size, timeZone) ? offset : undefined;
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `ms` (−180 for Buenos Aires). */
export function offsetMinutes(ms: number, timeZone: string): number {
  return steadyOffset(ms, WEEK, timeZone) ?? steadyOffset(ms, DAY, timeZone) ?? exactOffset(ms, timeZone);
}

/** The instant at which the wall clock of `timeZone` shows `wallMs` (a wall time written as if UTC). In a DST gap, the time after it. */
export function instantOfWallTime(wallMs: number, timeZone: string): number {
  const first = wallMs - offsetMinutes(wallMs, timeZone) * 60_000;
  const second = wallMs - offsetMinutes(first, timeZone) * 60_000;
  return second;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-11-24T17:00:00-03:00": the instant on the zone's wall clock, with its offset ("Z" at zero, as date-fns-tz writes it). */
export function zonedIso(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const wall = new Date(ms + offset * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  if (offset === 0) return `${date}T${time}Z`;
  const abs = Math.abs(offset);
  return `${date}T${time}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Weekday (0 Sunday … 6 Saturday), hour and minute on the zone's wall clock. */
export function wallClock(ms: number, timeZone: string): { weekday: number; hour: number; minute: number } {
  const wall = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  return { weekday: wall.getUTCDay(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
}
