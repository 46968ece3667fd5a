import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { startOfLocalDay } from '../../shared/week';

/**
 * Instants as the teacher's zone writes them ("2026-11-24T17:00:00-03:00"),
 * never as the machine's zone: the desk may run on a laptop set to Tokyo.
 *
 * A full sync formats two instants per event, and Intl is slow per call,
 * so the zone's offset is asked of Intl once per UTC day and reused: when
 * the offsets at both ends of the day agree, no transition falls inside it
 * (zones change offset at most once a day); when they differ, the instant
 * itself is asked.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayOffsets = new Map<string, number | null>();
const DAY_MS = 86_400_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes east of UTC of `timeZone` at the whole second `ms`, from Intl. */
function exactOffset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - ms) / 60_000);
}

function offsetAt(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = exactOffset(day, timeZone);
    offset = start === exactOffset(day + DAY_MS - 1000, timeZone) ? start : null;
    if (dayOffsets.size > 100_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffset(ms, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function toZonedIso(instant: Date | string | number, timeZone: string): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const whole = Math.floor(ms / 1000) * 1000;
  const offset = offsetAt(whole, timeZone);
  const w = new Date(whole + offset * 60_000);
  const local = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset > 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
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
